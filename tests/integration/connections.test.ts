// The http server's connection budgets over real TCP: a cap of open connections per client
// address (per peer, or per forwarded address behind a trusted proxy), and a connection
// that never sends a request is closed after the headers timeout instead of living 90 s.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HEADERS_TIMEOUT_MS } from '../../server/http/connections.ts';
import { World, type TestServer } from './world.ts';

const world = new World();
const raw = new Set<net.Socket>();
afterEach(async () => {
	for (const socket of raw) socket.destroy();
	raw.clear();
	await world.cleanup();
});

/** An open TCP connection to the server, and when it was closed (ms after opening), if so. */
async function tcp(server: TestServer): Promise<{ socket: net.Socket; closed: Promise<number> }> {
	const socket = net.connect(server.port, '127.0.0.1');
	raw.add(socket);
	socket.on('error', () => undefined);
	socket.resume();
	const opened = Date.now();
	const closed = new Promise<number>((resolve) =>
		socket.once('close', () => resolve(Date.now() - opened))
	);
	await new Promise((resolve) => socket.once('connect', resolve));
	return { socket, closed };
}

const within = <T>(p: Promise<T>, ms: number) =>
	Promise.race([p, new Promise<'open'>((resolve) => setTimeout(() => resolve('open'), ms))]);

describe('connections per address', () => {
	it('closes a connection beyond the cap at once, and takes one again when one closes', async () => {
		const server = await world.start({ config: { connectionsPerAddress: 5 } });
		const five = await Promise.all(Array.from({ length: 5 }, () => tcp(server)));
		const sixth = await tcp(server);
		expect(await within(sixth.closed, 1000)).not.toBe('open');
		expect(await within(Promise.race(five.map((c) => c.closed)), 300)).toBe('open');
		five[0]!.socket.destroy();
		await five[0]!.closed;
		await new Promise((resolve) => setTimeout(resolve, 50));
		const again = await tcp(server);
		expect(await within(again.closed, 300)).toBe('open');
	});

	it('counts Socket.IO connections per forwarded address behind a trusted proxy', async () => {
		const server = await world.start({ config: { trustProxy: true, connectionsPerAddress: 3 } });
		const from = (address: string) => ({ headers: { 'x-forwarded-for': address } });
		const three = await Promise.all(
			Array.from({ length: 3 }, () => world.connect(server, from('198.51.100.7')))
		);
		expect(three.every((s) => s.connected)).toBe(true);
		const fourth = await within(
			world.connect(server, from('198.51.100.7')).then(
				() => 'in',
				() => 'out'
			),
			2000
		);
		expect(fourth).not.toBe('in');
		expect((await world.connect(server, from('198.51.100.8'))).connected).toBe(true);
	});
});

describe('an idle connection', () => {
	it(
		'is closed once the headers timeout has passed without a request',
		{ timeout: 20_000 },
		async () => {
			const server = await world.start();
			const idle = await tcp(server);
			const closedAfter = await within(idle.closed, HEADERS_TIMEOUT_MS + 3000);
			expect(closedAfter).not.toBe('open');
			expect(closedAfter).toBeLessThanOrEqual(HEADERS_TIMEOUT_MS + 2000);
		}
	);
});
