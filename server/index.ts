// Production entry (`npm run serve` runs it compiled into build/dais-server.js): parse the
// configuration, lock and open DATA_DIR (data-dir.ts), start loading SvelteKit's build, link
// to Redis when REDIS_URL is set, wire everything with createApp, listen, and print where to
// go. With WORKERS above 1 this process is the primary of a cluster (cluster.ts) and each of
// its workers does the above, joining the primary's lock.
// Invalid configuration, or a DATA_DIR another Dais holds or whose store is lost or
// unreadable, prints one line and exits with code 1. SIGINT/SIGTERM shut down.
import cluster from 'node:cluster';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createApp, type App, type RequestHandler } from './app.ts';
import { CLUSTER_ENV, newClusterId, runPrimary, WORKER_ENV } from './cluster.ts';
import { systemClock } from './clock.ts';
import { ConfigError, parseConfig, type Config } from './config.ts';
import { HTTP_SERVER_OPTIONS } from './http/connections.ts';
import { deferredHandler } from './http/deferred-handler.ts';
import { isLoopback } from './http/join-url.ts';
import { isHttps } from './http/origin.ts';
import { createLogger } from './logger.ts';
import { connectRedis } from './realtime/redis-link.ts';
import { BUILD_HANDLER as BUILD_HANDLER_URL } from './paths.ts';
import {
	DataDirError,
	openDataDir,
	type DataDir,
	type DataDirOptions
} from './store/sqlite/data-dir.ts';
import type { Store } from './store/store.ts';

const BUILD_HANDLER = fileURLToPath(BUILD_HANDLER_URL);
const PROTOCOL_HEADER = 'x-dais-protocol';
/**
 * Pending connections the kernel may queue (capped by net.core.somaxconn). Node's default of
 * 511 overflows when thousands of phones reconnect at once after a restart, and each dropped
 * SYN costs its phone a 1-3 s TCP retransmit; a deeper queue lets them wait milliseconds.
 */
const LISTEN_BACKLOG = 8192;

function fail(message: string): never {
	process.stderr.write(`${message}\n`);
	process.exit(1);
}

/**
 * SvelteKit's handler, told the real scheme (adapter-node assumes https without ORIGIN). Its
 * build loads while the app is wired and the server starts listening, so that after a restart
 * the sockets and the API answer without waiting for it (a tenth of a second and more on a
 * small machine); a page asked for before then waits for it. A build that cannot load stops
 * the server as a missing one does.
 */
function loadSvelteKit(config: Config): RequestHandler {
	if (!fs.existsSync(BUILD_HANDLER))
		fail(`Dais: ${BUILD_HANDLER} is missing; run npm run build first.`);
	if (config.publicUrl && !process.env.ORIGIN) process.env.ORIGIN = config.publicUrl;
	const tellScheme = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER;
	if (tellScheme) process.env.PROTOCOL_HEADER = PROTOCOL_HEADER;
	const loading = (
		import(pathToFileURL(BUILD_HANDLER).href) as Promise<{ handler: RequestHandler }>
	).then((module) => module.handler);
	loading.catch((err: unknown) =>
		fail(
			`Dais could not load ${BUILD_HANDLER}: ${err instanceof Error ? err.message : String(err)}`
		)
	);
	const handler = deferredHandler(loading);
	return (req, res, next) => {
		if (tellScheme)
			req.headers[PROTOCOL_HEADER] = isHttps(req, config.publicUrl) ? 'https' : 'http';
		handler(req, res, next);
	};
}

/**
 * Where to go. Without PUBLIC_URL the links are for this machine, and the addresses phones on
 * the venue network can use are listed too (the stage's QR code shows the first of them).
 */
