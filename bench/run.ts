// `npm run bench`: measures Dais against a plain Socket.IO server and a raw ws server on
// this machine, in one run (see the README's "Benchmarks"). For each run and size: start
// every server, connect a crowd to each from the load generators, run the scenarios, stop.
// Writes bench/out/<stamp>.json and .md, and the results and scenarios blocks of
// bench/RESULTS.md.
// Every child dies with this process, which itself stops at --max-minutes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { canPin, machinePlacement, pin, type Placement } from './cpus.ts';
import { LoadPool } from './load/pool.ts';
import { sleep } from './load/recorder.ts';
import { generatorsFor, parseOptions, type Options } from './options.ts';
import { killAll, openFileLimit, startRedis } from './proc.ts';
import { renderReport, renderScenarios, renderSummary } from './report.ts';
import type { Meta, RunReport, TargetResult } from './results.ts';
import { timerFanout } from './scenarios/fanout.ts';
import { idleCost } from './scenarios/idle.ts';
import { memoryCost, sampleMemory, type MemorySample } from './scenarios/memory.ts';
import { questionFanout } from './scenarios/questions.ts';
import { isSkipped, type Skipped, type Stage } from './scenarios/stage.ts';
import { reconnectStorm, type Storm } from './scenarios/storm.ts';
import { durableWrites } from './scenarios/writes.ts';
import {
	daisHasQuestions,
	daisPayload,
	startBaseline,
	startDais,
	TRACK_ID,
	type Target,
	type TargetName
} from './targets.ts';
import { writeBlock } from './results-file.ts';

const BENCH = new URL('.', import.meta.url).pathname;
const OUT = path.join(BENCH, 'out');
const BUILD = new URL('../build/dais-server.js', import.meta.url).pathname;

const started = Date.now();
const log = (line: string) =>
	process.stderr.write(
		`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s] ${line}\n`
	);

function fail(message: string): never {
	process.stderr.write(`bench: ${message}\n`);
	killAll();
	process.exit(1);
}

/** Runs a scenario; a failure is recorded as the reason it has no numbers, not thrown. */
async function attempt<T>(name: string, run: () => Promise<T>): Promise<T | Skipped> {
	try {
		return await run();
	} catch (err) {
		log(`  ${name} failed: ${err instanceof Error ? err.message : String(err)}`);
		return {
			skipped: `failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`
		};
	}
}

type Ctx = {
	options: Options;
	deadlineMs: () => number;
	placement: Placement | null;
	profDir?: string;
	payload?: string;
};

async function startTarget(name: TargetName, ctx: Ctx): Promise<Target> {
	const cpus = ctx.placement?.servers;
	if (name === 'dais') return startDais(ctx.options, ctx.deadlineMs(), cpus, ctx.profDir);
	if (!ctx.payload) throw new Error('the baselines need the payload Dais sent');
	return startBaseline(name, ctx.options, ctx.deadlineMs(), ctx.payload, cpus, ctx.profDir);
}

/** Stores one value per target from a scenario run over all of them (or its failure). */
function assign<K extends keyof TargetResult>(
	results: Map<TargetName, TargetResult>,
	key: K,
	outcome: Map<TargetName, NonNullable<TargetResult[K]>> | Skipped
): void {
	for (const [name, result] of results) {
		const value = isSkipped(outcome) ? outcome : outcome.get(name);
		if (value !== undefined) result[key] = value as TargetResult[K];
	}
}

