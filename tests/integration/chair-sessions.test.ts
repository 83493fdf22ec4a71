// Ending chair sessions from the console: rotating the passcode ends every other chair
// session at once, on every socket (demoted to attendee, told, and disconnected so that its
// page joins again as an attendee), and "sign out everywhere" ends them all. Real server,
// real sockets.
import { afterEach, describe, expect, it } from 'vitest';
import type { ChairEnded } from '#shared/protocol.ts';
import {
	nextEvent,
	passcodeOf,
	postSession,
	send,
	signIn,
	TRACK,
	World,
	type Client,
	type TestServer
} from './world.ts';

const world = new World();
afterEach(() => world.cleanup());

const rotate = (server: TestServer, cookie?: string) =>
	fetch(`${server.url}/api/chair/passcode`, {
		method: 'POST',
		headers: { origin: server.url, ...(cookie ? { cookie } : {}) }
	});

const signOutEverywhere = (server: TestServer, cookie?: string) =>
	fetch(`${server.url}/api/chair/sessions`, {
		method: 'DELETE',
		headers: { origin: server.url, ...(cookie ? { cookie } : {}) }
	});

const roleOf = async (server: TestServer, cookie: string) =>
	(
		(await (await fetch(`${server.url}/api/chair/session`, { headers: { cookie } })).json()) as {
			role: string;
		}
	).role;

/** Resolves the reason the server gave when it disconnected `socket`. */
const disconnected = (socket: Client) =>
	new Promise<string>((resolve) => socket.once('disconnect', (reason: string) => resolve(reason)));

/** Joins again with `cookie` and sends a chair command: what a page would do next. */
async function rejoinAndStart(server: TestServer, cookie: string) {
	const again = await world.join(server, { cookie });
	return {
		role: again.snapshot.role,
		ack: await send(again.socket, 'timer:start', { trackId: TRACK })
	};
}

/** A timer command that only a chair may send: ok for a chair, forbidden otherwise. */
const pauseOk = async (socket: Client) =>
	(await send(socket, 'timer:pause', { trackId: TRACK })).ok ||
	(await send(socket, 'timer:resume', { trackId: TRACK })).ok;

describe('rotating the chair passcode from the console', () => {
	it('ends every other chair session at once, on every socket, and tells those sockets', async () => {
		const server = await world.start();
		const oldPasscode = passcodeOf(server);
		const mine = await signIn(server);
		const theirs = await signIn(server);
		const myTabs = [await world.join(server, { cookie: mine })];
		const theirTabs = [
			await world.join(server, { cookie: theirs }),
			await world.join(server, { cookie: theirs })
		];
		const told = theirTabs.map((tab) => nextEvent<ChairEnded>(tab.socket, 'chair:ended'));
		const dropped = theirTabs.map((tab) => disconnected(tab.socket));

		const res = await rotate(server, mine);
		expect(res.status).toBe(200);
		expect(res.headers.get('cache-control')).toBe('no-store');
		const { passcode } = (await res.json()) as { passcode: string };
		expect(passcode).not.toBe(oldPasscode);
		expect(passcode).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);

		for (const event of await Promise.all(told))
			expect(event).toEqual({ reason: 'passcode-changed' });
		expect(await Promise.all(dropped)).toEqual(['io server disconnect', 'io server disconnect']);
		expect(await rejoinAndStart(server, theirs)).toMatchObject({
			role: 'attendee',
			ack: { ok: false, error: { code: 'forbidden' } }
		});
		expect(await roleOf(server, theirs)).toBe('attendee');
		expect(await roleOf(server, mine)).toBe('chair');
		expect(await pauseOk(myTabs[0]!.socket)).toBe(true);

		expect((await postSession(server, { passcode: oldPasscode })).status).toBe(401);
		expect((await postSession(server, { passcode })).status).toBe(200);
	});

	it('keeps the new passcode, and the session that changed it, across a restart', async () => {
		const server = await world.start();
		const mine = await signIn(server);
		const { passcode } = (await (await rotate(server, mine)).json()) as { passcode: string };
		const again = await world.restart(server);
		expect(await roleOf(again, mine)).toBe('chair');
		expect((await postSession(again, { passcode })).status).toBe(200);
	});

	it('replaces a CHAIR_PASSCODE until that setting itself changes', async () => {
		const configured = { chairPasscode: 'configured-passcode' };
		const server = await world.start({ config: configured });
		const mine = await signIn(server, 'configured-passcode');
		const { passcode } = (await (await rotate(server, mine)).json()) as { passcode: string };
		expect((await postSession(server, { passcode: 'configured-passcode' })).status).toBe(401);

		const same = await world.restart(server, { config: configured });
		expect((await postSession(same, { passcode: 'configured-passcode' })).status).toBe(401);
		expect((await postSession(same, { passcode })).status).toBe(200);

		const changed = await world.restart(same, { config: { chairPasscode: 'another-passcode' } });
		expect((await postSession(changed, { passcode })).status).toBe(401);
		expect((await postSession(changed, { passcode: 'another-passcode' })).status).toBe(200);
	});

	it('is refused to an attendee, and to a chair session that has ended', async () => {
		const server = await world.start();
		const res = await rotate(server);
		expect(res.status).toBe(403);
		expect(await res.json()).toMatchObject({ error: { code: 'forbidden' } });
		const ended = await signIn(server);
		await fetch(`${server.url}/api/chair/session`, {
			method: 'DELETE',
			headers: { origin: server.url, cookie: ended }
		});
		expect((await rotate(server, ended)).status).toBe(403);
		expect((await postSession(server, { passcode: passcodeOf(server) })).status).toBe(200);
	});
});

