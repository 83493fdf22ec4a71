// Scenario 3: acked questions and votes per second with W concurrent closed-loop writers,
// and the ack latencies. The track is pre-moderated meanwhile, so a new question goes to the
// chairs only and a write costs its commit, not a fan-out to the crowd (scenario 2 times
// that); votes go to ten open questions asked beforehand, and their counts stay coalesced.
import { summarize, type Summary } from '../stats.ts';
import { daisHasQuestions } from '../targets.ts';
import type { Skipped, Stage } from './stage.ts';

const VOTED_QUESTIONS = 10;
const FIRST_SETUP_ASKER = 1000;

export type WriteRate = {
	/** acked ok per second */
	perSecond: number;
	ack: Summary;
	/** acks that were not ok, by error code (timeouts too) */
	errors: Record<string, number>;
};
export type WriteRow = { writers: number; ask: WriteRate; vote: WriteRate };

export async function durableWrites(stage: Stage): Promise<WriteRow[] | Skipped> {
	if (!daisHasQuestions()) return { skipped: 'server has no question:ask' };
	const { target, pool, options } = stage;
	if (target.kind === 'ws') return { skipped: 'the raw ws floor stores nothing' };
	const { slotId } = await target.trigger.prepare();
	const questionIds: string[] = [];
	for (let i = 0; i < VOTED_QUESTIONS; i++) {
		questionIds.push((await target.trigger.ask(FIRST_SETUP_ASKER + i, slotId)).id);
	}
	await target.trigger.premoderate(true);
	const crowd = { kind: target.kind, url: target.url, trackId: 'main', pings: 0 };
	const durationMs = options.writeSeconds * 1000;
	const rows: WriteRow[] = [];
	try {
		for (const writers of options.writers) {
			const job = { crowd, writers, durationMs, slotId, questionIds };
			const ask = rate(await pool.write({ ...job, mode: 'ask' }));
			const vote = rate(await pool.write({ ...job, mode: 'vote' }));
			const perSecond = (r: WriteRate) => r.perSecond.toFixed(0);
			stage.log(
				`${target.name}: ${writers} writers: ${perSecond(ask)} asks/s, ${perSecond(vote)} votes/s`
			);
			if (ask.errors.rate_limited || vote.errors.rate_limited) {
				stage.log(
					`${target.name}: writes were rate-limited, so this measures the limits, not the ` +
						'store; lift them for the benchmark with --dais-env'
				);
			}
			rows.push({ writers, ask, vote });
		}
	} finally {
		await target.trigger.premoderate(false);
	}
	return rows;
}

function rate(r: { latenciesMs: number[]; errors: Record<string, number>; elapsedMs: number }) {
	return {
		perSecond: r.latenciesMs.length / (r.elapsedMs / 1000),
		ack: summarize(r.latenciesMs),
		errors: r.errors
	};
}
