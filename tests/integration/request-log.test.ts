// What the server's log says about failed requests: a client that goes away mid-upload is a
// debug line, a hostile scan's 404s and 405s (pages reach the log through SvelteKit's
// handleError hook and the bridge) are at most 20 lines a minute plus a count of the rest,
// and a server fault stays an error with its stack.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { getBridge } from '#shared/bridge.ts';
import { CLIENT_LINES_PER_MINUTE } from '../../server/http/request-log.ts';
import { pause, World } from './world.ts';

const world = new World();
afterEach(() => world.cleanup());

describe('the request log', () => {
	it('writes a client that aborts an upload mid-body at debug, not as an error', async () => {
		const server = await world.start();
		const socket = net.connect(server.port, '127.0.0.1');
		socket.on('error', () => undefined);
		await new Promise((resolve) => socket.once('connect', resolve));
		socket.write(
			'POST /api/chair/session HTTP/1.1\r\nHost: 127.0.0.1\r\n' +
				'Content-Type: application/json\r\nContent-Length: 3000\r\n\r\n{"passcode":"'
		);
		await pause(100);
		socket.destroy();
		await pause(200);
		const lines = server.logs.join('');
		expect(lines).not.toContain('ERROR');
		expect(lines).toMatch(/DEBUG POST \/api\/chair\/session: the client went away mid-request/);
	});

	it('writes at most 20 lines a minute of a scan’s 404s and 405s, then counts the rest', async () => {
		const server = await world.start();
		const before = server.logs.length;
		for (let i = 0; i < 100; i++)
			getBridge()!.requestFailed(i % 2 ? 404 : 405, 'GET', `/wp-admin/${i}.php`, new Error('x'));
		const scan = server.logs.slice(before);
		expect(scan).toHaveLength(CLIENT_LINES_PER_MINUTE);
		expect(scan[0]).toMatch(/ INFO 405 GET \/wp-admin\/0\.php\n$/);
		expect(scan.join('')).not.toContain('ERROR');
		server.clock.advance(60_000);
		getBridge()!.requestFailed(404, 'GET', '/later', new Error('x'));
		expect(server.logs.slice(before + CLIENT_LINES_PER_MINUTE)).toEqual([
			expect.stringMatching(/ INFO 80 more client errors like these were left out of the log\n$/),
			expect.stringMatching(/ INFO 404 GET \/later\n$/)
		]);
	});

	it('keeps a server fault an error, with its stack', async () => {
		const server = await world.start();
		getBridge()!.requestFailed(500, 'GET', '/', new Error('the disk is on fire'));
		expect(server.logs.at(-1)).toMatch(/ERROR GET \/ failed\nError: the disk is on fire\n\s+at /);
	});
});