describe('signing out everywhere', () => {
	it('ends every chair session, the caller’s too, and tells every chair socket', async () => {
		const server = await world.start();
		const mine = await signIn(server);
		const theirs = await signIn(server);
		const tabs = [
			await world.join(server, { cookie: mine }),
			await world.join(server, { cookie: theirs }),
			await world.join(server, { cookie: theirs })
		];
		const attendee = await world.join(server);
		const told = tabs.map((tab) => nextEvent<ChairEnded>(tab.socket, 'chair:ended'));
		const dropped = tabs.map((tab) => disconnected(tab.socket));
		const attendeeEvents: string[] = [];
		attendee.socket.onAny((name: string) => attendeeEvents.push(name));

		const res = await signOutEverywhere(server, mine);
		expect(res.status).toBe(204);
		expect(res.headers.getSetCookie()[0]).toMatch(/^dais_chair=; .*Max-Age=0/);
		for (const event of await Promise.all(told)) expect(event).toEqual({ reason: 'everywhere' });
		expect(new Set(await Promise.all(dropped))).toEqual(new Set(['io server disconnect']));
		for (const cookie of [mine, theirs]) {
			expect(await rejoinAndStart(server, cookie)).toMatchObject({
				role: 'attendee',
				ack: { ok: false, error: { code: 'forbidden' } }
			});
		}
		expect(attendee.socket.connected).toBe(true);
		expect(await roleOf(server, mine)).toBe('attendee');
		expect(await roleOf(server, theirs)).toBe('attendee');
		expect(attendeeEvents).not.toContain('chair:ended');
		// the passcode itself still works
		expect((await postSession(server, { passcode: passcodeOf(server) })).status).toBe(200);
	});

	it('is refused to an attendee', async () => {
		const server = await world.start();
		const chair = await signIn(server);
		expect((await signOutEverywhere(server)).status).toBe(403);
		expect(await roleOf(server, chair)).toBe('chair');
	});

	it('signing out one session tells that session’s other sockets', async () => {
		const server = await world.start();
		const cookie = await signIn(server);
		const other = await world.join(server, { cookie });
		const told = nextEvent<ChairEnded>(other.socket, 'chair:ended');
		await fetch(`${server.url}/api/chair/session`, {
			method: 'DELETE',
			headers: { origin: server.url, cookie }
		});
		expect(await told).toEqual({ reason: 'signed-out' });
	});
});
