// A chair's change to the plan is stored on the slot, so attendees see it at once and find
// it again after a restart; a cancelled slot stays on the agenda.
import { afterEach, describe, expect, it } from 'vitest';
import type { EventInfo } from '#shared/schema/event.ts';
import { dataOf, nextEvent, send, SLOTS, stateOf, TRACK, World } from './world.ts';

const world = new World();
afterEach(() => world.cleanup());

const slotOf = (event: EventInfo, id: string) => event.tracks[0]!.slots.find((s) => s.id === id);

describe('a change to the plan', () => {
	it('reaches attendees on the slot and survives a restart', async () => {
		const server = await world.start();
		const chair = await world.joinAsChair(server);
		const attendee = await world.join(server);
		const before = slotOf((await stateOf(server)).event, SLOTS.later)!;
		const toAttendee = nextEvent<EventInfo>(attendee.socket, 'agenda:updated');

		const ack = await send(chair.socket, 'agenda:update-slot', {
			trackId: TRACK,
			expectedAgendaVersion: 1,
			slotId: SLOTS.later,
			patch: { plannedMinutes: before.plannedMinutes + 5 }
		});
		expect(slotOf(dataOf<EventInfo>(ack), SLOTS.later)?.change).toEqual({
			fromMinutes: before.plannedMinutes
		});
		expect(slotOf(await toAttendee, SLOTS.later)?.change).toEqual({
			fromMinutes: before.plannedMinutes
		});

		await send(chair.socket, 'agenda:update-slot', {
			trackId: TRACK,
			expectedAgendaVersion: 2,
			slotId: SLOTS.next,
			patch: { cancelled: true }
		});
		const again = await world.restart(server);
		const { snapshot } = await world.join(again);
		expect(slotOf(snapshot.event!, SLOTS.later)?.change).toEqual({
			fromMinutes: before.plannedMinutes
		});
		expect(slotOf(snapshot.event!, SLOTS.next)).toMatchObject({ cancelled: true });
	});

	it('refuses to cancel the slot that is on, changing nothing', async () => {
		const server = await world.start();
		const chair = await world.joinAsChair(server);
		const ack = await send(chair.socket, 'agenda:update-slot', {
			trackId: TRACK,
			expectedAgendaVersion: 1,
			slotId: SLOTS.current,
			patch: { cancelled: true }
		});
		expect(ack).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
		expect(slotOf((await stateOf(server)).event, SLOTS.current)?.cancelled).toBeUndefined();
	});
});
