import { describe, expect, it } from 'vitest';
import { myAgenda } from '#shared/my-agenda.ts';
import type { StarredSlot } from '#shared/reminders.ts';
import { plannedTimer } from '#shared/timer.ts';
import { MIN, T0, agenda, live, slot } from './fixtures.ts';

const star = (id: string, title = id): StarredSlot => ({
	slotId: id,
	title,
	plannedStart: T0,
	plannedMinutes: 15
});
/** a second room: b0 talk 40–55, b1 talk 60–75 */
const room = [
	{ ...slot(0, 'talk', 40, 15), id: 'b0' },
	{ ...slot(1, 'talk', 60, 15), id: 'b1' }
];
const tracks = [
	{ trackId: 'main', slots: agenda, timer: plannedTimer('main') },
	{ trackId: 'b', slots: room, timer: plannedTimer('b') }
];

describe('my agenda', () => {
	it('lists the starred slots of every track by projected start, with their drift', () => {
		const late = [
			{
				...tracks[0]!,
				timer: live({ slotId: 's1', startedAt: T0 + 25 * MIN, durationMs: 30 * MIN })
			}
		];
		const { rows } = myAgenda(late, [star('s4'), star('s2')], T0 + 30 * MIN);
		expect(rows.map((r) => [r.slot.id, (r.start - T0) / MIN, r.driftMs / MIN])).toEqual([
			['s2', 55, 10],
			['s4', 100, 10]
		]);
	});

	it('shows two starred slots in different rooms that overlap as a conflict', () => {
		const { rows } = myAgenda(tracks, [star('s2'), star('b0'), star('b1')], T0);
		expect(rows.map((r) => [r.slot.id, r.conflicts])).toEqual([
			['b0', ['s2']],
			['s2', ['b0']],
			['b1', []]
		]);
	});

	it('keeps a starred slot that left the agenda apart as gone', () => {
		const { rows, gone } = myAgenda(tracks, [star('s2'), star('x9', 'Dropped talk')], T0);
		expect(rows.map((r) => r.slot.id)).toEqual(['s2']);
		expect(gone).toEqual([star('x9', 'Dropped talk')]);
	});
});
