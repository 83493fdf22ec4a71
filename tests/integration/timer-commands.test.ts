import { afterEach, describe, expect, it } from 'vitest';
import { send, timerOf, TRACK, World } from './world.ts';

const world = new World();
afterEach(() => world.cleanup());

describe('timer commands', () => {
	it('refuse a stale expectedVersion with conflict and change nothing', async () => {
		const server = await world.start();
		const { socket } = await world.joinAsChair(server);
		expect(await send(socket, 'timer:start', { trackId: TRACK, expectedVersion: 0 })).toMatchObject(
			{ ok: true }
		);
		const before = await timerOf(server);
		const ack = await send(socket, 'timer:pause', { trackId: TRACK, expectedVersion: 0 });
		expect(ack).toMatchObject({ ok: false, error: { code: 'conflict' } });
		expect(await timerOf(server)).toEqual(before);
		expect(await send(socket, 'timer:pause', { trackId: TRACK, expectedVersion: 1 })).toMatchObject(
			{
				ok: true,
				data: { phase: 'paused', version: 2 }
			}
		);
	});

	it('ack a command the timer cannot take with invalid_state', async () => {
		const server = await world.start();
		const { socket } = await world.joinAsChair(server);
		await send(socket, 'timer:start', { trackId: TRACK });
		expect(await send(socket, 'timer:resume', { trackId: TRACK })).toMatchObject({
			ok: false,
			error: { code: 'invalid_state' }
		});
	});

	it('ack an unknown track with not_found', async () => {
		const server = await world.start();
		const { socket } = await world.joinAsChair(server);
		expect(await send(socket, 'timer:start', { trackId: 'nowhere' })).toMatchObject({
			ok: false,
			error: { code: 'not_found' }
		});
	});

	it('give every one of many simultaneous commands its own version', async () => {
		const server = await world.start();
		const { socket } = await world.joinAsChair(server);
		await send(socket, 'timer:start', { trackId: TRACK });
		const acks = await Promise.all(
			Array.from({ length: 8 }, () =>
				send(socket, 'timer:extend', { trackId: TRACK, deltaMs: 60_000 })
			)
		);
		const versions = acks.map((a) => (a.ok ? (a.data as { version: number }).version : -1));
		expect(versions.sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
		expect((await timerOf(server)).durationMs).toBe((30 + 8) * 60_000);
	});

	it('ack an unexpected failure as internal, log its stack and leak nothing', async () => {
		const server = await world.start();
		const { socket } = await world.joinAsChair(server);
		server.store.transaction = async () => {
			throw new Error('disk on fire at /var/secret/path');
		};
		const ack = await send(socket, 'timer:start', { trackId: TRACK });
		expect(ack).toEqual({
			ok: false,
			error: { code: 'internal', message: 'something went wrong on the server' }
		});
		expect(server.logs.join('')).toMatch(
			/ERROR command timer:start failed\nError: disk on fire[^]*at /
		);
		expect((await send(socket, 'clock:ping', {})).ok).toBe(true);
	});
});
