// The chair console's import: a preview that changes nothing, then the import, which every
// attendee of the event hears about at once; refused cleanly without a chair, for a file
// too large, or for one that cannot be read.
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '#shared/schema/audit.ts';
import type { EventInfo } from '#shared/schema/event.ts';
import { trackRoom } from '../../server/realtime/rooms.ts';
import { MAX_IMPORT_BYTES } from '../../server/interchange/parse.ts';
import { frabXml, VERSION_1 } from './schedule-files.ts';
import { nextEvent, signIn, stateOf, World } from './world.ts';

const world = new World();
afterEach(() => world.cleanup());

const upload = (url: string, body: BodyInit, cookie?: string) =>
	fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/octet-stream', ...(cookie ? { cookie } : {}) },
		body
	});

describe('POST /api/chair/import', () => {
	it('previews without changing anything, then imports, tells every attendee and moves them to its first track', async () => {
		const server = await world.start();
		const { socket: chair, cookie } = await world.joinAsChair(server);
		const attendee = await world.join(server);
		const before = await stateOf(server);

		const preview = await upload(
			`${server.url}/api/chair/import?mode=preview&name=camp.xml`,
			frabXml(VERSION_1),
			cookie
		);
		expect(preview.status).toBe(200);
		const report = await preview.json();
		expect(report).toMatchObject({
			title: 'Plumbers Camp',
			tracks: 2,
			slots: 4,
			tracksRemoved: ['main']
		});
		expect(report.counts.added).toBe(4);
		expect(await stateOf(server)).toEqual(before);

		const heard = nextEvent<EventInfo>(attendee.socket, 'agenda:updated');
		const logged = nextEvent<AuditEntry>(chair, 'audit:appended');
		const applied = await upload(
			`${server.url}/api/chair/import?mode=apply&name=camp.xml`,
			frabXml(VERSION_1),
			cookie
		);
		expect(applied.status).toBe(200);
		const event = await heard;
		expect(event.title).toBe('Plumbers Camp');
		expect((await stateOf(server)).event).toEqual(event);
		expect(await logged).toMatchObject({ action: 'agenda:import', trackId: null });
		const moved = await server.app.io.in(trackRoom(event.tracks[0]!.id)).fetchSockets();
		expect(moved.map((s) => s.id).sort()).toEqual([chair.id, attendee.socket.id].sort());
	});

	it('refuses an attendee, a bad query, an empty or oversized body and an unreadable file', async () => {
		const server = await world.start();
		const cookie = await signIn(server);
		const before = await stateOf(server);
		const cases: [string, BodyInit, string | undefined, number, string][] = [
			['?mode=apply', frabXml(VERSION_1), undefined, 403, 'forbidden'],
			['?mode=go', frabXml(VERSION_1), cookie, 400, 'invalid'],
			['?mode=apply&timezone=Mars/Olympus', frabXml(VERSION_1), cookie, 400, 'invalid'],
			['?mode=apply', '', cookie, 400, 'invalid'],
			['?mode=apply', new Uint8Array(MAX_IMPORT_BYTES + 1), cookie, 413, 'invalid'],
			['?mode=apply', '<schedule><day>', cookie, 400, 'invalid']
		];
		for (const [query, body, who, status, code] of cases) {
			const res = await upload(`${server.url}/api/chair/import${query}`, body, who);
			expect([query, res.status]).toEqual([query, status]);
			expect((await res.json()).error.code).toBe(code);
		}
		const broken = await upload(
			`${server.url}/api/chair/import?mode=preview`,
			'<schedule>\n<day>\n</schedule>',
			cookie
		);
		expect((await broken.json()).error.message).toMatch(/^line 3, column \d+: /);
		expect(await stateOf(server)).toEqual(before);
	});
});

const edit = (url: string, body: unknown, cookie?: string) =>
	fetch(`${url}/api/chair/event`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
		body: JSON.stringify(body)
	});

describe('POST /api/chair/event', () => {
	it('adds and renames a track, and everyone hears of it', async () => {
		const server = await world.start();
		const { cookie } = await world.joinAsChair(server);
		const attendee = await world.join(server);
		const heard = nextEvent<EventInfo>(attendee.socket, 'agenda:updated');
		const added = await edit(server.url, { action: 'add-track', name: 'Hall B' }, cookie);
		expect(added.status).toBe(200);
		expect((await heard).tracks.map((t) => t.id)).toEqual(['main', 'hall-b']);
		const renamed = await (
			await edit(server.url, { action: 'rename-track', trackId: 'hall-b', name: 'Hall C' }, cookie)
		).json();
		expect(renamed.tracks[1]).toMatchObject({ id: 'hall-b', name: 'Hall C' });
		expect((await stateOf(server)).event).toEqual(renamed);
	});

	it('answers stable codes for an attendee, a bad body and an impossible edit', async () => {
		const server = await world.start();
		const cookie = await signIn(server);
		const cases: [unknown, string | undefined, number, string][] = [
			[{ action: 'add-track', name: 'X' }, undefined, 403, 'forbidden'],
			[{ action: 'add-track' }, cookie, 400, 'invalid'],
			[{ action: 'explode' }, cookie, 400, 'invalid'],
			[{ action: 'remove-track', trackId: 'main' }, cookie, 409, 'invalid_state'],
			[{ action: 'rename-track', trackId: 'nope', name: 'Y' }, cookie, 404, 'not_found']
		];
		for (const [body, who, status, code] of cases) {
			const res = await edit(server.url, body, who);
			expect([body, res.status]).toEqual([body, status]);
			expect((await res.json()).error.code).toBe(code);
		}
	});
});
