// Renders a run's results as Markdown in two parts: the summary (the table of every target
// at every size, bench/summary.ts, then the run and the machine) and the scenarios (one
// short section each, with Dais's numbers, the baselines', and Dais's ratio to the plain
// Socket.IO baseline); medians over runs with the min–max range.
import type { Placement } from './cpus.ts';
import { fmt, header, ok, row, Table, type Metric } from './report-table.ts';
import type { RunReport, TargetResult } from './results.ts';
import type { WriteRate } from './scenarios/writes.ts';
import {
	askPick,
	idleCpu,
	live,
	pooledP99,
	rss,
	stormLast,
	summaryTable,
	timerPick,
	typicalP99,
	votePick,
	writeRow,
	type FanoutPick
} from './summary.ts';
import type { TargetName } from './targets.ts';
import { RESYNC_MS } from '../src/lib/client/connection/clock-math.ts';

const TARGETS: TargetName[] = ['dais', 'socketio', 'ws'];
const size = (n: number) => fmt(n, 0);

function fanoutTable(t: Table, sizes: number[], pick: FanoutPick) {
	const p99 = pooledP99(pick);
	const typical = typicalP99(pick);
	const first: Metric = (r) => pick(r)?.firstReceived.p50;
	const lines = header([
		'attendees',
		'Dais p50 ms',
		'Dais p99 ms',
		'Dais all have it ms',
		'Socket.IO p99 ms',
		'ws p99 ms',
		'p99 Dais / Socket.IO',
		'typical p99 Dais / Socket.IO ms',
		'typical Dais / Socket.IO',
		'first receipt Dais / Socket.IO ms'
	]);
	for (const n of sizes) {
		lines.push(
			row([
				size(n),
				t.cell(n, 'dais', (x) => pick(x)?.latency.p50),
				t.cell(n, 'dais', p99),
				t.cell(n, 'dais', (x) => pick(x)?.allReceived.p50),
				t.cell(n, 'socketio', p99),
				t.cell(n, 'ws', p99),
				t.ratio(n, p99),
				`${t.cell(n, 'dais', typical)} / ${t.cell(n, 'socketio', typical)}`,
				t.ratio(n, typical),
				`${t.cell(n, 'dais', first)} / ${t.cell(n, 'socketio', first)}`
			])
		);
	}
	return lines;
}

function section(
	title: string,
	about: string,
	t: Table,
	sizes: number[],
	pick: (r: TargetResult) => unknown,
	body: () => string[]
): string[] {
	const skip = sizes.map((n) => t.skipped(n, pick)).find(Boolean);
	const ran = sizes.some((n) => !t.skipped(n, pick));
	return [
		'',
		`### ${title}`,
		'',
		about,
		'',
		...(ran ? body() : [`Skipped: ${skip ?? 'not run'}.`])
	];
}

const errorText = (rate: WriteRate | undefined) =>
	rate && Object.keys(rate.errors).length
		? Object.entries(rate.errors)
				.map(([code, n]) => `${code} ${n}`)
				.join(', ')
		: 'none';

/** The measured triggers per server at each size, e.g. "(1,000: 100, 5,000: 60)". */
const triggers = (t: Table, sizes: number[], pick: FanoutPick) =>
	`(${sizes
		.map(
			(n) =>
				`${size(n)}: ${fmt(
					t.median(n, 'dais', (r) => pick(r)?.triggers),
					0
				)}`
		)
		.join(', ')})`;

const placed = (placement: Placement | null): string =>
	placement === null
		? 'Processes not pinned to CPUs.'
		: `Servers pinned to CPU ${placement.servers}, the driver and the load generators to CPU ${placement.clients} (bench/cpus.ts).`;

function joined(report: RunReport, t: Table, sizes: number[]): string {
	if (report.results.every((r) => r.joined === r.size))
		return 'Every attendee joined, on every server and in every run.';
	const each = sizes.map(
		(n) => `${size(n)}: ${TARGETS.map((x) => t.cell(n, x, (r) => r.joined, 0)).join(' / ')}`
	);
	return `Attendees joined (Dais / Socket.IO / ws): ${each.join('; ')}.`;
}

/** The whole report: the summary, then the scenarios. */
export function renderReport(report: RunReport): string {
	return `${renderSummary(report)}\n${renderScenarios(report)}`;
}

const sizesOf = (report: RunReport) =>
	[...new Set(report.results.map((r) => r.size))].sort((a, b) => a - b);

