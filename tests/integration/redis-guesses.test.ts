// The sign-in guess throttle on Redis (services/redis-guesses.ts) gives exactly the turns the
// in-memory one does, shares them between processes, and decides in memory while Redis is
// unreachable.
import type { ChildProcess } from 'node:child_process';
import { createClient, type RedisClientType } from 'redis';
import { afterEach, describe, expect, it } from 'vitest';
import { GuessThrottle, type GuessTurns, type Turn } from '../../server/services/guess-throttle.ts';
import { redisGuesses } from '../../server/services/redis-guesses.ts';
import { freePort, startRedis } from './support/processes.ts';

const children = new Set<ChildProcess>();
const clients: RedisClientType[] = [];
afterEach(() => {
	for (const c of clients.splice(0)) c.destroy();
	for (const child of children) child.kill('SIGKILL');
	children.clear();
});

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

/** Attempts from three addresses, bursts and pauses, some of them right (epoch ms). */
function* attempts(): Generator<{ key: string; now: number; right: boolean }> {
	let now = 1_000_000;
	for (let i = 0; i < 60; i++) {
		now += i % 17 === 0 ? 20_000 : i % 5 === 0 ? 1500 : 137;
		yield {
			key: ['10.0.0.1', '10.0.0.2', 'fd00::/64'][i % 3 === 0 ? 1 : i % 7 === 0 ? 2 : 0]!,
			now,
			right: i % 11 === 0
		};
	}
	// a flood from one address at one instant: the late ones are refused
	for (let i = 0; i < 40; i++) yield { key: '10.0.0.3', now, right: false };
}

async function play(throttle: GuessTurns): Promise<Turn[]> {
	const turns: Turn[] = [];
	for (const { key, now, right } of attempts()) {
		turns.push(await throttle.turn(key, now));
		if (right) await throttle.succeeded(key, now);
	}
	return turns;
}

describe('the guess throttle on Redis', () => {
	it('gives the turns the in-memory throttle gives', async () => {
		const redis = await startRedis(children);
		const expected = await play(new GuessThrottle());
		expect(expected.some((t) => 'refusedMs' in t)).toBe(true);
		expect(expected.some((t) => 'waitMs' in t && t.waitMs > 0)).toBe(true);
		expect(await play(redisGuesses(await client(redis.url)))).toEqual(expected);
	});

	it('shares the turns of one address between two processes', async () => {
		const redis = await startRedis(children);
		const [one, two] = [
			redisGuesses(await client(redis.url)),
			redisGuesses(await client(redis.url))
		];
		const now = 5_000_000;
		const turns: Turn[] = [];
		for (let i = 0; i < 7; i++) turns.push(await (i % 2 ? two : one).turn('10.0.0.9', now));
		const alone = new GuessThrottle();
		const expected = Array.from({ length: 7 }, () => alone.turn('10.0.0.9', now));
		expect(turns).toEqual(expected);
		expect(turns.at(-1)).toEqual({ waitMs: 3000 });
	});

	it('decides in memory while Redis is unreachable', async () => {
		const down = redisGuesses(await client(`redis://127.0.0.1:${await freePort()}`, false));
		expect(await play(down)).toEqual(await play(new GuessThrottle()));
	});
});