/** One size of one run: every server up at once, a crowd each, then the scenarios. */
async function runSize(size: number, run: number, ctx: Ctx): Promise<TargetResult[]> {
	const { options } = ctx;
	const has = (s: Options['scenarios'][number]) => options.scenarios.includes(s);
	const pool = LoadPool.start(
		generatorsFor(options, size),
		ctx.deadlineMs(),
		ctx.placement?.clients
	);
	const targets: Target[] = [];
	try {
		const dais = await startTarget('dais', ctx);
		targets.push(dais);
		await dais.trigger.prepare();
		ctx.payload = await daisPayload(dais);
		for (const name of options.baselines) targets.push(await startTarget(name, ctx));
		await sleep(1000);
		const idleMemory = new Map<TargetName, MemorySample>();
		for (const t of targets) idleMemory.set(t.name, await sampleMemory(t.server()));

		const results = new Map<TargetName, TargetResult>();
		const stages: Stage[] = [];
		for (const target of targets) {
			const crowd = { kind: target.kind, url: target.url, trackId: TRACK_ID, pings: options.pings };
			const conn = await pool.connect(
				target.name,
				crowd,
				size,
				options.batch,
				options.batchPauseMs
			);
			log(
				`${target.name}: ${conn.joined} of ${size} joined (${conn.failed} failed) in ${conn.ms} ms`
			);
			const { joined, failed, ms: rampMs } = conn;
			results.set(target.name, { run, size, target: target.name, joined, failed, rampMs });
			stages.push({ target, pool, size, joined, options, log });
		}
		if (has('memory')) {
			for (const s of stages) {
				const loaded = await sampleMemory(s.target.server());
				const memory = memoryCost(idleMemory.get(s.target.name)!, loaded, s.joined);
				results.get(s.target.name)!.memory = memory;
				const { rssPerAttendeeKiB: rss, livePerAttendeeKiB: live } = memory;
				log(
					`${s.target.name}: ${rss.toFixed(1)} KiB RSS, ${live.toFixed(1)} KiB live per attendee`
				);
			}
		}
		if (has('fanout')) {
			assign(results, 'fanout', await attempt('fanout', () => timerFanout(stages)));
			logEach(results, 'fanout', (f) => `p50 ${ms(f.latency.p50)}, p99 ${ms(f.latency.p99)}`);
		}
		if (has('questions')) {
			assign(results, 'questions', await attempt('questions', () => questionFanout(stages)));
			logEach(
				results,
				'questions',
				(q) => `ask p99 ${ms(q.ask.latency.p99)}, vote p99 ${ms(q.vote.latency.p99)}`
			);
		}
		if (has('idle')) {
			assign(results, 'idle', await attempt('idle', () => idleCost(stages, options.idleSeconds)));
			logEach(results, 'idle', (i) => `${i.cpuPercent.toFixed(2)} % CPU, ${i.events} events`);
		}
		for (const s of stages) {
			const result = results.get(s.target.name)!;
			if (has('writes')) result.writes = await attempt('writes', () => durableWrites(s));
			if (has('storm')) {
				result.storm = await attempt('storm', () => reconnectStorm(s));
				logEach(results, 'storm', describeStorm, s.target.name);
			}
		}
		return [...results.values()];
	} finally {
		for (const t of targets) {
			await pool.disconnect(t.name).catch(() => undefined);
			await t.stop();
		}
		pool.close();
	}
}

const ms = (x: number) => `${x.toFixed(1)} ms`;

const describeStorm = (x: Storm): string =>
	[
		`all current after ${ms(x.settled.max)}`,
		`attempts p50 ${x.attempts.p50} max ${x.attempts.max}`,
		`failed ${JSON.stringify(x.errors)}`,
		`load generators ${x.clientCpuSeconds.toFixed(1)} CPU-s (${x.clientCpuPercent.toFixed(0)} % of a core)`
	].join(', ');

function logEach<K extends keyof TargetResult>(
	results: Map<TargetName, TargetResult>,
	key: K,
	describe: (value: Exclude<NonNullable<TargetResult[K]>, Skipped>) => string,
	only?: TargetName
): void {
	for (const [name, r] of results) {
		if (only && name !== only) continue;
		const value = r[key];
		if (value === undefined) continue;
		const text = isSkipped(value)
			? value.skipped
			: describe(value as Exclude<NonNullable<TargetResult[K]>, Skipped>);
		log(`${name}: ${String(key)}: ${text}`);
	}
}

function machine(
	options: Options,
	argv: string[],
	generators: Record<number, number>,
	placement: Placement | null
): Meta {
	return {
		date: new Date().toISOString(),
		command: ['npm run bench', ...(argv.length ? ['--', ...argv] : [])].join(' '),
		node: process.version,
		nproc: os.availableParallelism(),
		memoryGiB: os.totalmem() / 2 ** 30,
		cpuModel: os.cpus()[0]?.model ?? 'unknown',
		loadBefore: os.loadavg()[0]!,
		loadAfter: Number.NaN,
		daisHasQuestions: daisHasQuestions(),
		generators,
		placement,
		options,
		minutes: 0
	};
}

