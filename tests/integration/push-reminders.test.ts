// Reminders by Web Push with the page closed (issue 25): a local HTTP endpoint on port 0
// stands in for the push service; the test decrypts what the server hands it (aes128gcm,
// RFC 8291) with the subscription's own keys.
import { createECDH, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import ece from 'http_ece';
import { afterEach, describe, expect, it } from 'vitest';
import type { StarredSlot } from '#shared/reminders.ts';
import { MIN, SLOTS, World, type TestServer } from './world.ts';

const world = new World();
const endpoints: http.Server[] = [];
afterEach(async () => {
	await world.cleanup();
	await Promise.all(endpoints.splice(0).map((s) => new Promise((r) => s.close(r))));
});

type Received = { headers: http.IncomingHttpHeaders; body: Buffer; path: string };

/** A push service of the test's own; answers `status` to every push. */
async function pushService(status = 201) {
	const received: Received[] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			received.push({ headers: req.headers, body: Buffer.concat(chunks), path: req.url ?? '' });
			res.writeHead(status).end();
		});
	});
	endpoints.push(server);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	return { received, url: (id: string) => `http://127.0.0.1:${port}/push/${id}` };
}

/** A browser's subscription: its own ECDH key pair and auth secret. */
function device(endpoint: string) {
	const ecdh = createECDH('prime256v1');
	ecdh.generateKeys();
	const auth = randomBytes(16);
	const subscription = {
		endpoint,
		expirationTime: null,
		keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') }
	};
	const decrypt = (body: Buffer) =>
		JSON.parse(
			ece.decrypt(body, { version: 'aes128gcm', privateKey: ecdh, authSecret: auth }).toString()
		);
	return { subscription, decrypt };
}

async function starredNext(server: TestServer): Promise<StarredSlot> {
	const event = await server.store.events.get();
	const slot = event!.tracks[0]!.slots.find((s) => s.id === SLOTS.next)!;
	return {
		slotId: slot.id,
		title: slot.title,
		plannedStart: slot.plannedStart,
		plannedMinutes: slot.plannedMinutes
	};
}

function subscribe(server: TestServer, body: unknown) {
	return fetch(`${server.url}/api/push/subscribe`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: server.url },
		body: JSON.stringify(body)
	});
}

describe('reminders by Web Push', () => {
	it('hands the push service one encrypted, VAPID-signed reminder before the real start', async () => {
		const server = await world.start();
		const push = await pushService();
		const phone = device(push.url('phone'));
		const star = await starredNext(server);
		const answer = await subscribe(server, {
			subscription: phone.subscription,
			starred: [star],
			leadMinutes: 5
		});
		expect(answer.status).toBe(200);
		expect(await answer.json()).toEqual({ status: 'subscribed' });

		// NOW is 11:20; the next slot starts 11:45: nothing is due until 11:40.
		server.clock.advance(19 * MIN);
		expect(await server.app.push.tick()).toBe(0);
		server.clock.advance(1 * MIN);
		expect(await server.app.push.tick()).toBe(1);
		expect(push.received).toHaveLength(1);
		const [sent] = push.received;
		const { publicKey } = (await (await fetch(`${server.url}/api/push/key`)).json()) as {
			publicKey: string;
		};
		expect(sent!.path).toBe('/push/phone');
		expect(sent!.headers['content-encoding']).toBe('aes128gcm');
		expect(sent!.headers.ttl).toBe('600');
		expect(sent!.headers.authorization).toMatch(
			new RegExp(`^vapid t=[\\w-]+\\.[\\w-]+\\.[\\w-]+, k=${publicKey}$`)
		);
		expect(phone.decrypt(sent!.body)).toEqual({
			title: star.title,
			body: 'Starts in 5 min, at 11:45',
			tag: `${star.slotId}:soon:${star.plannedStart}`,
			url: `/slot/${star.slotId}`
		});

		// At most once per slot and change.
		server.clock.advance(1 * MIN);
		expect(await server.app.push.tick()).toBe(0);
		expect(push.received).toHaveLength(1);
	});

	it('sends only to subscribed devices and stops after unsubscribing', async () => {
		const server = await world.start();
		const push = await pushService();
		const star = await starredNext(server);
		const phone = device(push.url('phone'));
		const other = device(push.url('other'));
		await subscribe(server, { subscription: phone.subscription, starred: [star], leadMinutes: 5 });
		await subscribe(server, { subscription: other.subscription, starred: [star], leadMinutes: 5 });
		const gone = await subscribe(server, {
			subscription: other.subscription,
			starred: [],
			leadMinutes: 5
		});
		expect(await gone.json()).toEqual({ status: 'unsubscribed' });
		server.clock.advance(20 * MIN);
		expect(await server.app.push.tick()).toBe(1);
		expect(push.received.map((r) => r.path)).toEqual(['/push/phone']);
	});

	it('announces a starred slot removed from the agenda as cancelled', async () => {
		const server = await world.start();
		const push = await pushService();
		const phone = device(push.url('phone'));
		const star = { ...(await starredNext(server)), slotId: 'dropped-slot', title: 'Dropped talk' };
		await subscribe(server, { subscription: phone.subscription, starred: [star], leadMinutes: 5 });
		expect(await server.app.push.tick()).toBe(1);
		expect(phone.decrypt(push.received[0]!.body)).toMatchObject({
			title: 'Cancelled: Dropped talk',
			tag: 'dropped-slot:cancelled'
		});
	});

	it('drops a subscription the push service says is gone', async () => {
		const server = await world.start();
		const push = await pushService(410);
		const phone = device(push.url('phone'));
		await subscribe(server, {
			subscription: phone.subscription,
			starred: [await starredNext(server)],
			leadMinutes: 5
		});
		server.clock.advance(20 * MIN);
		await server.app.push.tick();
		expect(await server.store.push.list()).toEqual([]);
	});

	it('refuses a malformed subscription with the code invalid', async () => {
		const server = await world.start();
		const bad = [
			{
				subscription: { endpoint: 'not a url', keys: { p256dh: 'x', auth: 'y' } },
				starred: [],
				leadMinutes: 5
			},
			{
				subscription: { endpoint: 'https://push.example/x', keys: {} },
				starred: [],
				leadMinutes: 5
			},
			{
				subscription: { endpoint: 'https://push.example/x', keys: { p256dh: 'x', auth: 'y' } },
				starred: [],
				leadMinutes: 0
			}
		];
		for (const body of bad) {
			const answer = await subscribe(server, body);
			expect(answer.status).toBe(400);
			expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('invalid');
		}
	});

	it('keeps the VAPID key pair in the store across restarts', async () => {
		const server = await world.start();
		const first = await (await fetch(`${server.url}/api/push/key`)).json();
		const again = await world.restart(server);
		expect(await (await fetch(`${again.url}/api/push/key`)).json()).toEqual(first);
	});
});

describe('the track calendar', () => {
	it('serves every slot as iCalendar in the event time zone', async () => {
		const server = await world.start();
		const answer = await fetch(`${server.url}/schedule/export/schedule.ics`);
		expect(answer.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
		const text = await answer.text();
		expect(text).toContain(`UID:${SLOTS.next}@`);
		expect(text).toContain('DTSTART;TZID=Europe/Lisbon:20250520T114500\r\n');
	});
});
