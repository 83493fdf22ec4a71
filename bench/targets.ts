// The servers under test, each a child process on loopback: Dais itself (the production
// build, build/dais-server.js over the built SvelteKit app, as `npm run serve` starts it, a
// fresh data dir, LOG_LEVEL=warn) and
// the two baselines. A target knows its URL, how its attendees connect, its trigger, and
// how to restart it on the same port and data (for the reconnect storm).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { commands } from '#shared/protocol.ts';
import type { ClientKind } from './load/ipc.ts';
import { nowUs } from './load/ipc.ts';
import type { Options } from './options.ts';
import { startNode, waitForHttp, type Server } from './proc.ts';
import { chairCookie, SocketIoTrigger, WsTrigger, type Trigger } from './triggers.ts';

export type TargetName = 'dais' | 'socketio' | 'ws';
export const TRACK_ID = 'main';
const PASSCODE = 'bench-chair-passcode';
const ROOT = new URL('..', import.meta.url).pathname;

export type Restarted = { killedAt: number; spawnedAt: number; readyAt: number };

export type Target = {
	name: TargetName;
	url: string;
	kind: ClientKind;
	/** the running server process (a new one after restart) */
	server(): Server;
	trigger: Trigger;
	/** SIGKILL, then the same server again on the same port and data; times in µs */
	restart(): Promise<Restarted>;
	stop(): Promise<void>;
};

/** Whether this Dais speaks the questions protocol, from its command catalog. */
export const daisHasQuestions = (): boolean => 'question:ask' in commands;

/** `cpus`: where the server runs (bench/cpus.ts); anywhere when unset */
type Spec = { script: string; env: NodeJS.ProcessEnv; nodeArgs: string[]; cpus?: string };

async function launch(spec: Spec, url: string, deadlineMs: number): Promise<Server> {
	const server = startNode(
		spec.script,
		{ ...spec.env, BENCH_DEADLINE_MS: String(deadlineMs) },
		spec.nodeArgs,
		spec.cpus
	);
	await waitForHttp(`${url}/api/health`, server);
	return server;
}

async function target(
	name: TargetName,
	kind: ClientKind,
	url: string,
	spec: Spec,
	deadlineMs: number,
	openTrigger: () => Promise<Trigger>,
	cleanup: () => void
): Promise<Target> {
	let server = await launch(spec, url, deadlineMs);
	let trigger: Trigger;
	try {
		trigger = await openTrigger();
	} catch (err) {
		await server.kill();
		throw new Error(`${name}: ${String(err)}\n${server.output()}`);
	}
	return {
		name,
		url,
		kind,
		server: () => server,
		trigger,
		restart: async () => {
			const killedAt = nowUs();
			await server.kill('SIGKILL');
			const spawnedAt = nowUs();
			server = await launch(spec, url, deadlineMs);
			return { killedAt, spawnedAt, readyAt: nowUs() };
		},
		stop: async () => {
			trigger.close();
			await server.kill('SIGTERM');
			cleanup();
		}
	};
}

function tempDir(prefix: string): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** node --cpu-prof into <profDir>/<target>/ (written when the server exits cleanly). */
const profiling = (profDir: string | undefined, name: TargetName): string[] =>
	profDir ? ['--cpu-prof', '--cpu-prof-dir', path.join(profDir, name)] : [];

const baseEnv = (): NodeJS.ProcessEnv => ({
	PATH: process.env.PATH,
	HOME: process.env.HOME,
	TMPDIR: process.env.TMPDIR
});

export async function startDais(
	options: Options,
	deadlineMs: number,
	cpus: string | undefined,
	profDir?: string
) {
	const port = options.portBase;
	const url = `http://127.0.0.1:${port}`;
	const dataDir = tempDir('dais-bench-');
	const env = {
		...baseEnv(),
		PORT: String(port),
		HOST: '127.0.0.1',
		DATA_DIR: dataDir,
		CHAIR_PASSCODE: PASSCODE,
		LOG_LEVEL: 'warn',
		SEED_DATES: 'rehearsal',
		// the attendees name their (simulated) addresses in X-Forwarded-For: see attendee.ts
		TRUST_PROXY: 'true',
		HEARTBEAT_SECONDS: String(options.heartbeatSeconds),
		...options.daisEnv
	};
	const spec = {
		script: path.join(ROOT, 'build/dais-server.js'),
		env,
		nodeArgs: ['--enable-source-maps', ...profiling(profDir, 'dais')],
		cpus
	};
	return target(
		'dais',
		'socketio',
		url,
		spec,
		deadlineMs,
		async () => SocketIoTrigger.open(url, TRACK_ID, await chairCookie(url, PASSCODE)),
		() => fs.rmSync(dataDir, { recursive: true, force: true })
	);
}

/** The snapshot and timer Dais sent, for the baselines to send in turn. */
export async function daisPayload(dais: Target): Promise<string> {
	const snapshot = (await (await fetch(`${dais.url}/api/snapshot`)).json()) as {
		timers: { trackId: string }[];
	};
	const timer = snapshot.timers.find((t) => t.trackId === TRACK_ID);
	return JSON.stringify({ snapshot, timer });
}

export async function startBaseline(
	name: 'socketio' | 'ws',
	options: Options,
	deadlineMs: number,
	payload: string,
	cpus: string | undefined,
	profDir?: string
) {
	const port = options.portBase + (name === 'socketio' ? 1 : 2);
	const url = `http://127.0.0.1:${port}`;
	const sqliteDir = tempDir('dais-bench-baseline-');
	const env = {
		...baseEnv(),
		PORT: String(port),
		BENCH_PAYLOAD: payload,
		BENCH_SQLITE_DIR: sqliteDir,
		BENCH_HEARTBEAT_SECONDS: String(options.heartbeatSeconds),
		...options.baselineEnv
	};
	const script = path.join(
		ROOT,
		`bench/servers/${name === 'socketio' ? 'socketio' : 'ws'}-baseline.ts`
	);
	return target(
		name,
		name === 'socketio' ? 'socketio' : 'ws',
		url,
		{ script, env, nodeArgs: profiling(profDir, name), cpus },
		deadlineMs,
		() => (name === 'ws' ? WsTrigger.open(url) : SocketIoTrigger.open(url, TRACK_ID)),
		() => fs.rmSync(sqliteDir, { recursive: true, force: true })
	);
}