/** The summary table of every target at every size, then the run and the machine. */
export function renderSummary(report: RunReport): string {
	const { meta } = report;
	const sizes = sizesOf(report);
	const t = new Table(report);
	const runs = meta.options.runs;
	return [
		...summaryTable(t, sizes, new Set(meta.options.scenarios)),
		'',
		`Run of ${meta.date} (${fmt(meta.minutes, 0)} min), ${runs} run(s) per size` +
			(runs > 1 ? ': medians above, with the (min–max) over runs in the sections below.' : '.') +
			` Command: \`${meta.command}\`. Machine: ${meta.nproc} CPUs (${meta.cpuModel}), ` +
			`${fmt(meta.memoryGiB, 1)} GiB; Node ${meta.node}; load average ${fmt(meta.loadBefore, 2)} ` +
			`at the start, ${fmt(meta.loadAfter, 2)} at the end. Load generators: ` +
			`${sizes.map((n) => `${meta.generators[n]} at ${size(n)}`).join(', ')}. ` +
			`${placed(meta.placement)} ${joined(report, t, sizes)}`
	].join('\n');
}

/** One short section per scenario that ran. */
export function renderScenarios(report: RunReport): string {
	const { meta } = report;
	const sizes = sizesOf(report);
	const t = new Table(report);
	const ran = new Set(meta.options.scenarios);
	const out: string[] = [];

	if (ran.has('fanout')) {
		out.push(
			...section(
				'1. Timer fan-out',
				`A chair's +1 minute (\`timer:extend\`) until each attendee has the new \`timer:state\`; commands per server ${triggers(t, sizes, timerPick)}, one at a time, alternating between the servers. Pooled p99: every receipt of every trigger; typical p99: the median of each trigger's own p99; all have it: the median time until the last attendee had it; first receipt: until the first one had it (the server's work before it broadcasts).`,
				t,
				sizes,
				(r) => r.fanout,
				() => fanoutTable(t, sizes, timerPick)
			)
		);
	}
	if (ran.has('questions')) {
		out.push(
			...section(
				'2. Question fan-out',
				`A new question (\`question:ask\` until every attendee has \`question:updated\`), then a vote-count change (\`question:vote\` until every attendee has the count in \`question:votes\`); of each per server ${triggers(t, sizes, askPick)}, columns as in 1. Dais coalesces vote counts (one broadcast per slot every 250 ms at most, less often where a broadcast takes over 62 ms), the baselines send each at once; the votes are spaced past that window.`,
				t,
				sizes,
				(r) => r.questions,
				() => [
					'New question:',
					'',
					...fanoutTable(t, sizes, askPick),
					'',
					'Vote count:',
					'',
					...fanoutTable(t, sizes, votePick)
				]
			)
		);
	}
	if (ran.has('writes')) {
		out.push(
			...section(
				'3. Durable writes',
				`Closed-loop writers (a device each), ${meta.options.writeSeconds} s per mode, with the attendees connected and the track pre-moderated. Dais acks after the SQLite commit (WAL, synchronous=FULL); the Socket.IO baseline commits each write the same way to better-sqlite3, without validation, rules or broadcasts.`,
				t,
				sizes,
				(r) => r.writes,
				() => writesTable(t, sizes, meta.options.writers, report)
			)
		);
	}
	if (ran.has('memory')) out.push(...memorySection(t, sizes));
	if (ran.has('storm')) out.push(...stormSection(t, sizes));
	if (ran.has('idle'))
		out.push(...idleSection(t, sizes, meta.options.idleSeconds, meta.options.heartbeatSeconds));
	return out.join('\n');
}

function writesTable(t: Table, sizes: number[], writerCounts: number[], report: RunReport) {
	const lines = header([
		'attendees',
		'writers',
		'Dais asks/s',
		'ask ack p99 ms',
		'Dais votes/s',
		'vote ack p99 ms',
		'Socket.IO+SQLite asks/s',
		'asks/s Dais / Socket.IO',
		'Dais refusals'
	]);
	for (const n of sizes) {
		for (const w of writerCounts) {
			const at = (r: TargetResult) => writeRow(r.writes, w);
			const ask: Metric = (r) => at(r)?.ask.perSecond;
			const dais = report.results.find((r) => r.size === n && r.target === 'dais');
			const daisRow = dais ? at(dais) : undefined;
			const refusals = [errorText(daisRow?.ask), errorText(daisRow?.vote)];
			lines.push(
				row([
					size(n),
					String(w),
					t.cell(n, 'dais', ask, 0),
					t.cell(n, 'dais', (r) => at(r)?.ask.ack.p99),
					t.cell(n, 'dais', (r) => at(r)?.vote.perSecond, 0),
					t.cell(n, 'dais', (r) => at(r)?.vote.ack.p99),
					t.cell(n, 'socketio', ask, 0),
					t.ratio(n, ask),
					refusals.every((x) => x === 'none')
						? 'none'
						: `asks: ${refusals[0]}; votes: ${refusals[1]}`
				])
			);
		}
	}
	return lines;
}

