// GET /api/qr.svg: the attendee URL of a track as an SVG QR code, from PUBLIC_URL or the
// origin the request came to; cacheable; bad queries answer 400 and unknown tracks 404.
// The expected images are made with the same encoder from the URL that must be in them.
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { QR_MAX_AGE_S } from '../../server/http/api.ts';
import { qrSvg } from '../../server/http/qr.ts';
import { TRACK_B, twoTrackEvent, World, type TestServer } from './world.ts';

const world = new World();
afterEach(() => world.cleanup());

/**
 * A machine on no network: the request's own (loopback) origin is all it has to offer
 * (join-link.test.ts: with a venue address, a loopback origin gives way to it).
 */
const offline = { networkInterfaces: () => ({}) };

const qr = (server: TestServer, query = '?track=main') => fetch(`${server.url}/api/qr.svg${query}`);

/** A GET with a Host header of our choosing (fetch would not send it). */
function getWithHost(server: TestServer, host: string): Promise<number> {
	return new Promise((resolve, reject) => {
		const req = http.get({
			port: server.port,
			host: '127.0.0.1',
			path: '/api/qr.svg',
			headers: { host }
		});
		req.on('response', (res) => {
			res.resume();
			resolve(res.statusCode ?? 0);
		});
		req.on('error', reject);
	});
}

describe('the attendee QR code', () => {
	it('encodes the origin the request came to, as a cacheable SVG', async () => {
		const server = await world.start(offline);
		const res = await qr(server);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
		expect(res.headers.get('cache-control')).toBe(`public, max-age=${QR_MAX_AGE_S}`);
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		const svg = await res.text();
		expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
		expect(svg).toBe(await qrSvg(`${server.url}/`));
		expect(svg).not.toBe(await qrSvg('http://example.org/'));
	});

	it('encodes PUBLIC_URL when it is set, and takes the first track when none is named', async () => {
		const server = await world.start({ config: { publicUrl: 'https://dais.example.org' } });
		const svg = await (await qr(server, '')).text();
		expect(svg).toBe(await qrSvg('https://dais.example.org/'));
	});

	it('names the track in the URL when the event has several', async () => {
		const server = await world.start({ ...offline, event: twoTrackEvent() });
		const svg = await (await qr(server, `?track=${TRACK_B}`)).text();
		expect(svg).toBe(await qrSvg(`${server.url}/?track=${TRACK_B}`));
	});

	it('answers 404 for an unknown track and 400 for a malformed query or Host', async () => {
		const server = await world.start();
		const unknown = await qr(server, '?track=nowhere');
		expect(unknown.status).toBe(404);
		expect(await unknown.json()).toMatchObject({ error: { code: 'not_found' } });
		for (const query of [
			'?track=no%20spaces',
			'?track=main&track=main',
			'?size=9',
			`?track=${'x'.repeat(65)}`
		]) {
			const res = await qr(server, query);
			expect(res.status, query).toBe(400);
			expect(await res.json()).toMatchObject({ error: { code: 'invalid' } });
		}
		expect(await getWithHost(server, 'evil.example/<script>')).toBe(400);
		expect(await getWithHost(server, 'dais.local:3000')).toBe(200);
	});

	it('answers only GET', async () => {
		const server = await world.start();
		const res = await fetch(`${server.url}/api/qr.svg`, { method: 'POST' });
		expect(res.status).toBe(405);
	});
});
