// iCalendar text from bytes, ready for ical.js: lines unfolded on bytes before UTF-8 is
// decoded (a fold may split a multi-byte character), stray carriage returns dropped (also
// continuation lines holding nothing else), a BOM removed.
const CR = 0x0d;
const LF = 0x0a;
const SPACE = 0x20;
const TAB = 0x09;

/** Unfolds RFC 5545 lines on bytes and decodes them; line ends become LF. */
export function unfoldIcs(bytes: Uint8Array): string {
	const out = new Uint8Array(bytes.length);
	let n = 0;
	for (let i = 0; i < bytes.length; i++) {
		const b = bytes[i]!;
		if (b === CR) continue;
		if (b === LF) {
			let next = i + 1;
			while (bytes[next] === CR) next++;
			if (bytes[next] === SPACE || bytes[next] === TAB) {
				i = next;
				continue;
			}
		}
		out[n++] = b;
	}
	const text = new TextDecoder('utf-8').decode(out.subarray(0, n));
	return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The 1-based line of the unfolded text that holds `fragment`, if any. */
export function lineOf(text: string, fragment: string): number | null {
	const at = fragment ? text.indexOf(fragment) : -1;
	return at < 0 ? null : text.slice(0, at).split('\n').length;
}