/**
 * The summary and the scenarios go to their own blocks, the notes on method between them; a
 * scale-out run goes whole to its own block.
 */
function record(report: RunReport, scaleOut: boolean): void {
	if (scaleOut) return writeBlock('scale-out', renderReport(report));
	writeBlock('results', renderSummary(report));
	writeBlock('scenarios', renderScenarios(report));
}

/**
 * The scale-out run: Dais as two workers on a redis-server of its own, the Socket.IO baseline
 * as two processes on another (pub/sub channels are global to a server, so one Redis would
 * carry each one's broadcasts to the other's crowd).
 */
async function scaleOut(options: Options): Promise<void> {
	const [dais, baseline] = await Promise.all([
		startRedis(options.portBase + 10),
		startRedis(options.portBase + 11)
	]);
	options.daisEnv = { WORKERS: '2', REDIS_URL: dais, ...options.daisEnv };
	options.baselineEnv = { BENCH_WORKERS: '2', BENCH_REDIS_URL: baseline, ...options.baselineEnv };
}

async function main(): Promise<void> {
	const argv = process.argv.slice(2);
	let options: Options;
	try {
		options = parseOptions(argv);
	} catch (err) {
		fail(err instanceof Error ? err.message : String(err));
	}
	if (!fs.existsSync(BUILD)) fail(`${BUILD} is missing: run npm run build first.`);
	const crowds = 1 + options.baselines.length;
	const perGenerator = Math.max(
		...options.sizes.map((n) => Math.ceil((n * crowds) / generatorsFor(options, n)))
	);
	const maxWriters = Math.max(0, ...options.writers);
	if (perGenerator + maxWriters + 100 > openFileLimit()) {
		fail(
			`a load generator would hold ${perGenerator + maxWriters} sockets, over the open-file limit ` +
				`of ${openFileLimit()}: raise ulimit -n, or use fewer --sizes, --baselines or more --generators`
		);
	}
	const hardStop = started + options.maxMinutes * 60_000;
	setTimeout(
		() => fail(`--max-minutes ${options.maxMinutes} reached; stopping`),
		hardStop - Date.now()
	).unref();
	process.on('exit', killAll);
	for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => fail(signal));

	fs.mkdirSync(OUT, { recursive: true });
	const stamp = new Date().toISOString().replace(/[:.]/g, '-');
	const profDir = options.cpuProf ? path.join(OUT, 'prof', stamp) : undefined;
	if (profDir) fs.mkdirSync(profDir, { recursive: true });
	const placement = options.pin && canPin() ? machinePlacement() : null;
	const generators = Object.fromEntries(options.sizes.map((n) => [n, generatorsFor(options, n)]));
	const meta = machine(options, argv, generators, placement);
	if (placement) pin(process.pid, placement.clients);
	else if (options.pin) log('not pinning processes to CPUs: needs taskset and two CPUs');
	const ctx: Ctx = {
		options,
		deadlineMs: () => Math.max(1000, hardStop - Date.now()),
		placement,
		profDir
	};
	if (options.scaleOut) await scaleOut(options);
	if (!meta.daisHasQuestions) log('this Dais has no question:ask: scenarios 2 and 3 are skipped');
	const results: TargetResult[] = [];

	for (let run = 1; run <= options.runs; run++) {
		for (const size of options.sizes) {
			log(`run ${run} of ${options.runs}: ${size} attendees`);
			results.push(...(await runSize(size, run, ctx)));
		}
	}

	meta.loadAfter = os.loadavg()[0]!;
	meta.minutes = (Date.now() - started) / 60_000;
	const report = { meta, results };
	const markdown = renderReport(report);
	fs.writeFileSync(path.join(OUT, `${stamp}.json`), JSON.stringify(report, null, '\t'));
	fs.writeFileSync(path.join(OUT, `${stamp}.md`), `${markdown}\n`);
	if (options.record) record(report, options.scaleOut);
	process.stdout.write(`${markdown}\n`);
	log(`raw results: bench/out/${stamp}.json${options.record ? '; bench/RESULTS.md updated' : ''}`);
}

main().then(
	() => process.exit(0),
	(err: unknown) => fail(err instanceof Error ? (err.stack ?? err.message) : String(err))
);
