// Changes to the plan are recorded on the slot and shown to attendees until it is over; a
// cancelled slot stays listed but is never on now or next.
import { describe, expect, it } from 'vitest';
import { applyAgendaEdit } from '#shared/agenda-edit.ts';
import { nextSlot, projectTrack, currentSlotView, trackEnd } from '#shared/schedule.ts';
import type { EventInfo, Track } from '#shared/schema/event.ts';
import type { Slot } from '#shared/schema/slot.ts';
import { markChanges, withChange } from '#shared/slot-changes.ts';
import { applyTimerAction } from '#shared/timer-actions.ts';
import { plannedEnd, plannedTimer } from '#shared/timer.ts';
import { flagWords } from '../../src/lib/client/flag-text.ts';
import { mergeImport } from '../../server/interchange/merge.ts';
import { MIN, T0, agenda } from './fixtures.ts';

const s0 = agenda[0]!;
const s1 = agenda[1]!;
const cancelled = (slot: Slot): Slot => ({ ...slot, cancelled: true });
const event = (slots: readonly Slot[]): EventInfo => ({
	id: 'lpc',
	title: 'LPC',
	timezone: 'Europe/Lisbon',
	venue: '',
	rehearsal: false,
	agendaVersion: 3,
	tracks: [{ id: 'main', name: 'Main', room: 'A', slots: [...slots] }]
});

describe('recording a change on the slot', () => {
	it('keeps the first planned start and length across several changes', () => {
		const moved = withChange(s0, { ...s0, plannedStart: T0 + 5 * MIN });
		expect(moved.change).toEqual({ fromStart: T0 });
		const again = withChange(moved, { ...moved, plannedStart: T0 + 10 * MIN, plannedMinutes: 30 });
		expect(again.change).toEqual({ fromStart: T0, fromMinutes: 15 });
	});

	it('forgets the change when the slot is back at its first time and length', () => {
		const moved = withChange(s0, { ...s0, plannedStart: T0 + 5 * MIN });
		expect(withChange(moved, { ...moved, plannedStart: T0 }).change).toBeUndefined();
	});

	it('marks a slot attendees had not seen as new, and keeps it new', () => {
		const added = withChange(undefined, s0);
		expect(added.change).toEqual({ added: true });
		expect(withChange(added, { ...added, plannedMinutes: 20 }).change).toEqual({ added: true });
	});

	it('leaves an unchanged event as it was', () => {
		const before = event(agenda);
		expect(markChanges(before, before)).toEqual(before);
	});
});

describe('the flags attendees see', () => {
	const zone = 'Europe/Lisbon';
	const words = (slot: Slot, device: string | null = zone) => flagWords(slot, zone, device);

	it('says where a slot moved from and to what length it changed', () => {
		const slot = withChange(s1, { ...s1, plannedStart: T0 + 20 * MIN, plannedMinutes: 40 });
		expect(words(slot)).toEqual(['moved from 10:15', 'extended to 40 min']);
		const shorter = withChange(s1, { ...s1, plannedMinutes: 10 });
		expect(words(shorter)).toEqual(['shortened to 10 min']);
	});

	it('names the day when the slot moved from another day, and the device time', () => {
		const slot = withChange(s1, { ...s1, plannedStart: s1.plannedStart + 24 * 60 * MIN });
		expect(words(slot)).toEqual(['moved from Tue 10 Sep 10:15']);
		expect(words(withChange(s1, { ...s1, plannedStart: T0 }), 'America/New_York')).toEqual([
			'moved from 10:15 WEST (05:15 GMT-4)'
		]);
	});

	it('says cancelled or new, and nothing for an unchanged slot', () => {
		expect(words(cancelled(s1))).toEqual(['cancelled']);
		expect(words(withChange(undefined, s1))).toEqual(['new']);
		expect(words(s1)).toEqual([]);
	});
});

