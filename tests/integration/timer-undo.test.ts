// timer:undo and timer:reset over the wire: undo takes back the last timer command with a
// higher version, its stack survives a restart, and reset cues the slot for a fresh start.
import { afterEach, describe, expect, it } from 'vitest';
import type { TimerState } from '#shared/schema/timer.ts';
import { remainingMs } from '#shared/timer.ts';
import { dataOf, MIN, send, SLOTS, stateAt, timerOf, TRACK, World } from './world.ts';

const world = new World();
afterEach(() => world.cleanup());

describe('timer:undo', () => {
	it('takes back a mis-tapped next for everyone, with the next version', async () => {
		const server = await world.start();
		const chair = await world.joinAsChair(server);
		const attendee = await world.join(server);
		const running = dataOf<TimerState>(await send(chair.socket, 'timer:start', { trackId: TRACK }));
		server.clock.advance(3 * MIN);
		await send(chair.socket, 'timer:next', { trackId: TRACK });
		server.clock.advance(MIN);

		const toAttendee = stateAt(attendee.socket, 3);
		const ack = await send(chair.socket, 'timer:undo', { trackId: TRACK, expectedVersion: 2 });

		const undone = dataOf<TimerState>(ack);
		expect(undone).toEqual({ ...running, version: 3 });
		expect(await toAttendee).toEqual(undone);
		// the slot carried on meanwhile: 9 of its 30 minutes are used (the 5 the plan had run
		// when the chair took the track, and 4 since)
		expect(remainingMs(undone, server.clock.now())).toBe(21 * MIN);
	});

	it('answers invalid_state when there is nothing left to undo, and conflict when stale', async () => {
		const server = await world.start();
		const chair = await world.joinAsChair(server);
		expect(await send(chair.socket, 'timer:undo', { trackId: TRACK })).toMatchObject({
			ok: false,
			error: { code: 'invalid_state' }
		});
		await send(chair.socket, 'timer:start', { trackId: TRACK });
		expect(
			await send(chair.socket, 'timer:undo', { trackId: TRACK, expectedVersion: 0 })
		).toMatchObject({ ok: false, error: { code: 'conflict' } });
		expect((await timerOf(server)).phase).toBe('running');
		expect((await send(chair.socket, 'timer:undo', { trackId: TRACK })).ok).toBe(true);
		expect(await send(chair.socket, 'timer:undo', { trackId: TRACK })).toMatchObject({
			ok: false,
			error: { code: 'invalid_state' }
		});
	});

	it('still takes back the last commands after a server restart', async () => {
		const server = await world.start();
		const first = await world.joinAsChair(server);
		await send(first.socket, 'timer:start', { trackId: TRACK });
		const before = await timerOf(server);
		await send(first.socket, 'timer:extend', { trackId: TRACK, deltaMs: 5 * MIN });
		await send(first.socket, 'timer:pause', { trackId: TRACK });

		const again = await world.restart(server);
		const chair = await world.join(again, { cookie: first.cookie });
		await send(chair.socket, 'timer:undo', { trackId: TRACK });
		const ack = await send(chair.socket, 'timer:undo', { trackId: TRACK });

		expect(dataOf<TimerState>(ack)).toEqual({ ...before, version: 5 });
	});

	it('refuses to bring back a slot that was removed from the agenda meanwhile', async () => {
		const server = await world.start();
		const chair = await world.joinAsChair(server);
		await send(chair.socket, 'timer:start', { trackId: TRACK });
		await send(chair.socket, 'timer:next', { trackId: TRACK });
		const removed = await send(chair.socket, 'agenda:remove-slot', {
			trackId: TRACK,
			expectedAgendaVersion: 1,
			slotId: SLOTS.current
		});
		expect(removed.ok).toBe(true);
		const before = await timerOf(server);
		expect(await send(chair.socket, 'timer:undo', { trackId: TRACK })).toMatchObject({
			ok: false,
			error: { code: 'invalid_state' }
		});
		expect(await timerOf(server)).toEqual(before);
	});
});

describe('timer:reset', () => {
	it('gives the slot its full planned time back, waiting for start', async () => {
		const server = await world.start();
		const chair = await world.joinAsChair(server);
		await send(chair.socket, 'timer:start', { trackId: TRACK });
		await send(chair.socket, 'timer:extend', { trackId: TRACK, deltaMs: 5 * MIN });
		server.clock.advance(7 * MIN);

		const cued = dataOf<TimerState>(await send(chair.socket, 'timer:reset', { trackId: TRACK }));
		expect(cued).toMatchObject({ slotId: SLOTS.current, phase: 'paused', durationMs: 30 * MIN });
		server.clock.advance(2 * MIN);
		expect(remainingMs(cued, server.clock.now())).toBe(30 * MIN);

		const started = dataOf<TimerState>(await send(chair.socket, 'timer:start', { trackId: TRACK }));
		expect(started).toMatchObject({ phase: 'running', startedAt: server.clock.now() });
		expect(remainingMs(started, server.clock.now() + MIN)).toBe(29 * MIN);
	});
});
