// Scenarios 1 and 2 share this: fire a trigger, wait until every attendee has its key, and
// turn receipt times into latencies (ms from the trigger). Triggers go one at a time, each
// after the previous one reached everyone, so they measure delivery and not queueing; and
// they alternate between the servers under test (Dais, then the baselines, in a rotating
// order), so that whatever else loads this shared machine weighs on all of them alike.
// Between triggers each load generator settles its heap (load/heap.ts), so that its own
// full garbage collections fall between measurements and not into one. One round goes first
// unmeasured (its p99s are kept apart): every server's first trigger of a kind took about
// twice its typical time (code not yet optimised, in the server and in the load generator),
// which alone decided a pooled p99 of 20 triggers, and the first round always began with
// Dais. A live track's server sends its first timer change once; the rest are what count.
import { TIMER_WATCH } from '../load/keys.ts';
import { commandsFor } from '../options.ts';
import { sleep } from '../load/recorder.ts';
import { summarize, type Summary } from '../stats.ts';
import type { TargetName } from '../targets.ts';
import type { Fired } from '../triggers.ts';
import { rotate, type Stage } from './stage.ts';

const DELIVERY_TIMEOUT_MS = 30_000;
const GAP_MS = 100;
export const WARMUP_ROUNDS = 1;

export type Fanout = {
	triggers: number;
	/** trigger -> receipt, ms, every attendee of every trigger pooled */
	latency: Summary;
	/** per trigger: ms until the last attendee had it */
	allReceived: Summary;
	/** per trigger: its own p99; the median of these shrugs off a trigger hit by outside load */
	triggerP99: Summary;
	/** per trigger: ms until the first attendee had it (the server's work before it broadcasts) */
	firstReceived: Summary;
	/** receipts that never arrived (summed over triggers) */
	missing: number;
	/** the p99 of each warm-up trigger, which are in none of the numbers above */
	warmupP99: number[];
};

type Acc = {
	latencies: number[];
	completions: number[];
	p99s: number[];
	firsts: number[];
	missing: number;
	warmupP99: number[];
};

/** `watch`: what each stage's triggers will carry (load/keys.ts), set before the first */
export async function interleavedFanout(
	stages: readonly Stage[],
	count: number,
	watch: (stage: Stage) => string,
	fire: (stage: Stage, i: number) => Promise<Fired>
): Promise<Map<TargetName, Fanout>> {
	for (const s of stages) await s.pool.watch(s.target.name, watch(s));
	const acc = new Map<TargetName, Acc>(
		stages.map((s) => [
			s.target.name,
			{ latencies: [], completions: [], p99s: [], firsts: [], missing: 0, warmupP99: [] }
		])
	);
	for (let i = 0; i < WARMUP_ROUNDS + count; i++) {
		for (const stage of rotate(stages, i)) {
			const a = acc.get(stage.target.name)!;
			const { t0, key } = await fire(stage, i);
			const { times, expected } = await stage.pool.collect(
				stage.target.name,
				key,
				DELIVERY_TIMEOUT_MS
			);
			const latencies = times.map((t) => (t - t0) / 1000);
			await stage.pool.settleHeaps();
			await sleep(GAP_MS);
			if (i < WARMUP_ROUNDS) {
				a.warmupP99.push(summarize(latencies).p99);
				continue;
			}
			a.latencies.push(...latencies);
			a.missing += Math.max(0, expected - times.length);
			if (latencies.length > 0) {
				const own = summarize(latencies);
				a.completions.push(own.max);
				a.p99s.push(own.p99);
				a.firsts.push(own.min);
			}
		}
	}
	return new Map(
		[...acc].map(([name, a]) => [
			name,
			{
				triggers: count,
				latency: summarize(a.latencies),
				allReceived: summarize(a.completions),
				triggerP99: summarize(a.p99s),
				firstReceived: summarize(a.firsts),
				missing: a.missing,
				warmupP99: a.warmupP99
			}
		])
	);
}

/** Scenario 1: the chair's +1 minute reaches every attendee. */
export async function timerFanout(stages: readonly Stage[]): Promise<Map<TargetName, Fanout>> {
	for (const s of stages) await s.target.trigger.prepare();
	const count = stages[0] ? commandsFor(stages[0].options, stages[0].size) : 0;
	return interleavedFanout(
		stages,
		count,
		() => TIMER_WATCH,
		(s) => s.target.trigger.extend()
	);
}