function memorySection(t: Table, sizes: number[]): string[] {
	const lines = header([
		'attendees',
		'Dais RSS KiB',
		'Socket.IO RSS KiB',
		'ws RSS KiB',
		'RSS Dais / Socket.IO',
		'Dais live KiB',
		'Socket.IO live KiB',
		'live Dais / Socket.IO'
	]);
	for (const n of sizes) {
		lines.push(
			row([
				size(n),
				t.cell(n, 'dais', rss),
				t.cell(n, 'socketio', rss),
				t.cell(n, 'ws', rss),
				t.ratio(n, rss),
				t.cell(n, 'dais', live),
				t.cell(n, 'socketio', live),
				t.ratio(n, live)
			])
		);
	}
	return section(
		'4. Memory',
		'Per attendee: the server\'s RSS with every crowd connected minus its RSS before anyone connected, over the attendees, each taken after a full garbage collection (median of 5 samples). "Live": the same difference of the V8 heap in use plus external buffers, reported by the server.',
		t,
		sizes,
		(r) => r.memory,
		() => lines
	);
}

function stormSection(t: Table, sizes: number[]): string[] {
	const storm = (r: TargetResult) => ok(r.storm);
	const lines = header([
		'attendees',
		'Dais restart ms',
		'Dais all current ms',
		'stale / unsettled',
		'Dais CPU s (% of a core)',
		'attempts each (max)',
		'load generators % of a core, Dais / Socket.IO',
		'Socket.IO all rejoined ms',
		'Dais / Socket.IO'
	]);
	for (const n of sizes) {
		lines.push(
			row([
				size(n),
				t.cell(n, 'dais', (r) => storm(r)?.restartMs, 0),
				t.cell(n, 'dais', stormLast, 0),
				`${t.cell(n, 'dais', (r) => storm(r)?.stale, 0)} / ${t.cell(n, 'dais', (r) => storm(r)?.unsettled, 0)}`,
				`${t.cell(n, 'dais', (r) => storm(r)?.stormCpuSeconds, 2)} (${t.cell(n, 'dais', (r) => storm(r)?.stormCpuPercent, 0)} %)`,
				`${t.cell(n, 'dais', (r) => storm(r)?.attempts.p50, 0)} (${t.cell(n, 'dais', (r) => storm(r)?.attempts.max, 0)})`,
				`${t.cell(n, 'dais', (r) => storm(r)?.clientCpuPercent, 0)} / ${t.cell(n, 'socketio', (r) => storm(r)?.clientCpuPercent, 0)}`,
				t.cell(n, 'socketio', stormLast, 0),
				t.ratio(n, stormLast)
			])
		);
	}
	return section(
		'5. Reconnect storm',
		"SIGKILL with the attendees connected, then the same server again on the same port and data; the attendees retry with the page's backoff (src/lib/client/connection/reconnect.ts: 1 s doubling to 30 s, ±50 %) and rejoin like the page (naming the event they hold, listing the slot's questions, no new clock sync). Times from the kill; all current: the last attendee holds the state of the last change before the kill (an older one is stale). CPU: the new server's, from ready to the last rejoin. Attempts: connections each attendee tried until it was back (median, and the most). Load generators: their CPU as % of the one core they share with the driver; near 100 % means the simulated phones, not the server, set the pace.",
		t,
		sizes,
		(r) => r.storm,
		() => lines
	);
}

function idleSection(t: Table, sizes: number[], seconds: number, heartbeatSeconds: number) {
	const lines = header([
		'attendees',
		'Dais CPU % of a core',
		'events received',
		'Socket.IO CPU %',
		'ws CPU %',
		'Dais / Socket.IO'
	]);
	for (const n of sizes) {
		lines.push(
			row([
				size(n),
				t.cell(n, 'dais', idleCpu, 2),
				t.cell(n, 'dais', (r) => ok(r.idle)?.events, 0),
				t.cell(n, 'socketio', idleCpu, 2),
				t.cell(n, 'ws', idleCpu, 2),
				t.ratio(n, idleCpu)
			])
		);
	}
	return section(
		'6. Idle cost',
		`${seconds} s with the attendees connected and nothing happening; events: what all attendees received meanwhile (heartbeats are not events). Both Socket.IO servers send each client a heartbeat every ${heartbeatSeconds} s, the ws floor sends nothing; attendees sync their clock again every ${RESYNC_MS / 60_000} min, as the page does, at random phases.`,
		t,
		sizes,
		(r) => r.idle,
		() => lines
	);
}
