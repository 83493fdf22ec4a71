// `npm run bench:startup`: how soon a restarted Dais answers again, the part of a reconnect
// storm that is the server's alone (phones retry after about 1 s, so every one whose first
// retry comes before the server listens waits 1-3 s more). Starts the production build
// (`build/dais-server.js`, or each `--entry` given, e.g. another checkout's build, for an
// A/B) again and again on one data dir that holds the seeded event, with a chair passcode
// set as a deployment sets it, and times spawn → `/api/health` answering (polled every 5 ms),
// then SIGKILLs it as a crash would. Entries take turns, so that load from other work on the
// machine falls on all of them alike. Prints the median and range of each, and each entry's
// ratio to the first.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sleep } from './load/recorder.ts';
import { summarize } from './stats.ts';

const PORT = Number(process.env.BENCH_PORT ?? 4305);
const POLL_MS = 5;
const TIMEOUT_MS = 30_000;

const { values } = parseArgs({
	options: {
		entry: { type: 'string', multiple: true, default: ['build/dais-server.js'] },
		starts: { type: 'string', default: '15' }
	}
});
const entries = values.entry.map((e) => path.resolve(e));
const starts = Number(values.starts);
if (!Number.isInteger(starts) || starts < 1) throw new Error('--starts takes a whole number ≥ 1');
for (const entry of entries) {
	if (!fs.existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
}

/** ms from spawn until /api/health answered; the server is SIGKILLed after. */
async function timeStart(entry: string, dataDir: string): Promise<number> {
	const started = performance.now();
	const child = spawn(process.execPath, [entry], {
		stdio: ['ignore', 'ignore', 'pipe'],
		env: {
			PATH: process.env.PATH,
			PORT: String(PORT),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			CHAIR_PASSCODE: 'bench-chair-passcode',
			LOG_LEVEL: 'warn'
		}
	});
	let stderr = '';
	child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const exited = new Promise((resolve) => child.once('exit', resolve));
	try {
		for (;;) {
			if (child.exitCode !== null) throw new Error(`${entry} exited: ${stderr}`);
			if (performance.now() - started > TIMEOUT_MS) throw new Error(`${entry} did not answer`);
			const ok = await fetch(`http://127.0.0.1:${PORT}/api/health`).then(
				(res) => res.ok,
				() => false
			);
			if (ok) return performance.now() - started;
			await sleep(POLL_MS);
		}
	} finally {
		child.kill('SIGKILL');
		await exited;
	}
}

const times = new Map<string, number[]>(entries.map((e) => [e, []]));
const dirs = new Map(
	entries.map((e) => [e, fs.mkdtempSync(path.join(os.tmpdir(), 'dais-bench-startup-'))])
);
// the first start of each seeds its data dir; it is not counted
for (const entry of entries) await timeStart(entry, dirs.get(entry)!);
for (let i = 0; i < starts; i++) {
	for (const entry of entries) times.get(entry)!.push(await timeStart(entry, dirs.get(entry)!));
}
for (const dir of dirs.values()) fs.rmSync(dir, { recursive: true, force: true });

const first = summarize(times.get(entries[0]!)!).p50;
console.log(`${starts} starts each, spawn → /api/health answering (ms):`);
for (const entry of entries) {
	const s = summarize(times.get(entry)!);
	const ratio = (s.p50 / first).toFixed(2);
	console.log(
		`${path.relative(process.cwd(), entry)}: median ${s.p50.toFixed(0)} (${s.min.toFixed(0)}–${s.max.toFixed(0)}), ${ratio}× the first`
	);
}
