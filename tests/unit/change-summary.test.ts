import { describe, expect, it } from 'vitest';
import {
	conflictNotice,
	describeAgendaChange,
	describeTimerChange,
	intentLabel
} from '../../src/routes/chair/change-summary.ts';
import type { Track } from '#shared/schema/event.ts';
import { plannedTimer } from '#shared/timer.ts';
import { agenda, live, MIN, T0 } from './fixtures.ts';

const track: Track = { id: 'main', name: 'Main', room: '', slots: [...agenda] };

describe('describeTimerChange', () => {
	const before = live();

	it('names an extension and the command it refused', () => {
		const after = live({ durationMs: before.durationMs + MIN, version: 4 });
		expect(conflictNotice(describeTimerChange(before, after, agenda), '+1 min')).toBe(
			'Another chair extended the slot by 1 min — your +1 min was not applied'
		);
	});

	it('names a move to another slot by its title', () => {
		const after = live({ slotId: 's1', startedAt: T0 + 16 * MIN, durationMs: 30 * MIN });
		expect(describeTimerChange(before, after, agenda)).toBe(
			'Another chair moved the track to “discussion 1”'
		);
	});

	it('names a pause, a shortening, and both at once', () => {
		const paused = live({ phase: 'paused', pausedAt: T0 + MIN });
		expect(describeTimerChange(before, paused, agenda)).toBe('Another chair paused the slot');
		const shorter = live({ durationMs: 10 * MIN });
		expect(describeTimerChange(before, shorter, agenda)).toBe(
			'Another chair shortened the slot by 5 min'
		);
		expect(describeTimerChange(before, { ...paused, durationMs: 20 * MIN }, agenda)).toBe(
			'Another chair paused the slot and extended the slot by 5 min'
		);
	});

	it('names a reset, and a takeover of a planned track', () => {
		const reset = live({ phase: 'paused', startedAt: T0 + 5 * MIN, pausedAt: T0 + 5 * MIN });
		expect(describeTimerChange(before, reset, agenda)).toBe('Another chair reset the slot');
		expect(describeTimerChange(plannedTimer('main'), before, agenda)).toBe(
			'Another chair took the track live on “talk 0”'
		);
	});
});

describe('describeAgendaChange', () => {
	it('names renamed, resized, added and removed slots', () => {
		const renamed = agenda.map((s) => (s.id === 's2' ? { ...s, title: 'Lightning talks' } : s));
		expect(describeAgendaChange(track, { ...track, slots: renamed })).toBe(
			'Another chair renamed “talk 2” to “Lightning talks”'
		);
		const resized = agenda.map((s) => (s.id === 's1' ? { ...s, plannedMinutes: 20 } : s));
		expect(describeAgendaChange(track, { ...track, slots: resized })).toBe(
			'Another chair set “discussion 1” to 20 min'
		);
		const dropped = agenda.filter((s) => s.id !== 's3');
		expect(describeAgendaChange(track, { ...track, slots: dropped })).toBe(
			'Another chair removed “break 3”'
		);
	});

	it('names a move when only the order changed', () => {
		const swapped = agenda.map((s) =>
			s.id === 's0' ? { ...s, position: 1 } : s.id === 's1' ? { ...s, position: 0 } : s
		);
		expect(describeAgendaChange(track, { ...track, slots: swapped })).toBe(
			'Another chair moved “discussion 1”'
		);
	});
});

describe('intentLabel', () => {
	it('labels extensions with a true minus sign', () => {
		expect(intentLabel({ type: 'extend', deltaMs: 5 * MIN })).toBe('+5 min');
		expect(intentLabel({ type: 'extend', deltaMs: -MIN })).toBe('−1 min');
		expect(intentLabel({ type: 'next' })).toBe('Next');
	});
});
