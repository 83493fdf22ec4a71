// Helpers for the question tests: the seeded slots as the test clock (11:20 in Lisbon) sees
// them, asking with fresh ids, and recording the question events a socket receives.
import crypto from 'node:crypto';
import type { QuestionListResult, QuestionVotes } from '#shared/protocol.ts';
import type { Question, QuestionSettings } from '#shared/schema/question.ts';
import { send, type AnyAck, type Client } from '../world.ts';

/** At the test clock: s01 has ended, s02 is running, s03 and later are upcoming. */
export const PAST = 's01-welcome-where-containers';
export const CURRENT = 's02-moving-container-workloads';
export const UPCOMING = 's03-a-new-clone';
export const LATER = 's05-making-procfs-safer';
export const BREAK = 's06-coffee-break';

export const newId = (): string => crypto.randomUUID();

export type AskPayload = { id: string; slotId: string; text: string; authorName?: unknown };

/** Asks `text` (default: a fresh question) for the current slot; resolves the ack. */
export function ask(socket: Client, overrides: Partial<AskPayload> = {}): Promise<AnyAck> {
	return send(socket, 'question:ask', {
		id: newId(),
		slotId: CURRENT,
		text: `What about ${newId()}?`,
		...overrides
	});
}

/** Asks and expects success; resolves the stored question. */
export async function asked(
	socket: Client,
	overrides: Partial<AskPayload> = {}
): Promise<Question> {
	const ack = await ask(socket, overrides);
	if (!ack.ok) throw new Error(`question:ask failed: ${JSON.stringify(ack)}`);
	return ack.data as Question;
}

export async function list(socket: Client, slotId = CURRENT): Promise<QuestionListResult> {
	const ack = await send(socket, 'question:list', { slotId });
	if (!ack.ok) throw new Error(`question:list failed: ${JSON.stringify(ack)}`);
	return ack.data as QuestionListResult;
}

export async function moderate(chair: Client, questionId: string, action: string) {
	return send(chair, 'question:moderate', { questionId, action });
}

export async function vote(socket: Client, questionId: string, voted = true) {
	return send(socket, 'question:vote', { questionId, voted });
}

export type Recorded = {
	updated: Question[];
	removed: { questionId: string; slotId: string }[];
	votes: QuestionVotes[];
	settings: QuestionSettings[];
};

/** Everything question-related the socket receives from now on. */
export function recordQuestions(socket: Client): Recorded {
	const seen: Recorded = { updated: [], removed: [], votes: [], settings: [] };
	socket.on('question:updated', (q: Question) => void seen.updated.push(q));
	socket.on('question:removed', (r: Recorded['removed'][number]) => void seen.removed.push(r));
	socket.on('question:votes', (v: QuestionVotes) => void seen.votes.push(v));
	socket.on('questions:settings', (s: QuestionSettings) => void seen.settings.push(s));
	return seen;
}

/** Resolves once `check` holds, polling every few ms; rejects after `timeoutMs`. */
export async function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error('the expected events did not arrive');
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}
