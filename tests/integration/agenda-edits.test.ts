// Agenda edits over the wire: a chair's edit is saved, acked, broadcast as agenda:updated to
// the track's room, survives a restart, and is refused (changing nothing) when it is stale,
// names what does not exist, or would move or remove the slot that is on.
import { afterEach, describe, expect, it } from 'vitest';
import { projectTrack } from '#shared/schedule.ts';
import type { EventInfo } from '#shared/schema/event.ts';
import { SlotId } from '#shared/schema/slot.ts';
import { newSlot } from './payloads.ts';
import {
	dataOf,
	MIN,
	nextEvent,
	send,
	SLOTS,
	stateOf,
	timerOf,
	TRACK,
	World,
	type Client
} from './world.ts';

const world = new World();
afterEach(() => world.cleanup());

const slotsOf = (event: EventInfo) => event.tracks[0]!.slots;
const edit = (chair: Client, name: string, payload: Record<string, unknown>) =>
	send(chair, name, { trackId: TRACK, expectedAgendaVersion: 1, ...payload });

describe('an agenda edit', () => {
	it('reaches every attendee of the track with the acked event and the next version', async () => {
		const server = await world.start();
		const chair = await world.joinAsChair(server);
		const attendee = await world.join(server);
		const toAttendee = nextEvent<EventInfo>(attendee.socket, 'agenda:updated');

		const ack = await edit(chair.socket, 'agenda:update-slot', {
			slotId: SLOTS.next,
			patch: { title: 'A newer clone syscall', speakers: ['Ada'], plannedMinutes: 10 }
		});

		const event = dataOf<EventInfo>(ack);
		expect(event.agendaVersion).toBe(2);
		expect(slotsOf(event).find((s) => s.id === SLOTS.next)).toMatchObject({
			title: 'A newer clone syscall',
			speakers: ['Ada'],
			plannedMinutes: 10
		});
		expect(await toAttendee).toEqual(event);
		expect((await stateOf(server)).event).toEqual(event);
	});

	it('survives a server restart', async () => {
		const server = await world.start();
		const chair = await world.joinAsChair(server);
		await edit(chair.socket, 'agenda:move-slot', { slotId: SLOTS.later, toIndex: 0 });
		const { event } = await stateOf(server);

		const again = await world.restart(server);
		const { snapshot } = await world.join(again);

		expect(snapshot.event).toEqual(event);
		expect(slotsOf(snapshot.event)[0]!.id).toBe(SLOTS.later);
	});

	it('gives an inserted slot a new URL-safe id and the place asked for', async () => {
		const server = await world.start();
		const chair = await world.joinAsChair(server);
		const before = slotsOf((await stateOf(server)).event);
		const event = dataOf<EventInfo>(
			await edit(chair.socket, 'agenda:insert-slot', {
				afterSlotId: SLOTS.next,
				slot: { ...newSlot, title: 'Late-breaking: BPF & cgroups' }
			})
		);
		const slots = slotsOf(event);
		const inserted = slots[3]!;
		expect(slots).toHaveLength(before.length + 1);
		expect(inserted).toMatchObject({ title: 'Late-breaking: BPF & cgroups', position: 3 });
		expect(SlotId.safeParse(inserted.id).success).toBe(true);
		expect(before.map((s) => s.id)).not.toContain(inserted.id);
		const previous = before[2]!;
		expect(inserted.plannedStart).toBe(previous.plannedStart + previous.plannedMinutes * MIN);
		expect(slots.map((s) => s.position)).toEqual(slots.map((_, i) => i));
	});

	it('absorbs drift: dropping the coffee break puts the slots after it back on time', async () => {
		const server = await world.start();
		const chair = await world.joinAsChair(server);
		// the 11:15 discussion starts at 11:20, five minutes late (reset, then start: taking the
		// track with start alone would keep its planned start)
		await send(chair.socket, 'timer:reset', { trackId: TRACK });
		await send(chair.socket, 'timer:start', { trackId: TRACK });
		const drift = async () => {
			const { event } = await stateOf(server);
			const projection = projectTrack(slotsOf(event), await timerOf(server), server.clock.now());
			return projection.find((p) => p.slot.id === 's07-upstreaming-time-namespaces')!.driftMs;
		};
		expect(await drift()).toBe(5 * MIN);
		await edit(chair.socket, 'agenda:remove-slot', { slotId: 's06-coffee-break' });
		expect(await drift()).toBe(0);
	});

	it('is a conflict when made against an older version, and changes nothing', async () => {
		const server = await world.start();
		const chair = await world.joinAsChair(server);
		await edit(chair.socket, 'agenda:update-slot', { slotId: SLOTS.next, patch: { title: 'One' } });
		const before = await stateOf(server);
		const stale = await edit(chair.socket, 'agenda:remove-slot', { slotId: SLOTS.later });
		expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });
		const future = await edit(chair.socket, 'agenda:remove-slot', {
			slotId: SLOTS.later,
			expectedAgendaVersion: 9
		});
		expect(future).toMatchObject({ ok: false, error: { code: 'conflict' } });
		expect(await stateOf(server)).toEqual(before);
	});

	it('refuses to remove or move the slot that is on with invalid_state', async () => {
		const server = await world.start();
		const chair = await world.joinAsChair(server);
		const before = await stateOf(server);
		for (const [name, payload] of [
			['agenda:remove-slot', { slotId: SLOTS.current }],
			['agenda:move-slot', { slotId: SLOTS.current, toIndex: 5 }]
		] as const) {
			expect(await edit(chair.socket, name, payload)).toMatchObject({
				ok: false,
				error: { code: 'invalid_state' }
			});
		}
		// the same holds once a chair has the timer on another slot
		await send(chair.socket, 'timer:next', { trackId: TRACK });
		expect(await edit(chair.socket, 'agenda:remove-slot', { slotId: SLOTS.next })).toMatchObject({
			ok: false,
			error: { code: 'invalid_state' }
		});
		expect((await stateOf(server)).event).toEqual(before.event);
	});

	it('answers not_found for an unknown slot or track, invalid for a place past the end', async () => {
		const server = await world.start();
		const chair = await world.joinAsChair(server);
		const before = await stateOf(server);
		const cases: [string, Record<string, unknown>, string][] = [
			['agenda:update-slot', { slotId: 'nope', patch: { title: 'x' } }, 'not_found'],
			['agenda:remove-slot', { slotId: 'nope' }, 'not_found'],
			['agenda:insert-slot', { afterSlotId: 'nope', slot: newSlot }, 'not_found'],
			['agenda:remove-slot', { trackId: 'nowhere', slotId: SLOTS.next }, 'not_found'],
			['agenda:move-slot', { slotId: SLOTS.next, toIndex: 999 }, 'invalid']
		];
		for (const [name, payload, code] of cases) {
			expect(await edit(chair.socket, name, payload), name).toMatchObject({
				ok: false,
				error: { code }
			});
		}
		expect(await stateOf(server)).toEqual(before);
	});
});
