import { describe, expect, it } from 'vitest';
import { allowedControls } from '../../src/routes/chair/chair-controls.ts';
import type { Slot } from '../../src/lib/shared/schema/slot.ts';
import type { TimerState } from '../../src/lib/shared/schema/timer.ts';
import { plannedTimer } from '../../src/lib/shared/timer.ts';

const T0 = Date.UTC(2019, 8, 10, 9, 0);
const slot = (id: string, index: number): Slot => ({
	id,
	kind: 'talk',
	title: id,
	speakers: [],
	abstract: '',
	plannedStart: T0 + index * 15 * 60_000,
	plannedMinutes: 15,
	position: index
});
const slots = [slot('a', 0), slot('b', 1), slot('c', 2)];
const live = (over: Partial<TimerState>): TimerState => ({
	...plannedTimer('t'),
	slotId: 'b',
	phase: 'running',
	startedAt: T0 + 15 * 60_000,
	durationMs: 15 * 60_000,
	version: 3,
	...over
});

describe('allowedControls', () => {
	it('offers pause, extend, moves, end and reset while a middle slot runs', () => {
		const now = T0 + 20 * 60_000;
		expect([...allowedControls(live({}), slots, now)].sort()).toEqual(
			['end', 'extend', 'next', 'pause', 'previous', 'reset'].sort()
		);
	});

	it('offers resume but not pause while paused', () => {
		const now = T0 + 20 * 60_000;
		const allowed = allowedControls(live({ phase: 'paused', pausedAt: now - 1_000 }), slots, now);
		expect(allowed.has('resume')).toBe(true);
		expect(allowed.has('pause')).toBe(false);
		expect(allowed.has('start')).toBe(false);
	});

	it('offers no next on the last slot and no extend once it has ended', () => {
		const now = T0 + 40 * 60_000;
		const ended = live({
			slotId: 'c',
			phase: 'finished',
			startedAt: T0 + 30 * 60_000,
			pausedAt: now
		});
		const allowed = allowedControls(ended, slots, now);
		expect(allowed.has('next')).toBe(false);
		expect(allowed.has('extend')).toBe(false);
		expect(allowed.has('end')).toBe(false);
		expect(allowed.has('previous')).toBe(true);
	});
});
