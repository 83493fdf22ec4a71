// What a broadcast means to the benchmark: a trigger names the key its broadcast will carry,
// and the attendees' recorder finds, per attendee, the first event that carries it:
// `timer:<version>` a timer state of that version, `question:<id>` that question,
// `votes:<questionId>:<count>` a votes event in which that question has that count. The
// same keys for Dais and for the baselines, which send the same payloads. A key is read
// once per trigger (carrierOf), not once per event, so that what an attendee does with an
// event stays cheap: a votes event carries the counts of every question in the slot, and
// turning each into a key at each of 1,000 attendees made the load generator, not the
// server, what a vote-count broadcast waited for.

export const timerKey = (version: number) => `timer:${version}`;
export const questionKey = (id: string) => `question:${id}`;
export const votesKey = (questionId: string, count: number) => `votes:${questionId}:${count}`;

export type Carrier = (event: string, payload: unknown) => boolean;

const isRecord = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether an event carries `key`; throws for a key none of the builders above makes. */
export function carrierOf(key: string): Carrier {
	const [kind, ...rest] = key.split(':');
	if (kind === 'timer' && rest.length === 1) {
		const version = Number(rest[0]);
		return (event, payload) =>
			event === 'timer:state' && isRecord(payload) && payload.version === version;
	}
	if (kind === 'question' && rest.length === 1) {
		const id = rest[0];
		return (event, payload) =>
			event === 'question:updated' && isRecord(payload) && payload.id === id;
	}
	if (kind === 'votes' && rest.length === 2) {
		const [questionId, count] = [rest[0]!, Number(rest[1])];
		return (event, payload) =>
			event === 'question:votes' &&
			isRecord(payload) &&
			isRecord(payload.votes) &&
			payload.votes[questionId] === count;
	}
	throw new Error(`not a benchmark key: ${key}`);
}
