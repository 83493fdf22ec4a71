// A real Dais server process for tests that must kill one: the production wiring (config
// from the environment, DATA_DIR locked and its SQLite store opened, the system clock)
// without SvelteKit, so pages answer 404 and no build is needed. Prints `{"port":N}` once listening.
// Asks and votes are not throttled here unless QUESTION_LIMITS says (the crash test needs a
// long burst from one address). With REDIS_URL it is one of several processes; with
// DAIS_CLUSTER it joins the DATA_DIR lock the test holds for that cluster id.
// Run it as `node --import tsx tests/integration/support/serve.ts` (one process to kill).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../../server/app.ts';
import { systemClock } from '../../../server/clock.ts';
import { parseConfig } from '../../../server/config.ts';
import { HTTP_SERVER_OPTIONS } from '../../../server/http/connections.ts';
import { createLogger } from '../../../server/logger.ts';
import { connectRedis } from '../../../server/realtime/redis-link.ts';
import { openDataDir } from '../../../server/store/sqlite/data-dir.ts';

const UNTHROTTLED = 1_000_000;

const config = parseConfig(process.env);
const join = process.env.DAIS_CLUSTER;
const dataDir = openDataDir(config.dataDir, join ? { join } : {});
process.on('exit', dataDir.release);
const { store } = dataDir;
const httpServer = http.createServer(HTTP_SERVER_OPTIONS);
const logger = createLogger(config.logLevel);
await createApp({
	httpServer,
	store,
	clock: systemClock,
	logger,
	config,
	questionLimits: config.questionLimits ?? {
		askPerDevice: UNTHROTTLED,
		askPerAddress: UNTHROTTLED,
		votePerDevice: UNTHROTTLED,
		votePerAddress: UNTHROTTLED
	},
	redis: config.redisUrl ? connectRedis(config.redisUrl, logger) : undefined
});
httpServer.listen(config.port, config.host, () => {
	const { port } = httpServer.address() as AddressInfo;
	dataDir.listening(port);
	process.stdout.write(`${JSON.stringify({ port })}\n`);
});
