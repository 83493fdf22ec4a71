// Question text rules without zod, so the attendee page can check a question before queueing
// it exactly as the server will (schema/question.ts builds its schemas on these). Text is
// NFC, line breaks as LF, trimmed; lengths count Unicode code points; control characters
// other than LF (and lone surrogates) are refused, and a name is one line.

export const MAX_QUESTION_CHARS = 500;
export const MAX_AUTHOR_CHARS = 60;

/** The canonical form of user text: NFC, line breaks as LF, no surrounding white space. */
export function cleanText(raw: string): string {
	return raw.normalize('NFC').replace(/\r\n?/g, '\n').trim();
}

const FORBIDDEN = /[^\P{Cc}\n]|\p{Cs}/u;

/** True when the text holds no control character other than LF and no lone surrogate. */
export const hasOnlyPrintable = (text: string): boolean => !FORBIDDEN.test(text);

/** hasOnlyPrintable, on one line. */
export const isOneLine = (text: string): boolean => hasOnlyPrintable(text) && !text.includes('\n');

/** Length in Unicode code points (an emoji counts once). */
export const charCount = (text: string): number => [...text].length;

/** Why the server would refuse this question text (raw, as typed), or null when it takes it. */
export function questionProblem(raw: string): string | null {
	const text = cleanText(raw);
	if (!text) return 'Write a question first.';
	if (!hasOnlyPrintable(text)) return 'The question holds characters that cannot be sent.';
	const over = charCount(text) - MAX_QUESTION_CHARS;
	return over > 0 ? `The question is ${over} characters too long.` : null;
}

/** Why the server would refuse this display name (raw, as typed), or null. */
export function authorProblem(raw: string): string | null {
	const name = cleanText(raw);
	if (!isOneLine(name)) return 'A name is one line of plain characters.';
	return charCount(name) > MAX_AUTHOR_CHARS
		? `A name has at most ${MAX_AUTHOR_CHARS} characters.`
		: null;
}
