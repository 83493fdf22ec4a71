// Renders a run's results as Markdown: the machine and command, then one table per
// scenario (in the issue's order) with Dais's absolute numbers, the baselines', and Dais's
// ratio to the plain Socket.IO baseline; medians over runs with the min–max range.
import type { Placement } from './cpus.ts';
import { fmt, header, ok, row, Table, verdict, type Metric } from './report-table.ts';
import type { RunReport, TargetResult } from './results.ts';
import type { Fanout } from './scenarios/fanout.ts';
import type { Skipped } from './scenarios/stage.ts';
import type { WriteRate, WriteRow } from './scenarios/writes.ts';
import type { TargetName } from './targets.ts';
import { RESYNC_MS } from '../src/lib/client/clock-math.ts';

const FANOUT_COLUMNS =
	'p50/p99/max pool every attendee of every trigger. "All have it": median over triggers of the time until the last attendee had it. "Typical p99": median over triggers of each trigger\'s own p99, which one trigger slowed by other work on the machine cannot move. "First receipt": median over triggers of the time until the first attendee had it, i.e. the server\'s work before it broadcasts (Dais: validation, authorisation, the SQLite commit). "Warm-up": the p99 of each server\'s first trigger of the kind, one unmeasured round that is in none of the other columns (code not yet optimised makes it slower everywhere).';

function fanoutTable(t: Table, sizes: number[], pick: (r: TargetResult) => Fanout | undefined) {
	const p99: Metric = (r) => pick(r)?.latency.p99;
	const typical: Metric = (r) => pick(r)?.triggerP99.p50;
	const first: Metric = (r) => pick(r)?.firstReceived.p50;
	// a run recorded before session 9 had no warm-up round
	const warmup: Metric = (r) => pick(r)?.warmupP99?.[0];
	const lines = header([
		'attendees',
		'Dais p50 ms',
		'Dais p99 ms',
		'Dais max ms',
		'Dais all have it ms',
		'Socket.IO p50 ms',
		'Socket.IO p99 ms',
		'Socket.IO all have it ms',
		'ws p99 ms',
		'Dais / Socket.IO p99',
		'typical p99 Dais / Socket.IO ms',
		'ratio',
		'both ≤ 1.15×',
		'first receipt Dais / Socket.IO ms',
		'warm-up p99 Dais / Socket.IO ms'
	]);
	for (const n of sizes) {
		const r = t.ratioMedian(n, p99);
		const rt = t.ratioMedian(n, typical);
		lines.push(
			row([
				String(n),
				t.cell(n, 'dais', (x) => pick(x)?.latency.p50),
				t.cell(n, 'dais', p99),
				t.cell(n, 'dais', (x) => pick(x)?.latency.max),
				t.cell(n, 'dais', (x) => pick(x)?.allReceived.p50),
				t.cell(n, 'socketio', (x) => pick(x)?.latency.p50),
				t.cell(n, 'socketio', p99),
				t.cell(n, 'socketio', (x) => pick(x)?.allReceived.p50),
				t.cell(n, 'ws', p99),
				t.ratio(n, p99),
				`${t.cell(n, 'dais', typical)} / ${t.cell(n, 'socketio', typical)}`,
				t.ratio(n, typical),
				verdict(Number.isFinite(r) && Number.isFinite(rt) ? r <= 1.15 && rt <= 1.15 : undefined),
				`${t.cell(n, 'dais', first)} / ${t.cell(n, 'socketio', first)}`,
				`${t.cell(n, 'dais', warmup)} / ${t.cell(n, 'socketio', warmup)}`
			])
		);
	}
	return lines;
}

