// The commands any client may send without signing in have budgets: tight per socket,
// generous per address (a venue's NAT), so that one client cannot make the server build
// thousands of snapshots a second, while a crowd behind one address still gets in.
import { afterEach, describe, expect, it } from 'vitest';
import { OPEN_BUDGETS } from '../../server/realtime/budgets.ts';
import { send, TRACK, World, type AnyAck } from './world.ts';

const world = new World();
afterEach(() => world.cleanup());

const join = { trackId: TRACK };
const limited = (ack: AnyAck) => {
	expect(ack).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
	return (ack as unknown as { error: { retryAfterMs: number } }).error.retryAfterMs;
};
async function burst(n: number, one: () => Promise<AnyAck>): Promise<AnyAck[]> {
	const acks = [];
	for (let i = 0; i < n; i++) acks.push(await one());
	return acks;
}

describe('budgets of open commands', () => {
	it('refuses a socket’s eleventh track:join in a burst and closes its connection', async () => {
		const server = await world.start();
		const socket = await world.connect(server);
		const acks = await burst(10, () => send(socket, 'track:join', join));
		expect(acks.every((a) => a.ok)).toBe(true);
		const closed = new Promise((resolve) => socket.once('disconnect', resolve));
		expect(limited(await send(socket, 'track:join', join))).toBe(2000);
		// closed, so that a page comes back through its reconnect backoff
		expect(await closed).toBe('transport close');
		const again = await world.connect(server);
		expect((await send(again, 'track:join', join)).ok).toBe(true);
	});

	it('refuses a socket’s clock:ping and stage:seen floods', async () => {
		const server = await world.start();
		const socket = await world.connect(server);
		const pings = await burst(21, () => send(socket, 'clock:ping', {}));
		expect(pings.slice(0, 20).every((a) => a.ok)).toBe(true);
		expect(limited(pings[20]!)).toBe(1000);
		const seen = await burst(11, () =>
			send(socket, 'stage:seen', { trackId: TRACK, signalId: 's' })
		);
		expect(limited(seen[10]!)).toBe(1000);
	});

	it('caps one address across its sockets, and no other address', async () => {
		const server = await world.start({
			config: { trustProxy: true },
			openBudgets: {
				'track:join': {
					socket: OPEN_BUDGETS['track:join'].socket,
					address: { burst: 3, perSecond: 1 }
				}
			}
		});
		const from = (address: string) =>
			world.connect(server, { headers: { 'x-forwarded-for': address } });
		const acks = [];
		for (let i = 0; i < 4; i++)
			acks.push(await send(await from('198.51.100.7'), 'track:join', join));
		expect(acks.slice(0, 3).every((a) => a.ok)).toBe(true);
		expect(limited(acks[3]!)).toBe(1000);
		expect((await send(await from('198.51.100.8'), 'track:join', join)).ok).toBe(true);
	});

	it('lets a crowd behind one address all join at once with the default budgets', async () => {
		const server = await world.start();
		const sockets = await Promise.all(Array.from({ length: 100 }, () => world.connect(server)));
		const acks = await Promise.all(sockets.map((s) => send(s, 'track:join', join)));
		expect(acks.every((a) => a.ok)).toBe(true);
		expect(OPEN_BUDGETS['track:join'].address.burst).toBeGreaterThanOrEqual(20_000);
	});
});
