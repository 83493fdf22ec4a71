// Question limits on Redis (services/redis-limits.ts): two limit sets on one Redis (two Dais
// processes) count one key together, every hit of a refused take is given back, and while
// Redis is unreachable each counts in memory instead of refusing or letting everyone through.
import type { ChildProcess } from 'node:child_process';
import { createClient, type RedisClientType } from 'redis';
import { afterEach, describe, expect, it } from 'vitest';
import { redisLimits } from '../../server/services/redis-limits.ts';
import { freePort, startRedis } from './support/processes.ts';

const children = new Set<ChildProcess>();
const clients: RedisClientType[] = [];
afterEach(async () => {
	await Promise.all(clients.splice(0).map((c) => c.destroy()));
	for (const child of children) child.kill('SIGKILL');
	children.clear();
});

/** `reachable: false`: connecting, and retrying, as a Dais process does while Redis is down */
async function client(url: string, reachable = true): Promise<RedisClientType> {
	const made: RedisClientType = createClient({
		url,
		disableOfflineQueue: true,
		socket: { reconnectStrategy: 100, connectTimeout: 500 }
	});
	made.on('error', () => undefined);
	clients.push(made);
	const connected = made.connect();
	if (reachable) await connected;
	else connected.catch(() => undefined);
	return made;
}

const NOW = 0;

describe('question limits on Redis', () => {
	it('count one key across two processes, and give back every hit of a refused take', async () => {
		const redis = await startRedis(children);
		const limits = { perDevice: 3, perAddress: 100 };
		const [one, two] = [
			redisLimits(await client(redis.url))(limits, 60_000),
			redisLimits(await client(redis.url))(limits, 60_000)
		];
		const hits = [
			['perDevice', 'device-1'],
			['perAddress', 'address-1']
		] as const;
		expect(await one.take(hits, NOW)).toBe(0);
		expect(await two.take(hits, NOW)).toBe(0);
		expect(await one.take(hits, NOW)).toBe(0);
		const wait = await two.take(hits, NOW);
		expect(wait).toBeGreaterThan(0);
		expect(wait).toBeLessThanOrEqual(60_000);
		// the address counted three hits, not four: the refused take gave its hit back
		const address = [['perAddress', 'address-1']] as const;
		const small = redisLimits(await client(redis.url))({ perAddress: 4 }, 60_000);
		expect(await small.take(address, NOW)).toBe(0);
		expect(await small.take(address, NOW)).toBeGreaterThan(0);
	});

	it('count in memory while Redis is unreachable', async () => {
		const down = await client(`redis://127.0.0.1:${await freePort()}`, false);
		const limits = redisLimits(down)({ perDevice: 2 }, 60_000);
		const hit = [['perDevice', 'device-1']] as const;
		expect(await limits.take(hit, NOW)).toBe(0);
		expect(await limits.take(hit, NOW)).toBe(0);
		expect(await limits.take(hit, NOW)).toBeGreaterThan(0);
	});
});
