// An event with two tracks (rooms): timers, undo stacks, agenda edits and stage states are
// per track, commands on one never touch the other, and broadcasts stay in their track's
// room (the audit log in its chair room).
import { afterEach, describe, expect, it } from 'vitest';
import type { EventInfo } from '#shared/schema/event.ts';
import type { TimerState } from '#shared/schema/timer.ts';
import {
	dataOf,
	MIN,
	pause,
	recordEvents,
	send,
	stateOf,
	TRACK_A,
	TRACK_B,
	twoTrackEvent,
	World
} from './world.ts';

const world = new World();
afterEach(() => world.cleanup());

/** A chair and an attendee in each track, recording what they receive. */
async function twoRooms() {
	const server = await world.start({ event: twoTrackEvent() });
	const chairA = await world.joinAsChair(server, TRACK_A);
	const chairB = await world.joinAsChair(server, TRACK_B);
	const attendeeA = await world.join(server, { trackId: TRACK_A });
	const attendeeB = await world.join(server, { trackId: TRACK_B });
	const seen = {
		chairA: recordEvents(chairA.socket),
		chairB: recordEvents(chairB.socket),
		attendeeA: recordEvents(attendeeA.socket),
		attendeeB: recordEvents(attendeeB.socket)
	};
	return { server, chairA: chairA.socket, chairB: chairB.socket, seen };
}

const names = (events: [string, unknown][]) => events.map(([name]) => name);
const ofTrack = <T extends { trackId: string }>(list: T[], trackId: string) =>
	list.find((x) => x.trackId === trackId);

describe('an event with two tracks', () => {
	it('serves both tracks, each with its own planned timer and idle stage', async () => {
		const server = await world.start({ event: twoTrackEvent() });
		const { snapshot } = await world.join(server, { trackId: TRACK_B });
		expect(snapshot.event.tracks.map((t) => t.id)).toEqual([TRACK_A, TRACK_B]);
		expect(snapshot.timers.map((t) => [t.trackId, t.phase])).toEqual([
			[TRACK_A, 'planned'],
			[TRACK_B, 'planned']
		]);
		expect(snapshot.stages.map((s) => [s.trackId, s.signal])).toEqual([
			[TRACK_A, null],
			[TRACK_B, null]
		]);
	});

	it('runs timer commands on one track without touching the other or its room', async () => {
		const { server, chairA, seen } = await twoRooms();
		const before = await stateOf(server);
		await send(chairA, 'timer:start', { trackId: TRACK_A });
		await send(chairA, 'timer:extend', { trackId: TRACK_A, deltaMs: 5 * MIN });
		await send(chairA, 'timer:undo', { trackId: TRACK_A });
		await pause(100);

		const after = await stateOf(server);
		expect(ofTrack(after.timers, TRACK_A)).toMatchObject({ phase: 'running', version: 3 });
		expect(ofTrack(after.timers, TRACK_B)).toEqual(ofTrack(before.timers, TRACK_B));
		expect(names(seen.attendeeA)).toEqual(['timer:state', 'timer:state', 'timer:state']);
		expect(names(seen.chairA).filter((n) => n === 'audit:appended')).toHaveLength(3);
		expect(seen.attendeeB).toEqual([]);
		expect(seen.chairB).toEqual([]);
	});

	it('keeps an undo stack per track', async () => {
		const { chairA, chairB } = await twoRooms();
		await send(chairA, 'timer:start', { trackId: TRACK_A });
		expect(await send(chairB, 'timer:undo', { trackId: TRACK_B })).toMatchObject({
			ok: false,
			error: { code: 'invalid_state' }
		});
		const undone = dataOf<TimerState>(await send(chairB, 'timer:undo', { trackId: TRACK_A }));
		expect(undone).toMatchObject({ trackId: TRACK_A, phase: 'planned', version: 2 });
	});

	it('edits one track’s agenda, tells only its room, and leaves the other track alone', async () => {
		const { server, chairA, seen } = await twoRooms();
		const before = await stateOf(server);
		const ack = await send(chairA, 'agenda:remove-slot', {
			trackId: TRACK_A,
			expectedAgendaVersion: 1,
			slotId: 'a3'
		});
		const event = dataOf<EventInfo>(ack);
		await pause(100);

		expect(event.tracks[0]!.slots.map((s) => s.id)).toEqual(['a1', 'a2']);
		expect(event.tracks[1]).toEqual(before.event.tracks[1]);
		expect(seen.attendeeA).toContainEqual(['agenda:updated', event]);
		expect(seen.attendeeB).toEqual([]);
		expect(seen.chairB).toEqual([]);
	});

	it('does not make an edit of the other track a conflict', async () => {
		const { server, chairA, chairB } = await twoRooms();
		const edit = (trackId: string, slotId: string) => ({
			trackId,
			expectedAgendaVersion: 1,
			slotId,
			patch: { title: `Edited ${slotId}` }
		});
		expect((await send(chairA, 'agenda:update-slot', edit(TRACK_A, 'a3'))).ok).toBe(true);
		// chair B still holds agenda version 1: its own track has not changed since
		expect((await send(chairB, 'agenda:update-slot', edit(TRACK_B, 'b3'))).ok).toBe(true);
		// but a second edit of track A against version 1 is stale
		expect(await send(chairB, 'agenda:update-slot', edit(TRACK_A, 'a1'))).toMatchObject({
			ok: false,
			error: { code: 'conflict' }
		});
		const { event } = await stateOf(server);
		expect(event.agendaVersion).toBe(3);
		expect(event.tracks.map((t) => t.slots[2]!.title)).toEqual(['Edited a3', 'Edited b3']);
		expect(event.tracks[0]!.slots[0]!.title).toBe('Talk A1');
	});

	it('signals one track’s stage only', async () => {
		const { server, chairA, seen } = await twoRooms();
		await send(chairA, 'stage:signal', { trackId: TRACK_A, kind: 'time-up' });
		await send(chairA, 'stage:flash', { trackId: TRACK_A, enabled: false });
		await pause(100);
		const { stages } = await stateOf(server);
		expect(ofTrack(stages, TRACK_A)).toMatchObject({ flash: false, signal: { kind: 'time-up' } });
		expect(ofTrack(stages, TRACK_B)).toEqual({
			trackId: TRACK_B,
			signal: null,
			flash: true,
			version: 0
		});
		expect(names(seen.attendeeA)).toEqual(['stage:state', 'stage:state']);
		expect(seen.attendeeB).toEqual([]);
	});

	it('lists each track’s audit entries for its chairs, with sign-ins for everyone', async () => {
		const { chairA, chairB } = await twoRooms();
		await send(chairA, 'timer:start', { trackId: TRACK_A });
		await send(chairB, 'stage:signal', { trackId: TRACK_B, kind: 'wrap-up' });
		const list = async (trackId: string) =>
			dataOf<{ entries: { action: string; trackId: string | null }[] }>(
				await send(chairA, 'audit:list', { trackId })
			).entries.map((e) => `${e.trackId ?? '*'} ${e.action}`);
		expect(await list(TRACK_A)).toEqual([
			`${TRACK_A} timer:start`,
			'* chair:sign-in',
			'* chair:sign-in'
		]);
		expect(await list(TRACK_B)).toEqual([
			`${TRACK_B} stage:signal`,
			'* chair:sign-in',
			'* chair:sign-in'
		]);
	});
});