function banner(config: Config, port: number, store: Store, app: App, stageKey: string): string {
	const base = config.publicUrl ?? `http://localhost:${port}`;
	const chair = app.generatedPasscode
		? `${base}/chair#passcode=${app.generatedPasscode}`
		: `${base}/chair  (passcode: the CHAIR_PASSCODE you set)`;
	const venue = app.venue();
	const phones = config.publicUrl
		? []
		: venue.length > 0
			? venue.map(({ url, interface: name }) => `  Phones:     ${url}/  (${name})`)
			: isLoopback(config.host)
				? [`  Phones:     none: HOST ${config.host} is reachable from this machine only`]
				: ['  Phones:     no address on a network found; set PUBLIC_URL'];
	return [
		'',
		`Dais is listening on ${config.host}:${port}`,
		`  Attendees:  ${base}/`,
		...phones,
		`  Stage:      ${base}/stage#key=${stageKey}`,
		`  Chair:      ${chair}`,
		`  Data:       ${store.location}`,
		...(config.workers > 1 ? [`  Workers:    ${config.workers}, sharing Redis`] : []),
		''
	].join('\n');
}

/** DATA_DIR locked for this process's life and opened, or one line saying why not, and exit. */
function openDataDirOrFail(dir: string, options: DataDirOptions = {}): DataDir {
	let dataDir: DataDir;
	try {
		dataDir = openDataDir(dir, options);
	} catch (err) {
		if (err instanceof DataDirError) fail(`Dais could not start: ${err.message}`);
		throw err;
	}
	process.on('exit', dataDir.release);
	if (dataDir.firstStart)
		process.stdout.write(`First start: no event stored in ${dir} yet, so a new one begins.\n`);
	return dataDir;
}

async function main(): Promise<void> {
	let config: Config;
	try {
		config = parseConfig(process.env);
	} catch (err) {
		if (err instanceof ConfigError) fail(err.message);
		throw err;
	}
	const logger = createLogger(config.logLevel);
	if (config.workers > 1 && cluster.isPrimary) {
		if (!fs.existsSync(BUILD_HANDLER))
			fail(`Dais: ${BUILD_HANDLER} is missing; run npm run build first.`);
		const clusterId = newClusterId();
		// opened once here so that its checks and migrations run before any worker starts
		const dataDir = openDataDirOrFail(config.dataDir, { cluster: clusterId });
		await dataDir.store.close();
		return runPrimary(config, clusterId, dataDir, logger, fail);
	}
	const join = cluster.isWorker ? process.env[CLUSTER_ENV] : undefined;
	const dataDir = openDataDirOrFail(config.dataDir, join ? { join } : {});
	const { store } = dataDir;
	const sveltekitHandler = loadSvelteKit(config);
	const redis = config.redisUrl ? connectRedis(config.redisUrl, logger) : undefined;
	const httpServer = http.createServer(HTTP_SERVER_OPTIONS);
	const app = await createApp({
		httpServer,
		store,
		clock: systemClock,
		logger,
		config,
		questionLimits: config.questionLimits,
		sveltekitHandler,
		redis
	});
	await new Promise<void>((resolve, reject) => {
		httpServer.once('error', reject);
		httpServer.listen({ port: config.port, host: config.host, backlog: LISTEN_BACKLOG }, () =>
			resolve()
		);
	});
	const { port } = httpServer.address() as AddressInfo;
	dataDir.listening(port);
	const worker = process.env[WORKER_ENV];
	if (!cluster.isWorker || worker === '1')
		process.stdout.write(`${banner(config, port, store, app, await app.stageKey())}\n`);
	else logger.info(`worker ${worker} is listening on ${config.host}:${port}`);

	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) process.exit(1);
		stopping = true;
		logger.info(`${signal}: shutting down`);
		setTimeout(() => process.exit(1), 5000).unref();
		void app
			.close()
			.then(() => redis?.close())
			.then(() => store.close())
			.then(() => process.exit(0));
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
	const code = (err as NodeJS.ErrnoException | undefined)?.code;
	const reason =
		code === 'EADDRINUSE'
			? 'the port is already in use; stop the other server or set PORT'
			: err instanceof Error
				? err.message
				: String(err);
	fail(`Dais could not start: ${reason}`);
});
