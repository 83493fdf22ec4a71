import { describe, expect, it } from 'vitest';
import { parseOptions } from '../../bench/options.ts';
import { renderReport, renderScenarios, renderSummary } from '../../bench/report.ts';
import type { RunReport, TargetResult } from '../../bench/results.ts';
import type { Fanout } from '../../bench/scenarios/fanout.ts';
import type { Summary } from '../../bench/stats.ts';
import { GOALS } from '../../bench/summary.ts';
import type { TargetName } from '../../bench/targets.ts';

const summary = (p50: number, p99: number): Summary => ({
	count: 100,
	min: p50 / 2,
	p50,
	p99,
	max: p99 * 1.2
});
const fanout = (p99: number): Fanout => ({
	triggers: 60,
	latency: summary(p99 / 3, p99),
	allReceived: summary(p99 / 2, p99 / 2),
	triggerP99: summary(p99, p99),
	firstReceived: summary(2, 3),
	missing: 0,
	warmupP99: [p99 * 2]
});

/** One run of a target at a size; `scale` multiplies Dais's costs over the baselines'. */
function result(
	size: number,
	target: TargetName,
	scale: number,
	idlePercent: number
): TargetResult {
	const k = target === 'dais' ? scale : 1;
	const rate = (perSecond: number) => ({ perSecond, ack: summary(80, 200), errors: {} });
	return {
		run: 1,
		size,
		target,
		joined: size,
		failed: 0,
		rampMs: 1000,
		fanout: fanout(100 * k),
		questions: { ask: fanout(110 * k), vote: fanout(120 * k) },
		memory: {
			idle: { rssKiB: 50_000, liveKiB: 10_000 },
			loaded: { rssKiB: 60_000, liveKiB: 20_000 },
			rssPerAttendeeKiB: 12 * k,
			livePerAttendeeKiB: 11 * k
		},
		writes: [50, 500].map((writers) => ({ writers, ask: rate(5600), vote: rate(5000) })),
		storm:
			target === 'ws'
				? { skipped: 'raw ws clients do not reconnect' }
				: {
						restartMs: 600,
						reconnected: summary(5000, 8000),
						settled: { ...summary(8000, 11_000), max: 12_000 * k },
						settledAfterReadyMs: 11_000,
						syncedMs: 12_500,
						stale: 0,
						unsettled: 0,
						listenOverflows: 0,
						startupCpuSeconds: 0.4,
						stormCpuSeconds: 9.4,
						stormCpuPercent: 68,
						attempts: summary(1, 1),
						errors: {},
						clientCpuSeconds: 12,
						clientCpuPercent: 95
					},
		idle: {
			seconds: 50,
			cpuPercent: target === 'dais' ? idlePercent : 2.8,
			cpuSecondsPerMinute: idlePercent * 0.6,
			events: 0
		}
	};
}

function run(scenarios: string): RunReport {
	const options = parseOptions(['--sizes', '1000,10000', '--scenarios', scenarios]);
	const results = [1000, 10_000].flatMap((n) =>
		(['dais', 'socketio', 'ws'] as const).map((x) => result(n, x, 1.04, n === 1000 ? 0.62 : 2.52))
	);
	const meta = {
		date: '2026-11-30T04:38:40.382Z',
		command: 'npm run bench',
		node: 'v20.20.2',
		nproc: 2,
		memoryGiB: 23.5,
		cpuModel: 'test CPU',
		loadBefore: 1,
		loadAfter: 2,
		daisHasQuestions: true,
		generators: { 1000: 1, 10000: 2 },
		placement: { servers: '1', clients: '0' },
		options,
		minutes: 73
	};
	return { meta, results };
}

/** The rows of the first Markdown table, split into trimmed cells. */
function firstTable(markdown: string): string[][] {
	const lines = markdown.split('\n');
	const start = lines.findIndex((l) => l.startsWith('|'));
	const end = lines.findIndex((l, i) => i > start && !l.startsWith('|'));
	return lines.slice(start, end).map((l) =>
		l
			.split('|')
			.slice(1, -1)
			.map((c) => c.trim())
	);
}

describe('the results report', () => {
	it('opens with a summary that lists every target at every size as met or missed', () => {
		const markdown = renderReport(run('fanout,questions,writes,memory,storm,idle'));
		const [head, , ...rows] = firstTable(markdown);
		expect(head).toEqual(['Target', '1,000 attendees', '10,000 attendees']);
		expect(rows.map((r) => r[0])).toEqual(GOALS.map((g) => g.target));
		for (const r of rows) for (const cell of r.slice(1)) expect(cell).toMatch(/^(met|missed) \(/);
		const row = (start: string) => rows.find((r) => r[0]!.startsWith(start))!;
		expect(row('Timer fan-out')).toEqual([
			expect.any(String),
			'met (1.04× / 1.04×)',
			'met (1.04× / 1.04×)'
		]);
		expect(row('Durable writes').slice(1)).toEqual(['met (5,600 asks/s)', 'met (5,600 asks/s)']);
		expect(row('Reconnect storm').slice(1)).toEqual([
			'met (12.5 s, none stale)',
			'met (12.5 s, none stale)'
		]);
		expect(row('Idle').slice(1)).toEqual(['met (0.62 %, 0 events)', 'missed (2.52 %, 0 events)']);
		expect(markdown.indexOf('| Target')).toBeLessThan(markdown.indexOf('### 1. Timer fan-out'));
	});

	it('lists a target whose scenario did not run as not run, and leaves out its section', () => {
		const markdown = renderReport(run('fanout'));
		const rows = firstTable(markdown).slice(2);
		expect(rows.find((r) => r[0]!.startsWith('Timer fan-out'))!.slice(1)).toEqual([
			'met (1.04× / 1.04×)',
			'met (1.04× / 1.04×)'
		]);
		expect(rows.map((r) => r[0])).toEqual(GOALS.map((g) => g.target));
		expect(rows.find((r) => r[0]!.startsWith('Idle'))!.slice(1)).toEqual(['not run', 'not run']);
		expect(markdown).not.toContain('### 6. Idle cost');
	});

	it('splits into a summary that opens with its table and the sections per scenario', () => {
		const report = run('fanout,idle');
		const summary = renderSummary(report);
		const scenarios = renderScenarios(report);
		expect(summary.startsWith('| Target')).toBe(true);
		expect(summary).toContain('Run of ');
		expect(summary).not.toContain('###');
		expect(scenarios.trim().startsWith('### 1. Timer fan-out')).toBe(true);
		expect(scenarios).toContain('### 6. Idle cost');
		expect(scenarios).not.toContain('| Target');
		expect(renderReport(report)).toBe(`${summary}\n${scenarios}`);
	});
});
