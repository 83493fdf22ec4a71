// What a broadcast means to the benchmark: a trigger names the key its broadcast will carry,
// `<watch>:<value>`, and the attendees' recorder finds, per attendee, the first event that
// carries it. The watch is known before the trigger fires and the value only from its ack:
// `timer:<version>` a timer state of that version, `question:<id>` that question,
// `votes:<questionId>:<count>` a votes event in which that question has that count. The same
// keys for Dais and for the baselines, which send the same payloads.
//
// The driver sets a crowd's watch before its triggers, so that an attendee, on receipt,
// keeps only the watched value (a number, or a question id) and its time, and lets the
// payload go at once: kept payloads outlived the young generation and were promoted, which
// started the load generator's own major collections inside measured triggers. A votes
// event carries the count of every question in the slot; only the watched one is read.

export const TIMER_WATCH = 'timer';
export const QUESTION_WATCH = 'question';
export const votesWatch = (questionId: string) => `votes:${questionId}`;

export const timerKey = (version: number) => `${TIMER_WATCH}:${version}`;
export const questionKey = (id: string) => `${QUESTION_WATCH}:${id}`;
export const votesKey = (questionId: string, count: number) => `${votesWatch(questionId)}:${count}`;

/** What a watched event carries; undefined for any other event. */
export type Value = number | string;
export type Reader = (event: string, payload: unknown) => Value | undefined;

const isRecord = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

const number = (v: unknown) => (typeof v === 'number' ? v : undefined);

/** How to read a watch's value from an event; throws for a watch none of the above makes. */
export function readerOf(watch: string): Reader {
	const [kind, ...rest] = watch.split(':');
	if (kind === TIMER_WATCH && rest.length === 0) {
		return (event, payload) =>
			event === 'timer:state' && isRecord(payload) ? number(payload.version) : undefined;
	}
	if (kind === QUESTION_WATCH && rest.length === 0) {
		return (event, payload) =>
			event === 'question:updated' && isRecord(payload) && typeof payload.id === 'string'
				? payload.id
				: undefined;
	}
	if (kind === 'votes' && rest.length === 1) {
		const questionId = rest[0]!;
		return (event, payload) =>
			event === 'question:votes' && isRecord(payload) && isRecord(payload.votes)
				? number(payload.votes[questionId])
				: undefined;
	}
	throw new Error(`not a benchmark watch: ${watch}`);
}

/** A key's watch and the value that carries it; throws for a key none of the above makes. */
export function parseKey(key: string): { watch: string; value: Value } {
	const at = key.lastIndexOf(':');
	const [watch, text] = [key.slice(0, at), key.slice(at + 1)];
	const value = watch === QUESTION_WATCH ? text : Number(text);
	if (at < 0 || text === '' || Number.isNaN(value) || !isWatch(watch)) {
		throw new Error(`not a benchmark key: ${key}`);
	}
	return { watch, value };
}

function isWatch(watch: string): boolean {
	try {
		readerOf(watch);
		return true;
	} catch {
		return false;
	}
}
