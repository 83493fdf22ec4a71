import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, Snapshot } from '#shared/protocol.ts';
import { MAX_BODY_BYTES } from '../../server/http/api.ts';
import { NOW, World } from './world.ts';

const world = new World();
afterEach(() => world.cleanup());

const SECURITY_HEADERS = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'no-referrer',
	'x-frame-options': 'DENY'
};

describe('the HTTP API', () => {
	it('reports health', async () => {
		const server = await world.start();
		const res = await fetch(`${server.url}/api/health`);
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({
			status: 'ok',
			protocolVersion: PROTOCOL_VERSION,
			serverNow: NOW
		});
	});

	it('serves a snapshot that matches the protocol schema, for an attendee', async () => {
		const server = await world.start();
		const res = await fetch(`${server.url}/api/snapshot`);
		expect(res.headers.get('cache-control')).toBe('no-store');
		const snapshot = Snapshot.parse(await res.json());
		expect(snapshot).toMatchObject({
			role: 'attendee',
			serverNow: NOW,
			timers: [{ trackId: 'main', phase: 'planned' }]
		});
	});

	it('puts the security headers on every response, pages and errors included', async () => {
		const server = await world.start();
		for (const path of ['/api/health', '/api/nothing', '/', '/chair']) {
			const res = await fetch(`${server.url}${path}`);
			expect(Object.fromEntries(res.headers), path).toMatchObject(SECURITY_HEADERS);
			expect(res.headers.get('permissions-policy'), path).toContain('camera=()');
		}
	});

	it('answers an unknown API path with a JSON 404', async () => {
		const server = await world.start();
		const res = await fetch(`${server.url}/api/nothing`);
		expect(res.status).toBe(404);
		expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
	});

	it('answers a wrong method with 405 and the allowed ones', async () => {
		const server = await world.start();
		const res = await fetch(`${server.url}/api/health`, { method: 'POST' });
		expect(res.status).toBe(405);
		expect(res.headers.get('allow')).toBe('GET');
		expect(await res.json()).toMatchObject({ error: { code: 'invalid' } });
	});

	it('refuses a body that is not JSON with 415', async () => {
		const server = await world.start();
		const res = await fetch(`${server.url}/api/chair/session`, {
			method: 'POST',
			headers: { 'content-type': 'text/plain' },
			body: 'passcode=x'
		});
		expect(res.status).toBe(415);
	});

	it('refuses an oversized body with 413', async () => {
		const server = await world.start();
		const res = await fetch(`${server.url}/api/chair/session`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ passcode: 'x'.repeat(MAX_BODY_BYTES) })
		});
		expect(res.status).toBe(413);
		expect(await res.json()).toMatchObject({ error: { code: 'invalid' } });
	});

	it('refuses broken JSON with 400', async () => {
		const server = await world.start();
		const res = await fetch(`${server.url}/api/chair/session`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{"passcode":'
		});
		expect(res.status).toBe(400);
		expect(await res.json()).toMatchObject({ error: { code: 'invalid' } });
	});

	it('refuses a cross-origin sign-out', async () => {
		const server = await world.start();
		const res = await fetch(`${server.url}/api/chair/session`, {
			method: 'DELETE',
			headers: { origin: 'http://evil.example' }
		});
		expect(res.status).toBe(403);
	});
});
