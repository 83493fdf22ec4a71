// How a title (of a slot, an event, a track) reads inside a sentence: between curly
// quotes, “A new clone syscall”. Every sentence that names a title quotes it here.

/** “Title” */
export const quoted = (title: string): string => `“${title}”`;
