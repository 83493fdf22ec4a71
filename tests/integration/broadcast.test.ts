import { afterEach, describe, expect, it } from 'vitest';
import { MIN, nextState, pause, send, TRACK, World } from './world.ts';

const world = new World();
afterEach(() => world.cleanup());

describe('a chair command', () => {
	it('reaches every connected attendee with the version the chair was acked', async () => {
		const server = await world.start();
		const chair = await world.joinAsChair(server);
		const alice = await world.join(server);
		const bob = await world.join(server);
		expect(alice.snapshot.timers[0]!.phase).toBe('planned');

		const toAlice = nextState(alice.socket);
		const toBob = nextState(bob.socket);
		const ack = await send(chair.socket, 'timer:start', { trackId: TRACK });

		expect(ack.ok).toBe(true);
		const acked = ack.ok ? (ack.data as { version: number; phase: string }) : null;
		// taking the track keeps the slot's planned start (11:15, five minutes before now)
		expect(acked).toMatchObject({
			phase: 'running',
			version: 1,
			startedAt: server.clock.now() - 5 * MIN
		});
		expect(await toAlice).toEqual(acked);
		expect(await toBob).toEqual(acked);
	});

	it('reaches the chair socket that sent it, after its ack', async () => {
		const server = await world.start();
		const chair = await world.joinAsChair(server);
		const own = nextState(chair.socket);
		const ack = await send(chair.socket, 'timer:start', { trackId: TRACK });
		expect(ack.ok && (await own).version).toBe(1);
	});

	it('is not sent to a socket that has not joined the track', async () => {
		const server = await world.start();
		const chair = await world.joinAsChair(server);
		const outsider = await world.connect(server);
		const seen: unknown[] = [];
		outsider.on('timer:state', (s: unknown) => void seen.push(s));
		const joined = await world.join(server);
		const toJoined = nextState(joined.socket);
		await send(chair.socket, 'timer:start', { trackId: TRACK });
		await toJoined;
		await pause(100);
		expect(seen).toEqual([]);
	});
});
