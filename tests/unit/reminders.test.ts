import { describe, expect, it } from 'vitest';
import { dueReminders, reminderText, type StarredSlot } from '#shared/reminders.ts';
import type { Slot } from '#shared/schema/slot.ts';
import { plannedTimer } from '#shared/timer.ts';
import { MIN, T0, agenda, live } from './fixtures.ts';

const planned = plannedTimer('main');
const lead = 5 * MIN;

/** s2 (talk, planned 45–60) as starred when the plan was fresh */
const starS2: StarredSlot = {
	slotId: 's2',
	title: 'talk 2',
	plannedStart: T0 + 45 * MIN,
	plannedMinutes: 15
};

function due(slots: readonly Slot[], timer = planned, now: number, sent: string[] = []) {
	return dueReminders({
		tracks: [{ slots, timer }],
		starred: [starS2],
		sent: new Set(sent),
		leadMs: lead,
		now
	});
}
const keys = (r: { key: string }[]) => r.map((x) => x.key);

describe('reminders on the projected start', () => {
	it('is due from five minutes before the planned start of an on-time track', () => {
		expect(due(agenda, planned, T0 + 40 * MIN - 1)).toEqual([]);
		const [reminder] = due(agenda, planned, T0 + 40 * MIN);
		expect(reminder).toMatchObject({ kind: 'soon', slotId: 's2', start: T0 + 45 * MIN });
	});

	it('comes ten minutes later when the track runs ten minutes late', () => {
		// s1 (discussion, planned 15–45) started at 25 and runs its 30 minutes: s2 starts at 55.
		const late = live({ slotId: 's1', startedAt: T0 + 25 * MIN, durationMs: 30 * MIN });
		expect(due(agenda, late, T0 + 40 * MIN)).toEqual([]);
		expect(due(agenda, late, T0 + 50 * MIN - 1)).toEqual([]);
		expect(due(agenda, late, T0 + 50 * MIN)).toMatchObject([
			{ kind: 'soon', start: T0 + 55 * MIN }
		]);
	});

	it('keeps the planned start when the slot before ends early', () => {
		const ended = live({
			slotId: 's1',
			phase: 'finished',
			startedAt: T0 + 15 * MIN,
			pausedAt: T0 + 30 * MIN,
			durationMs: 30 * MIN
		});
		expect(due(agenda, ended, T0 + 35 * MIN)).toEqual([]);
		expect(due(agenda, ended, T0 + 40 * MIN)).toMatchObject([
			{ kind: 'soon', start: T0 + 45 * MIN }
		]);
	});

	it('is not due once the slot has started', () => {
		expect(due(agenda, planned, T0 + 45 * MIN)).toEqual([]);
	});

	it('is never due twice for the same slot and change', () => {
		const first = due(agenda, planned, T0 + 40 * MIN);
		expect(first).toHaveLength(1);
		expect(due(agenda, planned, T0 + 41 * MIN, keys(first))).toEqual([]);
		// Drift after the reminder went out is not a change of the slot: no second one.
		const late = live({ slotId: 's1', startedAt: T0 + 20 * MIN, durationMs: 30 * MIN });
		expect(due(agenda, late, T0 + 45 * MIN, keys(first))).toEqual([]);
	});
});

describe('a starred slot that changed', () => {
	const moved = agenda.map((s) => (s.id === 's2' ? { ...s, plannedStart: T0 + 120 * MIN } : s));

	it('announces a moved slot at once, then reminds before its new start', () => {
		const now = T0 + 20 * MIN;
		const [announce] = due(moved, planned, now);
		expect(announce).toMatchObject({ kind: 'moved', start: T0 + 120 * MIN });
		expect(due(moved, planned, T0 + 44 * MIN, [announce!.key])).toEqual([]);
		expect(due(moved, planned, T0 + 115 * MIN, [announce!.key])).toMatchObject([{ kind: 'soon' }]);
	});

	it('announces a slot whose plan grew longer, once', () => {
		const longer = agenda.map((s) => (s.id === 's2' ? { ...s, plannedMinutes: 25 } : s));
		const first = due(longer, planned, T0 + 20 * MIN);
		expect(first).toMatchObject([{ kind: 'extended', minutes: 25 }]);
		expect(due(longer, planned, T0 + 21 * MIN, keys(first))).toEqual([]);
	});

	it('announces a slot a chair extended while it is on', () => {
		const timer = live({ slotId: 's2', startedAt: T0 + 45 * MIN, durationMs: 20 * MIN });
		expect(due(agenda, timer, T0 + 50 * MIN)).toMatchObject([{ kind: 'extended', minutes: 20 }]);
	});

	it('announces a slot removed from the agenda as cancelled, once', () => {
		const without = agenda.filter((s) => s.id !== 's2');
		const first = due(without, planned, T0 + 10 * MIN);
		expect(first).toEqual([
			{
				key: 's2:cancelled',
				slotId: 's2',
				kind: 'cancelled',
				title: 'talk 2',
				start: null,
				minutes: null
			}
		]);
		expect(due(without, planned, T0 + 11 * MIN, keys(first))).toEqual([]);
	});

	it('says nothing about a change to a slot that is over', () => {
		const moved = agenda.map((s) => (s.id === 's2' ? { ...s, plannedStart: T0 + 40 * MIN } : s));
		expect(due(moved, planned, T0 + 70 * MIN)).toEqual([]);
	});
});

describe('reminder text', () => {
	const clock = (at: number) => `${(at - T0) / MIN}m`;
	it('says how soon and when a slot starts', () => {
		const [reminder] = due(agenda, planned, T0 + 42 * MIN);
		expect(reminderText(reminder!, T0 + 42 * MIN, clock)).toEqual({
			title: 'talk 2',
			body: 'Starts in 3 min, at 45m'
		});
	});
});
