// One slot's questions as this device sees them, as pure functions: broadcasts merged into
// the list the server gave, and the writes still waiting in the outbox laid over it (a queued
// question shows as queued, a queued vote as cast). Nothing here mutates its arguments.
import { isPublic, sortQuestions, type QuestionOrder } from '$lib/shared/questions.ts';
import { cleanText } from '$lib/shared/question-text.ts';
import type { QuestionListResult, QuestionRemoved, QuestionVotes } from '$lib/shared/protocol.ts';
import type { Question } from '$lib/shared/schema/question.ts';
import type { OutboxEntry } from '../offline/outbox.ts';

/** A question broadcast of the followed track (`question:*` events of protocol.ts). */
export type QuestionEvent =
	| { type: 'updated'; body: Question }
	| { type: 'removed'; body: QuestionRemoved }
	| { type: 'votes'; body: QuestionVotes };

/** What question:list answered for a slot, kept up to date by its broadcasts. */
export type SlotQuestions = QuestionListResult & { slotId: string };

export type QuestionRow = Question & {
	mine: boolean;
	voted: boolean;
	/** waiting in the outbox: the server has not stored it yet */
	queued: boolean;
	/** server epoch ms before which the server refused more questions from this device */
	waitUntil: number | null;
};

export const noQuestions = (slotId: string): SlotQuestions => ({
	slotId,
	questions: [],
	mine: [],
	voted: []
});

/**
 * The slot's list after a broadcast. Chairs keep hidden questions; anyone else drops them
 * (and every question of another slot is ignored).
 */
export function withEvent(
	list: SlotQuestions,
	event: QuestionEvent,
	chair: boolean
): SlotQuestions {
	switch (event.type) {
		case 'updated': {
			const q = event.body;
			if (q.slotId !== list.slotId) return list;
			const others = list.questions.filter((held) => held.id !== q.id);
			const keep = chair || q.status !== 'hidden';
			return { ...list, questions: keep ? [...others, q] : others };
		}
		case 'removed': {
			const { questionId } = event.body;
			return { ...list, questions: list.questions.filter((q) => q.id !== questionId) };
		}
		case 'votes': {
			const { slotId, votes } = event.body;
			if (slotId !== list.slotId) return list;
			return {
				...list,
				questions: list.questions.map((q) => (q.id in votes ? { ...q, votes: votes[q.id]! } : q))
			};
		}
		default:
			return event satisfies never;
	}
}

/**
 * The rows to show: the server's questions, then this slot's queued questions the server
 * does not hold yet, in `order`. A queued vote counts as cast (the newest one per question
 * wins). `offsetMs` turns the outbox's device times into server times.
 */
export function questionRows(
	list: SlotQuestions,
	queued: readonly OutboxEntry[],
	order: QuestionOrder,
	trackId: string,
	offsetMs: number
): QuestionRow[] {
	const mine = new Set(list.mine);
	const voted = new Set(list.voted);
	const held = new Set(list.questions.map((q) => q.id));
	const waiting: Question[] = [];
	const waits = new Map<string, number | null>();
	for (const entry of queued) {
		if (entry.name === 'question:vote') {
			const vote = entry.payload;
			if (vote.voted) voted.add(vote.questionId);
			else voted.delete(vote.questionId);
		}
		if (entry.name !== 'question:ask') continue;
		const ask = entry.payload;
		if (ask.slotId !== list.slotId) continue;
		mine.add(ask.id);
		if (held.has(ask.id)) continue;
		const limited = entry.lastError === 'rate_limited';
		waits.set(ask.id, limited ? entry.retryAt + offsetMs : null);
		waiting.push({
			id: ask.id,
			trackId,
			slotId: ask.slotId,
			text: cleanText(ask.text),
			authorName: ask.authorName || null,
			createdAt: entry.createdAt + offsetMs,
			status: 'pending',
			pinned: false,
			votes: 0
		});
	}
	return sortQuestions([...list.questions, ...waiting], order).map((q) => ({
		...q,
		mine: mine.has(q.id),
		voted: voted.has(q.id),
		queued: waits.has(q.id),
		waitUntil: waits.get(q.id) ?? null
	}));
}

/** The marks a row carries, in reading order: Yours, Queued or Waiting for approval, Answered, On stage. */
export function rowTags(row: QuestionRow): string[] {
	const tags = row.mine ? ['Yours'] : [];
	if (row.queued) tags.push('Queued');
	else if (row.status === 'pending') tags.push('Waiting for approval');
	if (row.status === 'answered') tags.push('Answered');
	if (row.pinned) tags.push('On stage');
	return tags;
}

/** The track's pinned question among `questions`, if any. */
export const pinnedOf = (questions: readonly Question[]): Question | null =>
	questions.find((q) => q.pinned && isPublic(q.status)) ?? null;
