import { afterEach, describe, expect, it } from 'vitest';
import { remainingMs } from '#shared/timer.ts';
import { MIN, send, timerOf, TRACK, STORES, World } from './world.ts';

describe.each(STORES)('on %s', (store) => {
	const world = new World(store);
	afterEach(() => world.cleanup());

	describe('a server restart mid-slot', () => {
		it('keeps the running timer so the countdown carries on from the same instant', async () => {
			const server = await world.start();
			const chair = await world.joinAsChair(server);
			expect((await send(chair.socket, 'timer:start', { trackId: TRACK })).ok).toBe(true);
			server.clock.advance(2 * MIN);
			expect((await send(chair.socket, 'timer:pause', { trackId: TRACK })).ok).toBe(true);
			server.clock.advance(30_000);
			expect((await send(chair.socket, 'timer:resume', { trackId: TRACK })).ok).toBe(true);
			expect(
				(await send(chair.socket, 'timer:extend', { trackId: TRACK, deltaMs: 5 * MIN })).ok
			).toBe(true);
			server.clock.advance(MIN);
			const before = await timerOf(server);

			const again = await world.restart(server);
			const after = await timerOf(again);
			const { snapshot } = await world.join(again);

			expect(before).toMatchObject({ phase: 'running', pausedMs: 30_000, version: 4 });
			expect(after).toEqual(before);
			expect(snapshot.timers[0]).toEqual(before);
			expect(remainingMs(after, again.clock.now())).toBe(remainingMs(before, server.clock.now()));
		});

		it('keeps a paused timer paused at the instant it was paused', async () => {
			const server = await world.start();
			const chair = await world.joinAsChair(server);
			// the discussion restarted at 11:20 (start alone would keep its planned 11:15 start)
			await send(chair.socket, 'timer:reset', { trackId: TRACK });
			await send(chair.socket, 'timer:start', { trackId: TRACK });
			server.clock.advance(4 * MIN);
			await send(chair.socket, 'timer:pause', { trackId: TRACK });
			const before = await timerOf(server);

			const again = await world.restart(server);
			again.clock.advance(10 * MIN);
			const after = await timerOf(again);

			expect(after).toEqual(before);
			expect(after).toMatchObject({ phase: 'paused', pausedAt: before.pausedAt });
			// The clock says 11:20 in Lisbon: the 30-minute discussion is on, 4 minutes used.
			expect(remainingMs(after, again.clock.now())).toBe(26 * MIN);
		});

		it('lets the chair carry on after the restart with the next version', async () => {
			const server = await world.start();
			const first = await world.joinAsChair(server);
			await send(first.socket, 'timer:start', { trackId: TRACK });

			const again = await world.restart(server);
			const chair = await world.join(again, { cookie: first.cookie });
			const ack = await send(chair.socket, 'timer:pause', { trackId: TRACK });

			expect(ack).toMatchObject({ ok: true, data: { phase: 'paused', version: 2 } });
		});
	});
});
