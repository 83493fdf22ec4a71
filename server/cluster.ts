// The primary of `WORKERS=N` (node:cluster): it holds the DATA_DIR lock for its workers
// (data-dir.ts: they join it by the cluster id), starts one worker and, once that one has
// seeded and listens, the others, so that no two initialise an empty store at once. The
// workers share the port; Dais clients connect over WebSocket only, so a connection is one
// TCP connection and the kernel's round robin needs no sticky sessions. A worker that dies is
// replaced; its phones reconnect to the others meanwhile. SIGINT/SIGTERM stop every worker.
import cluster, { type Worker } from 'node:cluster';
import crypto from 'node:crypto';
import type { Config } from './config.ts';
import type { Logger } from './logger.ts';
import type { DataDir } from './store/sqlite/data-dir.ts';

/** A worker that dies sooner than this after starting is restarted after a pause. */
const QUICK_DEATH_MS = 5000;
const RESTART_PAUSE_MS = 1000;

export const CLUSTER_ENV = 'DAIS_CLUSTER';
/** the worker's number: 1 prints the banner (a replacement's says so: `2-again`) */
export const WORKER_ENV = 'DAIS_WORKER';

export function newClusterId(): string {
	return crypto.randomBytes(9).toString('base64url');
}

export function runPrimary(
	config: Config,
	clusterId: string,
	dataDir: Pick<DataDir, 'listening'>,
	logger: Logger,
	fail: (message: string) => never
): void {
	let stopping = false;
	let listeningOnce = false;
	const started = new Map<Worker, number>();
	const fork = (n: number, again = false) => {
		// a replacement's number is not 1: the banner was printed once already
		const shown = again ? `${n}-again` : String(n);
		const worker = cluster.fork({ [CLUSTER_ENV]: clusterId, [WORKER_ENV]: shown });
		started.set(worker, Date.now());
		worker.once('exit', (code, signal) => {
			const lived = Date.now() - (started.get(worker) ?? 0);
			started.delete(worker);
			if (stopping) {
				if (started.size === 0) process.exit(0);
				return;
			}
			if (!listeningOnce) fail(`Dais could not start: worker ${n} exited (${signal ?? code})`);
			logger.warn(`worker ${n} exited (${signal ?? code}); starting another`);
			setTimeout(() => fork(n, true), lived < QUICK_DEATH_MS ? RESTART_PAUSE_MS : 0);
		});
		return worker;
	};
	fork(1).once('listening', ({ port }) => {
		listeningOnce = true;
		dataDir.listening(port);
		for (let n = 2; n <= config.workers; n++) fork(n);
	});
	const stop = (signal: string) => {
		if (stopping) process.exit(1);
		stopping = true;
		logger.info(`${signal}: stopping ${started.size} workers`);
		setTimeout(() => process.exit(1), 8000).unref();
		if (started.size === 0) process.exit(0);
		for (const worker of started.keys()) worker.process.kill('SIGTERM');
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}
