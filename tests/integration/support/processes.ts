// Several real Dais processes on one store and one Redis, for the scale-out tests. The store
// is DAIS_TEST_DATABASE_URL's database when that is set (each process is given it as
// DATABASE_URL), else one SQLite DATA_DIR whose lock this test process holds as the primary
// of a cluster does, so that the processes join it (data-dir.ts). Redis is a redis-server of
// the test's own on a free port, so that tests never hear each other and one may stop it.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDataDir } from '../../../server/store/sqlite/data-dir.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export type SharedStore = { env: Record<string, string>; cleanup(): Promise<void> };

/** The store the processes share (see the header). */
export async function sharedStore(): Promise<SharedStore> {
	const url = process.env.DAIS_TEST_DATABASE_URL;
	if (url) return { env: { DATABASE_URL: url }, cleanup: async () => {} };
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dais-shared-'));
	const cluster = `test-${process.pid}-${path.basename(dataDir)}`;
	// opened once here, as a primary does: the checks and migrations run before any process
	const held = openDataDir(dataDir, { cluster });
	await held.store.close();
	return {
		env: { DATA_DIR: dataDir, DAIS_CLUSTER: cluster },
		cleanup: async () => {
			held.release();
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = net.createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as net.AddressInfo;
			probe.close(() => resolve(port));
		});
	});
}

export type TestRedis = {
	url: string;
	/** SIGKILLs it (an outage); `start` brings it back on the same port */
	kill(): Promise<void>;
	start(): Promise<void>;
};

/** A redis-server of this test's own, nothing kept on disk. */
export async function startRedis(children: Set<ChildProcess>): Promise<TestRedis> {
	const port = await freePort();
	let child: ChildProcess | null = null;
	const start = () =>
		new Promise<void>((resolve, reject) => {
			const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly'];
			const started = spawn('redis-server', [...args, 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
			child = started;
			children.add(started);
			let out = '';
			started.stdout!.on('data', (chunk) => {
				out += chunk;
				if (out.includes('Ready to accept connections')) resolve();
			});
			started.once('error', reject);
			started.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${out}`)));
		});
	await start();
	return {
		url: `redis://127.0.0.1:${port}`,
		start,
		kill: () =>
			new Promise((resolve) => {
				const running = child;
				if (!running || running.exitCode !== null) return resolve();
				running.once('exit', () => resolve());
				running.kill('SIGKILL');
			})
	};
}

export type DaisProcess = { url: string; child: ChildProcess; logs: () => string };

/**
 * Starts support/serve.ts with `env` on top of the store's and Redis's; resolves once it
 * listens. Start them one after another: the first seeds an empty store.
 */
export function serveShared(
	children: Set<ChildProcess>,
	env: Record<string, string>
): Promise<DaisProcess> {
	const child = spawn(process.execPath, ['--import', 'tsx', 'tests/integration/support/serve.ts'], {
		cwd: ROOT,
		env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	children.add(child);
	let logs = '';
	child.stderr!.on('data', (chunk) => (logs += chunk));
	return new Promise((resolve, reject) => {
		let out = '';
		child.stdout!.on('data', (chunk) => {
			out += chunk;
			const line = /^\{"port":(\d+)\}$/m.exec(out);
			if (line) resolve({ url: `http://127.0.0.1:${line[1]}`, child, logs: () => logs });
		});
		child.once('exit', (code) => reject(new Error(`the server exited with ${code}: ${logs}`)));
	});
}

/** Polls `check` until it holds (every 50 ms, up to `attempts` times); throws if it never does. */
export async function eventually(
	check: () => Promise<boolean> | boolean,
	what: string,
	attempts = 200
): Promise<void> {
	for (let i = 0; i < attempts; i++) {
		if (await check()) return;
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	throw new Error(`never happened: ${what}`);
}
