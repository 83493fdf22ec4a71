import { describe, expect, it } from 'vitest';
import {
	applyAgendaEdit,
	lockedSlotId,
	MAX_SLOTS,
	newSlotId,
	type AgendaEdit,
	type EditResult
} from '#shared/agenda-edit.ts';
import { projectTrack, trackEnd } from '#shared/schedule.ts';
import type { Track } from '#shared/schema/event.ts';
import { SlotId } from '#shared/schema/slot.ts';
import { plannedTimer } from '#shared/timer.ts';
import { MIN, T0, agenda, live, slot } from './fixtures.ts';

const track: Track = { id: 'main', name: 'Main', room: 'A', slots: [...agenda] };
const talk = { kind: 'talk' as const, title: 'Lightning', speakers: [], abstract: '' };

function edited(edit: AgendaEdit, locked: string | null = null, now = T0): Track {
	const result = applyAgendaEdit(track, edit, locked, now);
	if (!result.ok) throw new Error(`refused: ${result.error.code} ${result.error.message}`);
	return result.track;
}

/** [id, position, planned start in minutes after T0, planned minutes] */
const plan = (t: Track) =>
	t.slots.map((s) => [s.id, s.position, (s.plannedStart - T0) / MIN, s.plannedMinutes]);

const codeOf = (result: EditResult) => (result.ok ? null : result.error.code);

/** s0 started 12 minutes late and is running at T0 + 13 min. */
const late = live({ startedAt: T0 + 12 * MIN });
const lateNow = T0 + 13 * MIN;
/** [id, projected start, drift] in minutes */
const projected = (t: Track) =>
	projectTrack(t.slots, late, lateNow).map((p) => [
		p.slot.id,
		(p.start - T0) / MIN,
		p.driftMs / MIN
	]);

describe('drift absorption by agenda edits', () => {
	it('runs every later slot 12 minutes late before any edit, ending 12 minutes over', () => {
		expect(projected(track).map(([, , drift]) => drift)).toEqual([12, 12, 12, 12, 12]);
		expect(trackEnd(projectTrack(track.slots, late, lateNow))).toEqual({
			end: T0 + 117 * MIN,
			plannedEnd: T0 + 105 * MIN,
			overMs: 12 * MIN
		});
	});

	it('leaves the slots after a discussion shortened by 10 minutes 2 minutes late', () => {
		const shorter = edited({ type: 'update', slotId: 's1', patch: { plannedMinutes: 20 } });
		expect(projected(shorter)).toEqual([
			['s0', 12, 12],
			['s1', 27, 12],
			['s2', 47, 2],
			['s3', 62, 2],
			['s4', 92, 2]
		]);
		expect(trackEnd(projectTrack(shorter.slots, late, lateNow))?.overMs).toBe(2 * MIN);
	});

	it('is back on time after the 30-minute break is dropped', () => {
		const noBreak = edited({ type: 'remove', slotId: 's3' });
		expect(projected(noBreak)).toEqual([
			['s0', 12, 12],
			['s1', 27, 12],
			['s2', 57, 12],
			['s4', 90, 0]
		]);
		expect(trackEnd(projectTrack(noBreak.slots, late, lateNow))?.overMs).toBe(0);
	});
});

describe('updating a slot', () => {
	it('changes only the given fields and keeps every planned start', () => {
		const renamed = edited({
			type: 'update',
			slotId: 's2',
			patch: { title: 'Renamed', speakers: ['Ada'], kind: 'discussion' }
		});
		expect(renamed.slots[2]).toEqual({
			...agenda[2],
			title: 'Renamed',
			speakers: ['Ada'],
			kind: 'discussion'
		});
		expect(plan(renamed)).toEqual(plan(track));
	});

	it('may edit the slot that is on now', () => {
		expect(
			edited({ type: 'update', slotId: 's0', patch: { title: 'Now' } }, 's0').slots[0]!.title
		).toBe('Now');
	});

	it('answers not_found for a slot of no such id', () => {
		const result = applyAgendaEdit(
			track,
			{ type: 'update', slotId: 'x', patch: { title: 'y' } },
			null,
			T0
		);
		expect(codeOf(result)).toBe('not_found');
	});
});

