// A rejoin that names the event the client holds is answered without it while it is still
// the current one: thousands of phones reconnecting after a restart then fetch a few hundred
// bytes each instead of the whole agenda.
import { afterEach, describe, expect, it } from 'vitest';
import type { JoinSnapshot, Snapshot } from '#shared/protocol.ts';
import type { EventInfo } from '#shared/schema/event.ts';
import { dataOf, send, SLOTS, TRACK, World, type Client } from './world.ts';

const world = new World();
afterEach(() => world.cleanup());

const rejoin = async (socket: Client, eventTag: unknown) =>
	dataOf<JoinSnapshot>(await send(socket, 'track:join', { trackId: TRACK, eventTag }));

describe('a rejoin naming the event it holds', () => {
	it('is answered without the event, with everything else of the snapshot', async () => {
		const server = await world.start();
		const { socket, snapshot } = await world.join(server);

		const again = await rejoin(socket, snapshot.eventTag);

		expect(snapshot.event.tracks[0]!.slots.length).toBeGreaterThan(0);
		expect(again).not.toHaveProperty('event');
		const { event: _event, serverNow: _a, ...rest } = snapshot;
		const { serverNow: _b, ...restAgain } = again;
		expect(restAgain).toEqual(rest);
		expect(JSON.stringify(again).length).toBeLessThan(JSON.stringify(snapshot).length / 5);
	});

	it('still holds after a restart, since the tag names the content', async () => {
		const server = await world.start();
		const { snapshot } = await world.join(server);

		const restarted = await world.restart(server);
		const { socket } = await world.join(restarted);
		const again = await rejoin(socket, snapshot.eventTag);

		expect(again).not.toHaveProperty('event');
		expect(again.eventTag).toBe(snapshot.eventTag);
	});

	it('gets the whole edited event, with a new tag, after an agenda edit', async () => {
		const server = await world.start();
		const { socket, snapshot } = await world.join(server);
		const chair = await world.joinAsChair(server);
		const edited = dataOf<EventInfo>(
			await send(chair.socket, 'agenda:update-slot', {
				trackId: TRACK,
				expectedAgendaVersion: snapshot.event.agendaVersion,
				slotId: SLOTS.next,
				patch: { title: 'Renamed on the day' }
			})
		);

		const again = await rejoin(socket, snapshot.eventTag);

		expect(again.event).toEqual(edited);
		expect(again.eventTag).not.toBe(snapshot.eventTag);
		expect(await rejoin(socket, again.eventTag)).not.toHaveProperty('event');
	});

	it('gets the whole event when the tag is unknown or absent', async () => {
		const server = await world.start();
		const { socket, snapshot } = await world.join(server);

		const unknown = await rejoin(socket, 'not-a-tag-of-this-event');
		const without = dataOf<Snapshot>(await send(socket, 'track:join', { trackId: TRACK }));

		expect(unknown.event).toEqual(snapshot.event);
		expect(without.event).toEqual(snapshot.event);
		expect(unknown.eventTag).toBe(snapshot.eventTag);
	});
});
