import { afterEach, describe, expect, it } from 'vitest';
import { getBridge } from '#shared/bridge.ts';
import { PROTOCOL_VERSION } from '#shared/protocol.ts';
import { send, signIn, World, type TestServer } from './world.ts';

const world = new World();
afterEach(() => world.cleanup());

describe('the socket handshake', () => {
	it('refuses another protocol version with connect_error protocol_mismatch', async () => {
		const server = await world.start();
		const refused = world.connect(server, { protocolVersion: PROTOCOL_VERSION + 1 });
		await expect(refused).rejects.toMatchObject({
			message: 'protocol_mismatch',
			data: { code: 'protocol_mismatch' }
		});
	});

	it('refuses a handshake without a protocol version as invalid', async () => {
		const server = await world.start();
		await expect(world.connect(server, { auth: {} })).rejects.toMatchObject({ message: 'invalid' });
		await expect(world.connect(server, { protocolVersion: '1' })).rejects.toMatchObject({
			message: 'invalid'
		});
	});

	it('refuses a browser on another origin', async () => {
		const server = await world.start();
		await expect(world.connect(server, { origin: 'https://evil.example' })).rejects.toThrow();
	});

	it('accepts a browser on its own origin, and a client that sends no Origin', async () => {
		const server = await world.start();
		const browser = await world.connect(server, { origin: server.url });
		const script = await world.connect(server);
		expect((await send(browser, 'clock:ping', {})).ok).toBe(true);
		expect((await send(script, 'clock:ping', {})).ok).toBe(true);
	});

	it('sends heartbeats at the configured interval, 25 s by default', async () => {
		const pingInterval = async (server: TestServer) => {
			const res = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`);
			const open = JSON.parse((await res.text()).slice(1)) as { pingInterval: number };
			return open.pingInterval;
		};
		expect(await pingInterval(await world.start())).toBe(25_000);
		expect(await pingInterval(await world.start({ config: { heartbeatSeconds: 50 } }))).toBe(
			50_000
		);
	});

	it('answers clock:ping with the server clock', async () => {
		const server = await world.start();
		const socket = await world.connect(server);
		server.clock.advance(1234);
		expect(await send(socket, 'clock:ping', {})).toEqual({
			ok: true,
			data: { serverNow: server.clock.now() }
		});
	});

	it('acks track:join for an unknown track with not_found', async () => {
		const server = await world.start();
		const socket = await world.connect(server);
		expect(await send(socket, 'track:join', { trackId: 'nowhere' })).toMatchObject({
			ok: false,
			error: { code: 'not_found' }
		});
	});
});

describe('the SSR bridge', () => {
	it('gives server-side rendering the snapshot and the role of a cookie header', async () => {
		const server = await world.start();
		const bridge = getBridge();
		expect(bridge).toBeDefined();
		const cookie = await signIn(server);
		expect(await bridge!.roleFor(`theme=dark; ${cookie}`)).toBe('chair');
		expect(await bridge!.roleFor(null)).toBe('attendee');
		expect(await bridge!.roleFor('dais_chair=forged.value')).toBe('attendee');
		const snapshot = await bridge!.snapshot('attendee');
		expect(snapshot).toMatchObject({
			protocolVersion: PROTOCOL_VERSION,
			serverNow: server.clock.now(),
			role: 'attendee'
		});
	});

	it('is withdrawn when the app closes', async () => {
		const server = await world.start();
		await server.stop();
		expect(getBridge()).toBeUndefined();
	});
});