describe('inserting a slot', () => {
	it('plans it to start when the slot before it is planned to end', () => {
		const more = edited({
			type: 'insert',
			afterSlotId: 's2',
			slot: { ...talk, plannedMinutes: 10 },
			id: 'new'
		});
		expect(plan(more)).toEqual([
			['s0', 0, 0, 15],
			['s1', 1, 15, 30],
			['s2', 2, 45, 15],
			['new', 3, 60, 10],
			['s3', 4, 60, 30],
			['s4', 5, 90, 15]
		]);
		expect(more.slots[3]).toMatchObject({ ...talk, id: 'new' });
	});

	it('pushes the later slots in the projection, up to the next gap', () => {
		const more = edited({
			type: 'insert',
			afterSlotId: 's0',
			slot: { ...talk, plannedMinutes: 10 },
			id: 'new'
		});
		const onTime = live();
		const starts = projectTrack(more.slots, onTime, T0 + MIN).map((p) => (p.start - T0) / MIN);
		expect(starts).toEqual([0, 15, 25, 55, 70, 100]);
	});

	it('plans a slot inserted first at the planned start of the old first slot', () => {
		expect(
			plan(
				edited({
					type: 'insert',
					afterSlotId: null,
					slot: { ...talk, plannedMinutes: 5 },
					id: 'new'
				})
			).slice(0, 2)
		).toEqual([
			['new', 0, 0, 5],
			['s0', 1, 0, 15]
		]);
	});

	it('plans a slot inserted into an empty track at now, rounded up to the minute', () => {
		const empty: Track = { ...track, slots: [] };
		const result = applyAgendaEdit(
			empty,
			{ type: 'insert', afterSlotId: null, slot: { ...talk, plannedMinutes: 5 }, id: 'new' },
			null,
			T0 + 90_500
		);
		expect(result.ok && result.track.slots[0]!.plannedStart).toBe(T0 + 2 * MIN);
	});

	it('answers not_found after a slot of no such id, and refuses a full track', () => {
		const insert = {
			type: 'insert',
			afterSlotId: 'x',
			slot: { ...talk, plannedMinutes: 5 },
			id: 'n'
		} as const;
		expect(codeOf(applyAgendaEdit(track, insert, null, T0))).toBe('not_found');
		const full: Track = {
			...track,
			slots: Array.from({ length: MAX_SLOTS }, (_, i) => ({
				...slot(i, 'talk', i * 15, 15),
				id: `f${i}`
			}))
		};
		expect(codeOf(applyAgendaEdit(full, { ...insert, afterSlotId: null }, null, T0))).toBe(
			'invalid_state'
		);
	});
});

describe('removing a slot', () => {
	it('renumbers the positions and keeps the other planned starts', () => {
		expect(plan(edited({ type: 'remove', slotId: 's1' }))).toEqual([
			['s0', 0, 0, 15],
			['s2', 1, 45, 15],
			['s3', 2, 60, 30],
			['s4', 3, 90, 15]
		]);
	});

	it('refuses to remove the slot that is on with invalid_state', () => {
		const result = applyAgendaEdit(track, { type: 'remove', slotId: 's1' }, 's1', T0);
		expect(codeOf(result)).toBe('invalid_state');
	});
});

describe('moving a slot', () => {
	it('plans a slot moved earlier to start when its new predecessor ends', () => {
		expect(plan(edited({ type: 'move', slotId: 's4', toIndex: 1 }))).toEqual([
			['s0', 0, 0, 15],
			['s4', 1, 15, 15],
			['s1', 2, 15, 30],
			['s2', 3, 45, 15],
			['s3', 4, 60, 30]
		]);
	});

	it('plans a slot moved to the end after the old last one, leaving a gap where it was', () => {
		expect(plan(edited({ type: 'move', slotId: 's1', toIndex: 4 }))).toEqual([
			['s0', 0, 0, 15],
			['s2', 1, 45, 15],
			['s3', 2, 60, 30],
			['s4', 3, 90, 15],
			['s1', 4, 105, 30]
		]);
	});

	it('plans a slot moved first at the old first slot’s planned start', () => {
		expect(plan(edited({ type: 'move', slotId: 's2', toIndex: 0 })).slice(0, 2)).toEqual([
			['s2', 0, 0, 15],
			['s0', 1, 0, 15]
		]);
	});

	it('changes nothing when the slot stays where it is', () => {
		expect(edited({ type: 'move', slotId: 's2', toIndex: 2 })).toEqual(track);
	});

	it('refuses the slot that is on, an index past the end, and an unknown slot', () => {
		expect(
			codeOf(applyAgendaEdit(track, { type: 'move', slotId: 's0', toIndex: 3 }, 's0', T0))
		).toBe('invalid_state');
		expect(
			codeOf(applyAgendaEdit(track, { type: 'move', slotId: 's1', toIndex: 5 }, null, T0))
		).toBe('invalid');
		expect(
			codeOf(applyAgendaEdit(track, { type: 'move', slotId: 'x', toIndex: 0 }, null, T0))
		).toBe('not_found');
	});
});

