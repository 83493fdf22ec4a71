// The link to Redis (REDIS_URL): one client for commands and publishing, one for Socket.IO's
// pub/sub adapter to subscribe with. Start-up never waits for Redis: while it is unreachable
// the process serves its own phones alone (broadcasts reach its own sockets; the adapter's
// publishes are dropped, not queued, so memory stays bounded), says so once in its log and in
// `/api/health`, and reconnects with a capped backoff. Each return after an outage is
// reported to `onReturn` (the app makes its phones resync: see app.ts).
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient, type RedisClientType } from 'redis';
import type { Logger } from '../logger.ts';

export type RedisState = 'up' | 'down';

export type RedisLink = {
	/** the command client: rate limits use it (it refuses at once while Redis is down) */
	readonly client: RedisClientType;
	state(): RedisState;
	/** the Socket.IO adapter over this link */
	adapter(): ReturnType<typeof createAdapter>;
	/** `run` is called each time Redis is reachable again after an outage */
	onReturn(run: () => void): void;
	close(): Promise<void>;
};

/** Retries 50 ms, 100 ms, ... at most 2 s apart, forever: Redis may be down for a while. */
const backoff = (retries: number) => Math.min(2000, 50 * 2 ** Math.min(retries, 6));

/** Where Redis is, without its password, for the log. */
export function redisLabel(url: string): string {
	try {
		const { protocol, hostname, port } = new URL(url);
		return `${protocol}//${hostname}${port ? `:${port}` : ''}`;
	} catch {
		return 'Redis';
	}
}

export function connectRedis(url: string, logger: Logger): RedisLink {
	const label = redisLabel(url);
	const client: RedisClientType = createClient({
		url,
		disableOfflineQueue: true,
		socket: { reconnectStrategy: backoff, connectTimeout: 2000 }
	});
	const subscriber: RedisClientType = client.duplicate({ disableOfflineQueue: false });
	let down = true;
	let everUp = false;
	const returns: (() => void)[] = [];
	const readiness = () => client.isReady && subscriber.isReady;
	let closing = false;
	const check = () => {
		if (closing) return;
		const up = readiness();
		if (up && down) {
			down = false;
			logger.info(`Redis at ${label} is reachable: broadcasts reach every Dais process`);
			if (everUp) for (const run of returns) run();
			everUp = true;
		} else if (!up && !down) {
			down = true;
			logger.warn(
				`Redis at ${label} is unreachable: serving this process's phones alone until it returns`
			);
		}
	};
	for (const c of [client, subscriber]) {
		c.on('ready', check);
		c.on('end', check);
		c.on('reconnecting', check);
		// node-redis reports every failed attempt; the state change above is what gets logged
		c.on('error', () => check());
	}
	void client.connect().catch(() => undefined);
	void subscriber.connect().catch(() => undefined);

	// The adapter publishes without awaiting; while Redis is down those are dropped here.
	const publisher = {
		pSubscribe: client.pSubscribe.bind(client),
		publish: (channel: string, message: string | Buffer) =>
			client.isReady ? client.publish(channel, message).catch(() => 0) : Promise.resolve(0),
		sendCommand: client.sendCommand.bind(client),
		on: client.on.bind(client),
		off: client.off.bind(client)
	};

	return {
		client,
		state: () => (down ? 'down' : 'up'),
		adapter: () => createAdapter(publisher, subscriber),
		onReturn: (run) => void returns.push(run),
		close: async () => {
			closing = true;
			await Promise.all(
				[client, subscriber].map((c) => (c.isOpen ? c.close().catch(() => undefined) : undefined))
			);
		}
	};
}
