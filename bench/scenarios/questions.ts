// Scenario 2: a new question, and then each vote-count change, reaches every attendee.
// Each question comes from a device of its own (limits are per device); the votes are all
// on each server's first question, one per asker, so each moves its count up by one. Dais
// coalesces vote broadcasts (at most one per slot every 250 ms, less often in large rooms);
// the votes are spaced past that window, so each is timed from the vote to its broadcast.
import { QUESTION_WATCH, votesWatch } from '../load/keys.ts';
import { commandsFor } from '../options.ts';
import { sleep } from '../load/recorder.ts';
import { daisHasQuestions, type TargetName } from '../targets.ts';
import { interleavedFanout, type Fanout } from './fanout.ts';
import type { Skipped, Stage } from './stage.ts';

export type QuestionFanout = { ask: Fanout; vote: Fanout };

/**
 * Past Dais's coalescing window, so that each vote is a broadcast of its own: 250 ms, and
 * in large rooms four times what the last broadcast took (votesInterval in
 * server/services/question.service.ts), hence a gap that grows with the crowd.
 */
const voteGapMs = (attendees: number) => Math.max(300, attendees / 8);

export async function questionFanout(
	stages: readonly Stage[]
): Promise<Map<TargetName, QuestionFanout> | Skipped> {
	if (!daisHasQuestions()) return { skipped: 'server has no question:ask' };
	const count = stages[0] ? commandsFor(stages[0].options, stages[0].size) : 0;
	const slots = new Map<TargetName, string>();
	for (const s of stages) slots.set(s.target.name, (await s.target.trigger.prepare()).slotId);
	const firstIds = new Map<TargetName, string>();
	const asks = await interleavedFanout(
		stages,
		count,
		() => QUESTION_WATCH,
		async (s, i) => {
			const fired = await s.target.trigger.ask(i, slots.get(s.target.name)!);
			if (!firstIds.has(s.target.name)) firstIds.set(s.target.name, fired.id);
			return fired;
		}
	);
	const firstId = (s: Stage) => firstIds.get(s.target.name)!;
	const votes = await interleavedFanout(
		stages,
		count,
		(s) => votesWatch(firstId(s)),
		async (s, i) => {
			await sleep(voteGapMs(s.joined));
			return s.target.trigger.vote(i, firstId(s));
		}
	);
	return new Map(
		stages.map((s) => [
			s.target.name,
			{ ask: asks.get(s.target.name)!, vote: votes.get(s.target.name)! }
		])
	);
}
