import { afterEach, describe, expect, it } from 'vitest';
import { cookiePair, passcodeOf, postSession, send, signIn, TRACK, World } from './world.ts';

const world = new World();
afterEach(() => world.cleanup());

const session = (url: string, cookie?: string) =>
	fetch(`${url}/api/chair/session`, { headers: cookie ? { cookie } : {} }).then((r) => r.json());

describe('chair sign-in', () => {
	it('refuses a wrong passcode with 401 unauthorized and no cookie', async () => {
		const server = await world.start();
		const res = await postSession(server, { passcode: 'not-the-passcode' });
		expect(res.status).toBe(401);
		expect(await res.json()).toMatchObject({ error: { code: 'unauthorized' } });
		expect(res.headers.getSetCookie()).toEqual([]);
	});

	it('sets an HttpOnly, SameSite=Strict cookie for the right passcode', async () => {
		const server = await world.start();
		const res = await postSession(server, { passcode: passcodeOf(server) });
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ role: 'chair' });
		const [setCookie] = res.headers.getSetCookie();
		expect(setCookie).toMatch(/^dais_chair=[^;]+; /);
		expect(setCookie).toContain('HttpOnly');
		expect(setCookie).toContain('SameSite=Strict');
		expect(setCookie).toContain('Path=/');
		expect(setCookie).not.toContain('Secure');
		expect(await session(server.url, cookiePair(res))).toEqual({ role: 'chair' });
	});

	it('marks the cookie Secure when the public URL is https', async () => {
		const server = await world.start({ config: { publicUrl: 'https://dais.example.org' } });
		const res = await postSession(server, { passcode: passcodeOf(server) });
		expect(res.headers.getSetCookie()[0]).toContain('Secure');
	});

	it('makes chair commands work over a socket that carries the cookie', async () => {
		const server = await world.start();
		const { socket, snapshot } = await world.join(server, { cookie: await signIn(server) });
		expect(snapshot.role).toBe('chair');
		expect(await send(socket, 'timer:start', { trackId: TRACK })).toMatchObject({
			ok: true,
			data: { version: 1 }
		});
	});

	it('makes the same cookie useless after signing out, even on a socket already open', async () => {
		const server = await world.start();
		const cookie = await signIn(server);
		const open = await world.join(server, { cookie });
		const out = await fetch(`${server.url}/api/chair/session`, {
			method: 'DELETE',
			headers: { cookie }
		});
		expect(out.status).toBe(204);
		expect(out.headers.getSetCookie()[0]).toMatch(/^dais_chair=; .*Max-Age=0/);

		expect(await session(server.url, cookie)).toEqual({ role: 'attendee' });
		const later = await world.join(server, { cookie });
		expect(later.snapshot.role).toBe('attendee');
		expect(await send(later.socket, 'timer:start', { trackId: TRACK })).toMatchObject({
			error: { code: 'forbidden' }
		});
		expect(await send(open.socket, 'timer:start', { trackId: TRACK })).toMatchObject({
			error: { code: 'forbidden' }
		});
	});

	it('treats a tampered cookie as an attendee', async () => {
		const server = await world.start();
		const cookie = await signIn(server);
		const [name, value] = cookie.split('=') as [string, string];
		const [id, sig] = value.split('.') as [string, string];
		const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
		for (const forged of [`${flip(id)}.${sig}`, `${id}.${flip(sig)}`, id, `${id}.${sig}.x`]) {
			const { socket, snapshot } = await world.join(server, { cookie: `${name}=${forged}` });
			expect(snapshot.role, forged).toBe('attendee');
			expect(await send(socket, 'timer:start', { trackId: TRACK })).toMatchObject({
				error: { code: 'forbidden' }
			});
		}
	});

	it('stores the generated passcode and reuses it after a restart', async () => {
		const server = await world.start();
		const passcode = passcodeOf(server);
		expect(passcode).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
		const again = await world.restart(server);
		expect(passcodeOf(again)).toBe(passcode);
		expect((await postSession(again, { passcode })).status).toBe(200);
	});

	it("keeps a generated passcode's hash, and makes it again when the stored one is unreadable", async () => {
		const server = await world.start();
		const passcode = passcodeOf(server);
		expect((await postSession(server, { passcode })).status).toBe(200);
		const hash = await server.store.settings.get('chair_passcode_hash');
		expect(hash).toMatch(/^scrypt\$/);
		const again = await world.restart(server);
		expect((await postSession(again, { passcode })).status).toBe(200);
		expect(await again.store.settings.get('chair_passcode_hash')).toBe(hash);
		await again.store.settings.set('chair_passcode_hash', 'not a hash');
		const third = await world.restart(again);
		expect((await postSession(third, { passcode })).status).toBe(200);
		const remade = await third.store.settings.get('chair_passcode_hash');
		expect(remade).toMatch(/^scrypt\$/);
		expect(remade).not.toBe(hash);
	});

	it('keeps a chair signed in across a restart', async () => {
		const server = await world.start();
		const cookie = await signIn(server);
		const again = await world.restart(server);
		expect(await session(again.url, cookie)).toEqual({ role: 'chair' });
	});

	it('uses CHAIR_PASSCODE instead of the generated passcode when it is set', async () => {
		const server = await world.start();
		const generated = passcodeOf(server);
		const again = await world.restart(server, {
			config: { chairPasscode: 'correct horse battery' }
		});
		expect(again.app.generatedPasscode).toBeUndefined();
		expect((await postSession(again, { passcode: generated })).status).toBe(401);
		expect((await postSession(again, { passcode: 'correct horse battery' })).status).toBe(200);
	});

	it('signs every chair out when the passcode changes', async () => {
		const server = await world.start();
		const cookie = await signIn(server);
		const again = await world.restart(server, {
			config: { chairPasscode: 'a brand new passcode' }
		});
		expect(await session(again.url, cookie)).toEqual({ role: 'attendee' });
		const fresh = await signIn(again, 'a brand new passcode');
		const third = await world.restart(again, { config: { chairPasscode: 'a brand new passcode' } });
		expect(await session(third.url, fresh)).toEqual({ role: 'chair' });
	});

	it('refuses a sign-in posted from another origin', async () => {
		const server = await world.start();
		const res = await postSession(
			server,
			{ passcode: passcodeOf(server) },
			{ origin: 'https://evil.example' }
		);
		expect(res.status).toBe(403);
		expect(await res.json()).toMatchObject({ error: { code: 'forbidden' } });
		expect(res.headers.getSetCookie()).toEqual([]);
	});

	it('refuses a malformed sign-in body with 400 invalid', async () => {
		const server = await world.start();
		for (const body of [{}, { passcode: 42 }, { passcode: 'x', extra: true }, 'passcode']) {
			const res = await postSession(server, body);
			expect(res.status, JSON.stringify(body)).toBe(400);
			expect(await res.json()).toMatchObject({ error: { code: 'invalid' } });
		}
	});
});
