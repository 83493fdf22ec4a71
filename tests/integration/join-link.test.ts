// The join address for the room, from a real server with the network interfaces it is given:
// a stage display opened at a loopback address gets a QR code and a text that send phones to
// this machine's venue address, one opened at a reachable address gets that address, and
// PUBLIC_URL wins over both.
import http from 'node:http';
import type { NetworkInterfaceInfo } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { qrSvg } from '../../server/http/qr.ts';
import { World, type TestServer } from './world.ts';

const world = new World();
afterEach(() => world.cleanup());

const venueNetwork = () => ({
	lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true } as NetworkInterfaceInfo],
	wlan0: [{ address: '10.1.2.3', family: 'IPv4', internal: false } as NetworkInterfaceInfo]
});

/** GET `path` with the given Host header; resolves status and body. */
function get(server: TestServer, path: string, host: string) {
	return new Promise<{ status: number; body: string }>((resolve, reject) => {
		const req = http.get(
			{ port: server.port, host: '127.0.0.1', path, headers: { host } },
			(res) => {
				let body = '';
				res.on('data', (chunk: Buffer) => (body += chunk.toString()));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
			}
		);
		req.on('error', reject);
	});
}

describe('the join link', () => {
	it('sends phones to a venue address when the stage was opened at a loopback one', async () => {
		const server = await world.start({ networkInterfaces: venueNetwork });
		const expected = `http://10.1.2.3:${server.port}/`;
		for (const host of [`localhost:${server.port}`, `127.0.0.1:${server.port}`]) {
			const join = await get(server, '/api/join', host);
			expect(join.status).toBe(200);
			expect(JSON.parse(join.body)).toEqual({ url: expected });
			expect((await get(server, '/api/qr.svg', host)).body).toBe(await qrSvg(expected));
		}
	});

	it('keeps an address phones can reach, and says PUBLIC_URL when it is set', async () => {
		const server = await world.start({ networkInterfaces: venueNetwork });
		const reachable = `http://10.1.2.3:${server.port}/`;
		const opened = await get(server, '/api/join', `10.1.2.3:${server.port}`);
		expect(JSON.parse(opened.body)).toEqual({ url: reachable });

		const configured = await world.start({
			networkInterfaces: venueNetwork,
			config: { publicUrl: 'https://dais.example.org' }
		});
		const join = await get(configured, '/api/join', `localhost:${configured.port}`);
		expect(JSON.parse(join.body)).toEqual({ url: 'https://dais.example.org/' });
		expect((await get(configured, '/api/qr.svg', `localhost:${configured.port}`)).body).toBe(
			await qrSvg('https://dais.example.org/')
		);
	});

	it('refuses an unknown track and a bad Host header', async () => {
		const server = await world.start({ networkInterfaces: venueNetwork });
		expect((await get(server, '/api/join?track=nowhere', 'localhost')).status).toBe(404);
		expect((await get(server, '/api/join', 'bad host!')).status).toBe(400);
	});
});
