// A chair's first command on a track no chair has taken yet (it follows the plan): what the
// room's screens show afterwards, and what the chair log says the chair did.
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '#shared/schema/audit.ts';
import type { TimerState } from '#shared/schema/timer.ts';
import { remainingMs } from '#shared/timer.ts';
import { dataOf, MIN, NOW, send, SLOTS, TRACK, World, type Client } from './world.ts';

const world = new World();
afterEach(() => world.cleanup());

/** s02 is planned 11:15–11:45 Lisbon; NOW is 11:20, so the plan shows 25 min left. */
const PLANNED_START = NOW - 5 * MIN;

const newest = async (chair: Client) =>
	dataOf<{ entries: AuditEntry[] }>(await send(chair, 'audit:list', { trackId: TRACK }))
		.entries[0]!;

describe('a command on a track no chair has taken', () => {
	it('start keeps the countdown every screen shows: the planned start and elapsed time', async () => {
		const server = await world.start();
		const chair = await world.joinAsChair(server);
		const state = dataOf<TimerState>(await send(chair.socket, 'timer:start', { trackId: TRACK }));
		expect(state).toMatchObject({
			slotId: SLOTS.current,
			phase: 'running',
			startedAt: PLANNED_START,
			pausedMs: 0,
			durationMs: 30 * MIN
		});
		expect(remainingMs(state, NOW)).toBe(25 * MIN);
		expect((await newest(chair.socket)).summary).toBe(
			'Start “Moving container workloads to cgroup v2”'
		);
	});

	it('logs +5 min as +5 min, and Undo takes the track back to the plan', async () => {
		const server = await world.start();
		const chair = await world.joinAsChair(server);
		const state = dataOf<TimerState>(
			await send(chair.socket, 'timer:extend', { trackId: TRACK, deltaMs: 5 * MIN })
		);
		expect(remainingMs(state, NOW)).toBe(30 * MIN);
		expect((await newest(chair.socket)).summary).toBe(
			'+5 min on “Moving container workloads to cgroup v2”'
		);
		await send(chair.socket, 'timer:undo', { trackId: TRACK });
		expect((await newest(chair.socket)).summary).toBe('Undo: back to following the plan');
	});

	it('logs a −1 min that crosses zero as the −1 min the chair gave', async () => {
		const server = await world.start();
		const chair = await world.joinAsChair(server);
		server.clock.advance(25 * MIN - 30_000);
		const state = dataOf<TimerState>(
			await send(chair.socket, 'timer:extend', { trackId: TRACK, deltaMs: -MIN })
		);
		expect(remainingMs(state, server.clock.now())).toBe(0);
		expect((await newest(chair.socket)).summary).toBe(
			'−1 min on “Moving container workloads to cgroup v2” (stopped at time up: −30 s)'
		);
	});

	it('previous restarts the slot before from 0 and says so', async () => {
		const server = await world.start();
		const chair = await world.joinAsChair(server);
		const state = dataOf<TimerState>(
			await send(chair.socket, 'timer:previous', { trackId: TRACK })
		);
		expect(state).toMatchObject({ phase: 'running', startedAt: NOW, pausedMs: 0 });
		expect((await newest(chair.socket)).summary).toMatch(/^Previous: .* → .*, restarted from 0$/);
	});
});
