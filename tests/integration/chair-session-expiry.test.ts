// A chair session that expires while its socket stays open: from that moment the socket is
// an attendee's for every role decision, not only for its next chair command.
import { afterEach, describe, expect, it } from 'vitest';
import { SESSION_TTL_MS } from '../../server/services/chair.service.ts';
import { ask } from './support/questions.ts';
import {
	dataOf,
	MIN,
	NOW,
	pause,
	send,
	signIn,
	TRACK,
	TRACK_A,
	twoTrackEvent,
	World
} from './world.ts';

const world = new World();
afterEach(() => world.cleanup());

describe('an expired chair session on an open socket', () => {
	it('answers its next track:join as an attendee', async () => {
		const server = await world.start();
		const chair = await world.joinAsChair(server);
		expect(chair.snapshot.role).toBe('chair');
		server.clock.advance(SESSION_TTL_MS + 1);
		const again = await send(chair.socket, 'track:join', { trackId: TRACK });
		expect(dataOf<{ role: string }>(again).role).toBe('attendee');
	});

	it('no longer receives questions waiting for moderation', async () => {
		// a slot still to come once the session has expired, so that it takes questions then
		const event = twoTrackEvent();
		const later = event.tracks[0]!.slots[2]!;
		later.plannedStart = NOW + SESSION_TTL_MS + 60 * MIN;
		const server = await world.start({ event });
		const chair = await world.joinAsChair(server, TRACK_A);
		const configured = await send(chair.socket, 'questions:configure', {
			trackId: TRACK_A,
			premoderated: true
		});
		expect(configured.ok).toBe(true);
		const heard: unknown[] = [];
		chair.socket.on('question:updated', (q: unknown) => void heard.push(q));
		server.clock.advance(SESSION_TTL_MS + 1);
		const { socket: attendee } = await world.join(server, { trackId: TRACK_A });
		expect(await ask(attendee, { slotId: later.id, text: 'A pending one?' })).toMatchObject({
			ok: true,
			data: { status: 'pending' }
		});
		await pause(100);
		expect(heard).toEqual([]);
	});

	it("makes its cookie an attendee's for the HTTP API and the question export too", async () => {
		const server = await world.start();
		const cookie = await signIn(server);
		const role = async () =>
			(await (await fetch(`${server.url}/api/chair/session`, { headers: { cookie } })).json()) as {
				role: string;
			};
		const exported = () =>
			fetch(`${server.url}/api/questions/export?format=csv`, { headers: { cookie } });
		expect(await role()).toEqual({ role: 'chair' });
		expect((await exported()).status).toBe(200);
		server.clock.advance(SESSION_TTL_MS + 1);
		expect(await role()).toEqual({ role: 'attendee' });
		expect((await exported()).status).toBe(403);
	});
});