function scenarioBlock(
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

const writeRow = (rows: WriteRow[] | Skipped | undefined, writers: number) =>
	ok(rows)?.find((w) => w.writers === writers);
const errorText = (rate: WriteRate | undefined) =>
	rate && Object.keys(rate.errors).length
		? Object.entries(rate.errors)
				.map(([code, n]) => `${code} ${n}`)
				.join(', ')
		: 'none';

/** The measured triggers per server at each size, e.g. "(1000: 100, 5000: 20)". */
const triggers = (t: Table, sizes: number[], pick: (r: TargetResult) => Fanout | undefined) =>
	`(${sizes
		.map(
			(n) =>
				`${n}: ${fmt(
					t.median(n, 'dais', (r) => pick(r)?.triggers),
					0
				)}`
		)
		.join(', ')})`;

/** Where the processes ran; runs recorded before pinning existed say nothing. */
const placed = (placement: Placement | null | undefined): string =>
	placement === undefined
		? ''
		: placement === null
			? 'Processes not pinned to CPUs. '
			: `Servers pinned to CPU ${placement.servers}, the driver and the load generators to CPU ${placement.clients} (bench/cpus.ts). `;

export function renderReport(report: RunReport): string {
	const { meta } = report;
	const sizes = [...new Set(report.results.map((r) => r.size))].sort((a, b) => a - b);
	const t = new Table(report);
	const ran = new Set(meta.options.scenarios);
	const out: string[] = [
		`Run of ${meta.date} (${fmt(meta.minutes, 0)} min): \`${meta.command}\``,
		'',
		`Machine: ${meta.nproc} CPUs (${meta.cpuModel}), ${fmt(meta.memoryGiB, 1)} GiB; Node ${meta.node}; ` +
			`load average ${fmt(meta.loadBefore, 2)} at the start, ${fmt(meta.loadAfter, 2)} at the end. ` +
			`${meta.options.runs} run(s) per size` +
			(meta.options.runs > 1 ? ': medians with (min–max)' : '') +
			`. Load generators per size: ${sizes.map((n) => `${n}: ${meta.generators[n]}`).join(', ')}. ` +
			placed(meta.placement) +
			`Attendees joined per target: ${sizes
				.map(
					(n) =>
						`${n}: ${['dais', 'socketio', 'ws'].map((x) => t.cell(n, x as TargetName, (r) => r.joined, 0)).join('/')}`
				)
				.join('; ')} (Dais/Socket.IO/ws).`
	];

	if (ran.has('fanout')) {
		out.push(
			...scenarioBlock(
				'1. Timer fan-out',
				`A chair's +1 minute (\`timer:extend\`) until each attendee has the new \`timer:state\`; commands per server ${triggers(t, sizes, (r) => ok(r.fanout))}, one at a time, alternating between the servers. ${FANOUT_COLUMNS}`,
				t,
				sizes,
				(r) => r.fanout,
				() => fanoutTable(t, sizes, (r) => ok(r.fanout))
			)
		);
	}
	if (ran.has('questions')) {
		out.push(
			...scenarioBlock(
				'2. Question fan-out',
				'New questions (`question:ask` until every attendee has `question:updated`), then vote-count changes (`question:vote` until every attendee has the count in `question:votes`; Dais coalesces these, at most one per slot every 250 ms and less often where a broadcast takes over 62 ms (4 × its cost), the baselines send each at once; the votes are spaced past that window, 300 ms or one per 8 attendees). ' +
					`Questions and votes per server ${triggers(t, sizes, (r) => ok(r.questions)?.ask)}. ` +
					FANOUT_COLUMNS,
				t,
				sizes,
				(r) => r.questions,
				() => [
					'New question:',
					'',
					...fanoutTable(t, sizes, (r) => ok(r.questions)?.ask),
					'',
					'Vote count:',
					'',
					...fanoutTable(t, sizes, (r) => ok(r.questions)?.vote)
				]
			)
		);
	}
	if (ran.has('writes')) {
		out.push(
			...scenarioBlock(
				'3. Durable writes',
				`Closed-loop writers (a device each) for ${meta.options.writeSeconds} s per mode, with the attendees connected and the track pre-moderated (new questions reach the chairs only). Dais acks after the SQLite commit (WAL, synchronous=FULL); the Socket.IO baseline commits each write the same way to better-sqlite3 and acks, without validation, rules or broadcasts.`,
				t,
				sizes,
				(r) => r.writes,
				() => writesTable(t, sizes, meta.options.writers, report)
			)
		);
	}
	if (ran.has('memory')) out.push(...memoryBlock(t, sizes));
	if (ran.has('storm')) out.push(...stormBlock(t, sizes));
	if (ran.has('idle')) {
		// runs recorded before the option existed used Socket.IO's default
		const heartbeat = meta.options.heartbeatSeconds ?? 25;
		out.push(...idleBlock(t, sizes, meta.options.idleSeconds, heartbeat));
	}
	return out.join('\n');
}

function writesTable(t: Table, sizes: number[], writerCounts: number[], report: RunReport) {
	const lines = header([
		'attendees',
		'writers',
		'Dais asks/s',
		'ask ack p50 / p99 ms',
		'Dais votes/s',
		'vote ack p50 / p99 ms',
		'Socket.IO+SQLite asks/s',
		'asks/s Dais / Socket.IO',
		'Dais refusals'
	]);
	for (const n of sizes) {
		for (const w of writerCounts) {
			const ask: Metric = (r) => writeRow(r.writes, w)?.ask.perSecond;
			const dais = report.results.find((r) => r.size === n && r.target === 'dais');
			const daisRow = dais ? writeRow(dais.writes, w) : undefined;
			lines.push(
				row([
					String(n),
					String(w),
					t.cell(n, 'dais', ask, 0),
					`${t.cell(n, 'dais', (r) => writeRow(r.writes, w)?.ask.ack.p50)} / ${t.cell(n, 'dais', (r) => writeRow(r.writes, w)?.ask.ack.p99)}`,
					t.cell(n, 'dais', (r) => writeRow(r.writes, w)?.vote.perSecond, 0),
					`${t.cell(n, 'dais', (r) => writeRow(r.writes, w)?.vote.ack.p50)} / ${t.cell(n, 'dais', (r) => writeRow(r.writes, w)?.vote.ack.p99)}`,
					t.cell(n, 'socketio', ask, 0),
					t.ratio(n, ask),
					`asks: ${errorText(daisRow?.ask)}; votes: ${errorText(daisRow?.vote)}`
				])
			);
		}
	}
	return lines;
}

function memoryBlock(t: Table, sizes: number[]): string[] {
	const rss: Metric = (r) => ok(r.memory)?.rssPerAttendeeKiB;
	const live: Metric = (r) => ok(r.memory)?.livePerAttendeeKiB;
	const lines = header([
		'attendees',
		'Dais RSS KiB / attendee',
		'Socket.IO RSS KiB',
		'ws RSS KiB',
		'Dais / Socket.IO RSS',
		'≤ 1.3×',
		'Dais live KiB',
		'Socket.IO live KiB',
		'Dais / Socket.IO live'
	]);
	for (const n of sizes) {
		const r = t.ratioMedian(n, rss);
		lines.push(
			row([
				String(n),
				t.cell(n, 'dais', rss),
				t.cell(n, 'socketio', rss),
				t.cell(n, 'ws', rss),
				t.ratio(n, rss),
				verdict(Number.isFinite(r) ? r <= 1.3 : undefined),
				t.cell(n, 'dais', live),
				t.cell(n, 'socketio', live),
				t.ratio(n, live)
			])
		);
	}
	return scenarioBlock(
		'4. Memory',
		'Per attendee: (server RSS with every crowd connected − RSS before anyone connected) / attendees, each RSS taken after a full garbage collection and a 2 s pause (median of 5 samples). "Live": the same difference of the V8 heap in use plus external buffers right after that collection, reported by the server itself.',
		t,
		sizes,
		(r) => r.memory,
		() => lines
	);
}

function stormBlock(t: Table, sizes: number[]): string[] {
	const last: Metric = (r) => ok(r.storm)?.settled.max;
	const storm = (r: TargetResult) => ok(r.storm);
	const lines = header([
		'attendees',
		'Dais restart ms',
		'Dais reconnected p50 ms',
		'Dais all current ms',
		'after ready ms',
		'all done ms',
		'stale / unsettled',
		'Dais CPU s (% of a core)',
		'Dais SYNs dropped',
		'Dais attempts each (max)',
		'load generators % of a core, Dais / Socket.IO',
		'Socket.IO restart ms',
		'Socket.IO all rejoined ms',
		'Socket.IO SYNs dropped',
		'Dais / Socket.IO',
		'≤ 15 s, none stale'
	]);
	for (const n of sizes) {
		const m = t.median(n, 'dais', last);
		const stale = t.median(n, 'dais', (r) => storm(r)?.stale);
		const unsettled = t.median(n, 'dais', (r) => storm(r)?.unsettled);
		lines.push(
			row([
				String(n),
				t.cell(n, 'dais', (r) => storm(r)?.restartMs, 0),
				t.cell(n, 'dais', (r) => storm(r)?.reconnected.p50, 0),
				t.cell(n, 'dais', last, 0),
				t.cell(n, 'dais', (r) => storm(r)?.settledAfterReadyMs, 0),
				t.cell(n, 'dais', (r) => storm(r)?.syncedMs, 0),
				`${t.cell(n, 'dais', (r) => storm(r)?.stale, 0)} / ${t.cell(n, 'dais', (r) => storm(r)?.unsettled, 0)}`,
				`${t.cell(n, 'dais', (r) => storm(r)?.stormCpuSeconds, 2)} (${t.cell(n, 'dais', (r) => storm(r)?.stormCpuPercent, 0)} %)`,
				t.cell(n, 'dais', (r) => storm(r)?.listenOverflows, 0),
				`${t.cell(n, 'dais', (r) => storm(r)?.attempts?.p50, 0)} (${t.cell(n, 'dais', (r) => storm(r)?.attempts?.max, 0)})`,
				`${t.cell(n, 'dais', (r) => storm(r)?.clientCpuPercent, 0)} / ${t.cell(n, 'socketio', (r) => storm(r)?.clientCpuPercent, 0)}`,
				t.cell(n, 'socketio', (r) => storm(r)?.restartMs, 0),
				t.cell(n, 'socketio', last, 0),
				t.cell(n, 'socketio', (r) => storm(r)?.listenOverflows, 0),
				t.ratio(n, last),
				verdict(Number.isFinite(m) ? m <= 15_000 && stale === 0 && unsettled === 0 : undefined)
			])
		);
	}
	return scenarioBlock(
		'5. Reconnect storm',
		'SIGKILL with the attendees connected, then the same server again on the same port and data; the attendees reconnect with the page\'s backoff (src/lib/client/reconnect.ts: 1 s doubling to 30 s, ±50 %) and rejoin like the page, naming the event they hold (Dais then leaves it out of the snapshot; the baseline sends its whole snapshot), listing the questions of the slot the timer is on, and without a new clock sync. Times from the kill: until the new server answers HTTP ("restart"), until attendees are connected again, until the last one has rejoined and holds the current snapshot (Dais: the timer version of the last change before the kill; an older one counts as stale), and until the last one is done (its question list answered; a rejoin does not sync the clock again, the page syncs when the offset is stale). CPU: the new server from ready to the last rejoin. Attempts: connection attempts of each attendee until it was connected again (median, and the most any attendee needed; 1 means its first retry found the server up). Load generators: their CPU from the kill until the last attendee was done, as % of one core (they share one core with the driver, so near 100 % means the simulated phones, not the server, set the pace). SYNs dropped: connections the kernel refused because the server\'s accept queue was full (machine-wide counter; each costs a phone a 1–3 s TCP resend).',
		t,
		sizes,
		(r) => r.storm,
		() => lines
	);
}

function idleBlock(t: Table, sizes: number[], seconds: number, heartbeatSeconds: number): string[] {
	const cpu: Metric = (r) => ok(r.idle)?.cpuPercent;
	const lines = header([
		'attendees',
		'Dais CPU % of a core',
		'Dais CPU s / min',
		'events received',
		'Socket.IO CPU %',
		'ws CPU %',
		'Dais / Socket.IO',
		'< 1 % and no events'
	]);
	for (const n of sizes) {
		const m = t.median(n, 'dais', cpu);
		const events = t.median(n, 'dais', (r) => ok(r.idle)?.events);
		lines.push(
			row([
				String(n),
				t.cell(n, 'dais', cpu, 2),
				t.cell(n, 'dais', (r) => ok(r.idle)?.cpuSecondsPerMinute, 2),
				t.cell(n, 'dais', (r) => ok(r.idle)?.events, 0),
				t.cell(n, 'socketio', cpu, 2),
				t.cell(n, 'ws', cpu, 2),
				t.ratio(n, cpu),
				verdict(Number.isFinite(m) ? m < 1 && events === 0 : undefined)
			])
		);
	}
	return scenarioBlock(
		'6. Idle cost',
		`${seconds} s with the attendees connected and nothing happening. Events: what all attendees received in that window (Socket.IO heartbeats are not events). The Socket.IO servers send a heartbeat to each client every ${heartbeatSeconds} s; the ws floor sends nothing. Attendees also sync their clock again every ${RESYNC_MS / 60_000} min, as the page does, at random phases.`,
		t,
		sizes,
		(r) => r.idle,
		() => lines
	);
}
