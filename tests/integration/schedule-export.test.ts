// The public exports at pretalx's addresses: no sign-in, the whole event or one track,
// SEQUENCE rising with an agenda edit, and stable error codes for anything else.
import { afterEach, describe, expect, it } from 'vitest';
import { parseSchedule } from '../../server/interchange/parse.ts';
import { SLOTS, TRACK, World, send } from './world.ts';

const world = new World();
afterEach(() => world.cleanup());

const get = (url: string, init?: RequestInit) => fetch(url, init);

describe('/schedule/export/', () => {
	it('serves the event as schedule.json, .xml and .ics that read back with its slots', async () => {
		const server = await world.start();
		const { event } = await (await get(`${server.url}/api/snapshot`)).json();
		for (const [file, type] of [
			['schedule.json', 'application/json'],
			['schedule.xml', 'application/xml'],
			['schedule.ics', 'text/calendar']
		]) {
			const res = await get(`${server.url}/schedule/export/${file}`);
			expect(res.status).toBe(200);
			expect(res.headers.get('content-type')).toContain(type);
			expect(res.headers.get('access-control-allow-origin')).toBe('*');
			const back = parseSchedule(new Uint8Array(await res.arrayBuffer()));
			expect(back.sessions.map((s) => s.title).sort()).toEqual(
				event.tracks[0].slots.map((s: { title: string }) => s.title).sort()
			);
		}
	});

	it('raises SEQUENCE after an agenda edit and keeps the UIDs', async () => {
		const server = await world.start();
		const ics = async () =>
			(await get(`${server.url}/schedule/export/schedule.ics?track=${TRACK}`)).text();
		const before = await ics();
		const chair = await world.joinAsChair(server);
		await send(chair.socket, 'agenda:update-slot', {
			trackId: TRACK,
			expectedAgendaVersion: 1,
			slotId: SLOTS.next,
			patch: { plannedMinutes: 10 }
		});
		const after = await ics();
		const uids = (text: string) => text.match(/^UID:.*$/gm);
		expect(uids(after)).toEqual(uids(before));
		expect(before).toContain('SEQUENCE:1');
		expect(after).toContain('SEQUENCE:2');
	});

	it('answers an unknown track, a bad query, another file and a POST with error codes', async () => {
		const server = await world.start();
		const cases: [string, RequestInit | undefined, number, string][] = [
			['/schedule/export/schedule.json?track=nope', undefined, 404, 'not_found'],
			['/schedule/export/schedule.json?track=a&track=b', undefined, 400, 'invalid'],
			['/schedule/export/schedule.json?format=x', undefined, 400, 'invalid'],
			['/schedule/export/schedule.csv', undefined, 404, 'not_found'],
			['/schedule/export/schedule.ics', { method: 'POST' }, 405, 'invalid']
		];
		for (const [path, init, status, code] of cases) {
			const res = await get(`${server.url}${path}`, init);
			expect([path, res.status]).toEqual([path, status]);
			expect((await res.json()).error.code).toBe(code);
		}
	});
});
