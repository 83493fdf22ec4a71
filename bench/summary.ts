// The targets a run is held to, each checked at every size from the medians over
// runs: the summary table that opens the results block of bench/RESULTS.md. Fan-out
// targets need both the pooled p99 (every receipt of every trigger) and the typical p99
// (the median of each trigger's own p99) within the ratio, so that neither one slow
// trigger nor a slow tail hidden by the median decides alone.
import type { Scenario } from './options.ts';
import { fmt, header, ok, row, verdict, type Metric, type Table } from './report-table.ts';
import type { TargetResult } from './results.ts';
import type { Fanout } from './scenarios/fanout.ts';
import type { WriteRow } from './scenarios/writes.ts';
import type { Skipped } from './scenarios/stage.ts';

export const FANOUT_MAX_RATIO = 1.15;
export const MEMORY_MAX_RATIO = 1.3;
export const WRITES_MIN_PER_SECOND = 5000;
export const WRITES_WRITERS = 500;
export const STORM_MAX_MS = 15_000;
export const IDLE_MAX_PERCENT = 1;

export type FanoutPick = (r: TargetResult) => Fanout | undefined;
export const timerPick: FanoutPick = (r) => ok(r.fanout);
export const askPick: FanoutPick = (r) => ok(r.questions)?.ask;
export const votePick: FanoutPick = (r) => ok(r.questions)?.vote;

export const pooledP99 =
	(pick: FanoutPick): Metric =>
	(r) =>
		pick(r)?.latency.p99;
export const typicalP99 =
	(pick: FanoutPick): Metric =>
	(r) =>
		pick(r)?.triggerP99.p50;

export const writeRow = (rows: WriteRow[] | Skipped | undefined, writers: number) =>
	ok(rows)?.find((w) => w.writers === writers);
export const rss: Metric = (r) => ok(r.memory)?.rssPerAttendeeKiB;
export const live: Metric = (r) => ok(r.memory)?.livePerAttendeeKiB;
export const stormLast: Metric = (r) => ok(r.storm)?.settled.max;
export const idleCpu: Metric = (r) => ok(r.idle)?.cpuPercent;

/** A target at one size: what was measured, and whether it meets the target (unknown: not measured). */
export type Check = { value: string; met: boolean | undefined };
export type Goal = { target: string; scenario: Scenario; check(t: Table, size: number): Check };

const times = (x: number) => (Number.isFinite(x) ? `${fmt(x, 2)}×` : '–');
const known = (...xs: number[]) => xs.every(Number.isFinite);

function fanoutGoal(name: string, scenario: Scenario, pick: FanoutPick): Goal {
	return {
		target: `${name}: pooled / typical p99 ≤ ${FANOUT_MAX_RATIO}× Socket.IO`,
		scenario,
		check(t, n) {
			const pooled = t.ratioMedian(n, pooledP99(pick));
			const typical = t.ratioMedian(n, typicalP99(pick));
			return {
				value: `${times(pooled)} / ${times(typical)}`,
				met: known(pooled, typical)
					? pooled <= FANOUT_MAX_RATIO && typical <= FANOUT_MAX_RATIO
					: undefined
			};
		}
	};
}

export const GOALS: readonly Goal[] = [
	fanoutGoal('Timer fan-out', 'fanout', timerPick),
	fanoutGoal('New question', 'questions', askPick),
	fanoutGoal('Vote count', 'questions', votePick),
	{
		target: `Memory per attendee: RSS ≤ ${MEMORY_MAX_RATIO}× Socket.IO (live heap beside it)`,
		scenario: 'memory',
		check(t, n) {
			const r = t.ratioMedian(n, rss);
			return {
				value: `RSS ${times(r)}, live ${times(t.ratioMedian(n, live))}`,
				met: known(r) ? r <= MEMORY_MAX_RATIO : undefined
			};
		}
	},
	{
		target: `Durable writes: ≥ ${fmt(WRITES_MIN_PER_SECOND, 0)} acked asks/s with ${WRITES_WRITERS} writers`,
		scenario: 'writes',
		check(t, n) {
			const asks = t.median(n, 'dais', (r) => writeRow(r.writes, WRITES_WRITERS)?.ask.perSecond);
			return {
				value: `${fmt(asks, 0)} asks/s`,
				met: known(asks) ? asks >= WRITES_MIN_PER_SECOND : undefined
			};
		}
	},
	{
		target: `Reconnect storm: all current ≤ ${STORM_MAX_MS / 1000} s, none stale`,
		scenario: 'storm',
		check(t, n) {
			const last = t.median(n, 'dais', stormLast);
			const stale = t.median(n, 'dais', (r) => ok(r.storm)?.stale);
			const unsettled = t.median(n, 'dais', (r) => ok(r.storm)?.unsettled);
			const left =
				stale === 0 && unsettled === 0
					? 'none stale'
					: `${fmt(stale, 0)} stale, ${fmt(unsettled, 0)} unsettled`;
			return {
				value: `${fmt(last / 1000, 1)} s, ${left}`,
				met: known(last, stale, unsettled)
					? last <= STORM_MAX_MS && stale === 0 && unsettled === 0
					: undefined
			};
		}
	},
	{
		target: `Idle: < ${IDLE_MAX_PERCENT} % of a core, no events`,
		scenario: 'idle',
		check(t, n) {
			const cpu = t.median(n, 'dais', idleCpu);
			const events = t.median(n, 'dais', (r) => ok(r.idle)?.events);
			return {
				value: `${fmt(cpu, 2)} %, ${fmt(events, 0)} events`,
				met: known(cpu, events) ? cpu < IDLE_MAX_PERCENT && events === 0 : undefined
			};
		}
	}
];

/**
 * One row per target, one column per size: "met (value)" or "missed (value)"; "not run" when
 * the run left out the target's scenario, – when the scenario measured nothing there.
 */
export function summaryTable(t: Table, sizes: number[], ran: ReadonlySet<Scenario>): string[] {
	const lines = header(['Target', ...sizes.map((n) => `${fmt(n, 0)} attendees`)]);
	for (const goal of GOALS) {
		const cells = sizes.map((n) => {
			if (!ran.has(goal.scenario)) return 'not run';
			const { value, met } = goal.check(t, n);
			return met === undefined ? '–' : `${verdict(met)} (${value})`;
		});
		lines.push(row([goal.target, ...cells]));
	}
	return lines;
}
