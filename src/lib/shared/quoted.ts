// How a title (of a slot, an event, a track) reads inside a sentence: between curly
// quotes, “A new clone syscall”. Every sentence that names a title quotes it here.

/** “Title”; one longer than `maxChars` is cut to that many, the last being an ellipsis. */
export function quoted(title: string, maxChars = Infinity): string {
	return `“${title.length > maxChars ? `${title.slice(0, maxChars - 1)}…` : title}”`;
}