describe('a cancelled slot', () => {
	const slots = [s0, cancelled(s1), ...agenda.slice(2)];

	it('stays listed at its planned time but is never current or next', () => {
		const during = T0 + 20 * MIN;
		const rows = projectTrack(slots, plannedTimer('main'), during);
		expect(rows.map((r) => [r.slot.id, r.status])).toEqual([
			['s0', 'past'],
			['s1', 'cancelled'],
			['s2', 'upcoming'],
			['s3', 'upcoming'],
			['s4', 'upcoming']
		]);
		expect(rows[1]).toMatchObject({ start: s1.plannedStart, end: plannedEnd(s1), index: 1 });
		expect(currentSlotView(slots, plannedTimer('main'), during)).toBeNull();
		expect(nextSlot(rows)?.slot.id).toBe('s2');
	});

	it('takes no time in a late track: the next slot follows the one before it', () => {
		const late = { ...plannedTimer('main'), slotId: 's0', phase: 'running' as const };
		const rows = projectTrack(
			slots,
			{ ...late, startedAt: T0 + 10 * MIN, durationMs: 15 * MIN },
			T0 + 11 * MIN
		);
		expect((rows[2]!.start - T0) / MIN).toBe(45);
		expect(trackEnd(rows)?.end).toBe(plannedEnd(agenda[4]!));
	});

	it('is skipped by the timer: next goes past it', () => {
		const running = applyTimerAction(plannedTimer('main'), { type: 'start' }, slots, T0 + MIN);
		expect(running.ok && running.state.slotId).toBe('s0');
		if (!running.ok) return;
		const next = applyTimerAction(running.state, { type: 'next' }, slots, T0 + 2 * MIN);
		expect(next.ok && next.state.slotId).toBe('s2');
	});
});

describe('cancelling in the agenda editor', () => {
	const track: Track = { id: 'main', name: 'Main', room: 'A', slots: [...agenda] };

	it('cancels and restores a slot in its place', () => {
		const result = applyAgendaEdit(
			track,
			{ type: 'update', slotId: 's2', patch: { cancelled: true } },
			's0',
			T0
		);
		expect(result.ok && result.track.slots.map((s) => [s.id, s.cancelled ?? false])).toEqual([
			['s0', false],
			['s1', false],
			['s2', true],
			['s3', false],
			['s4', false]
		]);
		if (!result.ok) return;
		const back = applyAgendaEdit(
			result.track,
			{ type: 'update', slotId: 's2', patch: { cancelled: false } },
			's0',
			T0
		);
		expect(back.ok && back.track.slots[2]).toEqual(agenda[2]);
	});

	it('keeps a cancelled slot cancelled through other edits', () => {
		const off = { ...track, slots: [s0, cancelled(s1), ...agenda.slice(2)] };
		const result = applyAgendaEdit(
			off,
			{ type: 'update', slotId: 's1', patch: { title: 'Gone' } },
			null,
			T0
		);
		expect(result.ok && result.track.slots[1]).toMatchObject({ title: 'Gone', cancelled: true });
	});

	it('refuses to cancel the slot that is on', () => {
		const result = applyAgendaEdit(
			track,
			{ type: 'update', slotId: 's0', patch: { cancelled: true } },
			's0',
			T0
		);
		expect(result.ok ? null : result.error.code).toBe('invalid_state');
	});
});

describe('a re-import', () => {
	it('records moves, new lengths and new slots against the stored event', () => {
		const stored = event(agenda.slice(0, 3));
		const file = event([
			s0,
			{ ...s1, plannedMinutes: 20 },
			{ ...agenda[2]!, plannedStart: T0 + 50 * MIN },
			agenda[3]!
		]);
		const merged = mergeImport(stored, file, [plannedTimer('main')], T0 - MIN);
		expect(merged.event.tracks[0]!.slots.map((s) => [s.id, s.change])).toEqual([
			['s0', undefined],
			['s1', { fromMinutes: 30 }],
			['s2', { fromStart: T0 + 45 * MIN }],
			['s3', { added: true }]
		]);
	});

	it('counts a slot the file cancels as changed, and keeps it listed', () => {
		const merged = mergeImport(
			event(agenda),
			event([s0, cancelled(s1), ...agenda.slice(2)]),
			[],
			T0 - MIN
		);
		expect(merged.changes.map((c) => [c.type, c.slotId])).toEqual([['changed', 's1']]);
		expect(merged.event.tracks[0]!.slots[1]).toMatchObject({ id: 's1', cancelled: true });
	});

	it('marks nothing when it replaces a rehearsal event', () => {
		const merged = mergeImport({ ...event(agenda), rehearsal: true }, event([s0]), [], T0 - MIN);
		expect(merged.event.tracks[0]!.slots[0]!.change).toBeUndefined();
	});
});
