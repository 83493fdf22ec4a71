// A real Dais server process for tests that must kill one: the production wiring (config
// from the environment, DATA_DIR locked and its SQLite store opened, or DATABASE_URL's
// PostgreSQL store, the system clock)
// without SvelteKit, so pages answer 404 and no build is needed. Prints `{"port":N}` once listening.
// Asks and votes are not throttled here: the crash test needs a long burst from one address.
// Run it as `node --import tsx tests/integration/support/serve.ts` (one process to kill).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../../server/app.ts';
import { systemClock } from '../../../server/clock.ts';
import { parseConfig } from '../../../server/config.ts';
import { HTTP_SERVER_OPTIONS } from '../../../server/http/connections.ts';
import { createLogger } from '../../../server/logger.ts';
import { openPostgresStore } from '../../../server/store/postgres/postgres.store.ts';
import { openDataDir } from '../../../server/store/sqlite/data-dir.ts';

const UNTHROTTLED = 1_000_000;

const config = parseConfig(process.env);
const dataDir = config.databaseUrl ? null : openDataDir(config.dataDir);
if (dataDir) process.on('exit', dataDir.release);
const store = dataDir?.store ?? (await openPostgresStore(config.databaseUrl!));
const httpServer = http.createServer(HTTP_SERVER_OPTIONS);
await createApp({
	httpServer,
	store,
	clock: systemClock,
	logger: createLogger(config.logLevel),
	config,
	questionLimits: {
		askPerDevice: UNTHROTTLED,
		askPerAddress: UNTHROTTLED,
		votePerDevice: UNTHROTTLED,
		votePerAddress: UNTHROTTLED
	}
});
httpServer.listen(config.port, config.host, () => {
	const { port } = httpServer.address() as AddressInfo;
	dataDir?.listening(port);
	process.stdout.write(`${JSON.stringify({ port })}\n`);
});