describe('edits in general', () => {
	it('never mutate the track they are given', () => {
		const frozen = structuredClone(track);
		edited({ type: 'remove', slotId: 's1' });
		edited({ type: 'move', slotId: 's4', toIndex: 0 });
		edited({ type: 'update', slotId: 's2', patch: { plannedMinutes: 5 } });
		expect(track).toEqual(frozen);
	});
});

describe('the slot an edit must leave in place', () => {
	it('is the timer’s slot once a chair has taken the track, even when it has ended', () => {
		expect(lockedSlotId(live({ slotId: 's2' }), agenda, T0)).toBe('s2');
		expect(lockedSlotId(live({ phase: 'finished', pausedAt: T0 }), agenda, T0 + MIN)).toBe('s0');
	});

	it('is the slot the plan has on while no chair has, and none in a gap', () => {
		expect(lockedSlotId(plannedTimer('main'), agenda, T0 + 20 * MIN)).toBe('s1');
		expect(lockedSlotId(plannedTimer('main'), agenda, T0 + 200 * MIN)).toBeNull();
	});
});

describe('new slot ids', () => {
	it('are URL-safe, start with x- and carry the first words of the title and the nonce', () => {
		const id = newSlotId('Ça va? Über-cool talk: part 2!', 'a1b2c3', new Set());
		expect(id).toBe('x-ca-va-uber-a1b2c3');
		expect(SlotId.safeParse(id).success).toBe(true);
	});

	it('never repeat an id already taken', () => {
		const taken = new Set(['x-talk-n1', 'x-talk-n1-2']);
		expect(newSlotId('Talk', 'n1', taken)).toBe('x-talk-n1-3');
	});

	it('stay within the id length limit whatever the title and nonce', () => {
		const id = newSlotId('word '.repeat(100) + 'x'.repeat(300), 'n'.repeat(100), new Set());
		expect(SlotId.safeParse(id).success).toBe(true);
		expect(SlotId.safeParse(newSlotId('!!!', '%%%', new Set())).success).toBe(true);
	});
});

describe('an explicit planned start', () => {
	const track = {
		id: 'main',
		name: 'Main',
		room: 'Jade',
		slots: ['a', 'b', 'c'].map((id, position) => ({
			id,
			kind: 'talk' as const,
			title: id,
			speakers: [],
			abstract: '',
			plannedStart: Date.UTC(2019, 8, 10, 9) + position * 15 * 60_000,
			plannedMinutes: 15,
			position
		}))
	};
	const nextDay = Date.UTC(2019, 8, 11, 8, 30);

	it('moves a slot to its new start, on another day too, keeping the others', () => {
		const result = applyAgendaEdit(
			track,
			{ type: 'update', slotId: 'a', patch: { plannedStart: nextDay } },
			null,
			0
		);
		expect(result.ok && result.track.slots.map((s) => [s.id, s.position, s.plannedStart])).toEqual([
			['b', 0, track.slots[1]!.plannedStart],
			['c', 1, track.slots[2]!.plannedStart],
			['a', 2, nextDay]
		]);
	});

	it('is refused for the slot that is on', () => {
		const result = applyAgendaEdit(
			track,
			{ type: 'update', slotId: 'b', patch: { plannedStart: nextDay } },
			'b',
			0
		);
		expect(result).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
	});
});
