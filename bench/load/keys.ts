// What a broadcast means to the benchmark: every event an attendee receives is reduced to
// keys, and a trigger waits for its key at every attendee. `timer:<version>` for a timer
// state, `question:<id>` for a question, `votes:<questionId>:<count>` per count in a votes
// event. The same keys for Dais and for the baselines, which send the same payloads.

export const timerKey = (version: number) => `timer:${version}`;
export const questionKey = (id: string) => `question:${id}`;
export const votesKey = (questionId: string, count: number) => `votes:${questionId}:${count}`;

const isRecord = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/** The keys an event carries; none for events the benchmark does not wait for. */
export function keysOf(event: string, payload: unknown): string[] {
	if (!isRecord(payload)) return [];
	if (event === 'timer:state' && typeof payload.version === 'number') {
		return [timerKey(payload.version)];
	}
	if (event === 'question:updated' && typeof payload.id === 'string') {
		return [questionKey(payload.id)];
	}
	if (event === 'question:votes' && isRecord(payload.votes)) {
		return Object.entries(payload.votes)
			.filter((entry): entry is [string, number] => typeof entry[1] === 'number')
			.map(([id, count]) => votesKey(id, count));
	}
	return [];
}
