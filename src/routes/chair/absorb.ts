// One-tap ways for a chair to absorb drift: shorten a later slot by the time it would pass
// on, or drop a break. A slot never starts before its planned start (DESIGN §3), so the time
// taken out of one upcoming slot comes off the lateness of everything after it. Pure.
import type { ProjectedSlot } from '$lib/shared/schedule.ts';
import type { Slot } from '$lib/shared/schema/slot.ts';
import { plannedEnd } from '$lib/shared/timer.ts';

const MINUTE_MS = 60_000;

export type Absorb =
	| { kind: 'shorten'; slot: Slot; toMinutes: number; byMinutes: number }
	| { kind: 'drop'; slot: Slot; byMinutes: number };

/** How late (ms) the slot after `row` would start because of `row`'s projected end. */
function passedOn(row: ProjectedSlot, after: ProjectedSlot | undefined): number {
	return row.end - (after ? after.slot.plannedStart : plannedEnd(row.slot));
}

/** For every upcoming slot that passes on a minute or more of drift: how to absorb it. */
export function absorbOptions(all: readonly ProjectedSlot[]): Map<string, Absorb> {
	const options = new Map<string, Absorb>();
	const projection = all.filter((row) => row.status !== 'cancelled');
	projection.forEach((row, i) => {
		if (row.status !== 'upcoming') return;
		const late = Math.round(passedOn(row, projection[i + 1]) / MINUTE_MS);
		if (late < 1) return;
		const minutes = row.slot.plannedMinutes;
		if (row.slot.kind === 'break') {
			options.set(row.slot.id, {
				kind: 'drop',
				slot: row.slot,
				byMinutes: Math.min(late, minutes)
			});
			return;
		}
		const by = Math.min(late, minutes - 1);
		if (by < 1) return;
		options.set(row.slot.id, {
			kind: 'shorten',
			slot: row.slot,
			toMinutes: minutes - by,
			byMinutes: by
		});
	});
	return options;
}
