// What the baseline servers send: the same snapshot and timer state Dais sent in the same
// run (passed by the driver in BENCH_PAYLOAD), and questions shaped like Dais's. Each
// baseline keeps the Dais semantics that decide message sizes and counts, nothing else.
import { z } from 'zod';

export const BaselinePayload = z.object({
	snapshot: z.record(z.string(), z.unknown()),
	timer: z.object({ version: z.number(), durationMs: z.number() }).catchall(z.unknown())
});
export type BaselinePayload = z.infer<typeof BaselinePayload>;

export function readPayload(env: NodeJS.ProcessEnv): BaselinePayload {
	return BaselinePayload.parse(JSON.parse(env.BENCH_PAYLOAD ?? 'null'));
}

export type AskPayload = { id?: unknown; slotId?: unknown; text?: unknown };
/** `voter` only on the raw-ws floor, where one connection stands for every asker */
export type VotePayload = { questionId?: unknown; voted?: unknown; voter?: unknown };

/** The Question a Dais server would broadcast for an ask. */
export function questionFor(ask: AskPayload, trackId: string, now: number) {
	return {
		id: String(ask.id),
		trackId,
		slotId: String(ask.slotId),
		text: String(ask.text),
		authorName: null,
		createdAt: now,
		status: 'open',
		pinned: false,
		votes: 0
	};
}

/** Per-question vote counts with set semantics per voter, like Dais's. */
export class VoteBook {
	private readonly voters = new Map<string, Set<string>>();
	/** the public questions of each slot (Dais's counts leave out pending ones) */
	private readonly bySlot = new Map<string, string[]>();
	private readonly slots = new Map<string, string>();

	question(id: string, slotId: string, isPublic = true): void {
		this.slots.set(id, slotId);
		if (!this.voters.has(id)) this.voters.set(id, new Set());
		if (isPublic) this.bySlot.set(slotId, [...(this.bySlot.get(slotId) ?? []), id]);
	}

	/** Applies a vote; the question's slot and new count, or null for an unknown question. */
	vote(questionId: string, voter: string, voted: boolean) {
		const set = this.voters.get(questionId);
		const slotId = this.slots.get(questionId);
		if (!set || slotId === undefined) return null;
		if (voted) set.add(voter);
		else set.delete(voter);
		return { slotId, count: set.size };
	}

	/** The counts of every public question of the slot, as a list holds them. */
	counts(slotId: string) {
		const votes: Record<string, number> = {};
		for (const id of this.bySlot.get(slotId) ?? []) votes[id] = this.voters.get(id)!.size;
		return { slotId, votes };
	}

	/**
	 * What Dais's `question:votes` carries after one vote: the new count of the question voted
	 * on, if it is public (Dais sends the questions voted on since its last broadcast).
	 */
	voted(slotId: string, questionId: string) {
		const votes: Record<string, number> = {};
		if (this.bySlot.get(slotId)?.includes(questionId))
			votes[questionId] = this.voters.get(questionId)!.size;
		return { slotId, votes };
	}
}
