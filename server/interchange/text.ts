// Text as exports carry it, made plain: HTML tags dropped (block ends become line breaks),
// character references decoded, whitespace tidied. The result is shown as text, never as
// markup, so nothing here has to be safe HTML.

const NAMED: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
	nbsp: ' ',
	ndash: '–',
	mdash: '—',
	hellip: '…',
	rsquo: '’',
	lsquo: '‘',
	rdquo: '”',
	ldquo: '“',
	laquo: '«',
	raquo: '»',
	eacute: 'é',
	egrave: 'è',
	agrave: 'à',
	uuml: 'ü',
	ouml: 'ö',
	auml: 'ä',
	szlig: 'ß',
	copy: '©'
};

function codePoint(n: number): string {
	return Number.isInteger(n) && n > 0 && n <= 0x10ffff && (n < 0xd800 || n > 0xdfff)
		? String.fromCodePoint(n)
		: '';
}

/** Decodes `&amp;`, `&#39;`, `&#x2019;` and the common named references. */
export function decodeEntities(text: string): string {
	return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
		if (ref[0] === '#') {
			const hex = ref[1] === 'x' || ref[1] === 'X';
			return codePoint(parseInt(ref.slice(hex ? 2 : 1), hex ? 16 : 10)) || whole;
		}
		return NAMED[ref.toLowerCase()] ?? whole;
	});
}

const BLOCK_END = /<\/(p|div|li|h[1-6]|tr|blockquote|pre)\s*>|<br\s*\/?>/gi;
const TAG = /<\/?[a-z][a-z0-9-]*(\s[^<>]*)?\/?>|<!--[\s\S]*?-->/gi;

/** Plain text from HTML or text: tags out, references decoded, at most one blank line. */
export function plainText(input: string | null | undefined): string {
	if (!input) return '';
	const text = decodeEntities(input.replace(BLOCK_END, '\n').replace(TAG, ''));
	return text
		.replace(/\r\n?/g, '\n')
		.replace(/[^\S\n]+/g, ' ')
		.replace(/ *\n */g, '\n')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
}

/** One line of text (titles, names): references decoded, whitespace collapsed; `<` kept. */
export function oneLine(input: string | null | undefined): string {
	return input ? decodeEntities(input).replace(/\s+/g, ' ').trim() : '';
}

/** At most `max` code points, ending with an ellipsis when cut. */
export function clip(text: string, max: number): string {
	const points = Array.from(text);
	return points.length <= max
		? text
		: `${points
				.slice(0, max - 1)
				.join('')
				.trimEnd()}…`;
}
