import { describe, expect, it } from 'vitest';
import { absorbOptions } from '../../src/routes/chair/absorb.ts';
import { projectTrack } from '#shared/schedule.ts';
import { agenda, live, MIN, T0 } from './fixtures.ts';

// s0 (15 min) runs 12 minutes long: it ends at T0 + 27 min instead of T0 + 15 min.
const late = live({ durationMs: 27 * MIN });
const now = T0 + 20 * MIN;
const project = (slots: typeof agenda) => projectTrack(slots, late, now);

describe('absorbOptions', () => {
	it('offers to shorten each later slot by the drift it passes on, and to drop a break', () => {
		const options = absorbOptions(project(agenda));
		expect(options.get('s0')).toBeUndefined();
		expect(options.get('s1')).toMatchObject({ kind: 'shorten', toMinutes: 18, byMinutes: 12 });
		expect(options.get('s2')).toMatchObject({ kind: 'shorten', toMinutes: 3, byMinutes: 12 });
		expect(options.get('s3')).toMatchObject({ kind: 'drop', byMinutes: 12 });
	});

	it('leaves the slots after a discussion shortened by 10 minutes 2 minutes late', () => {
		const shortened = agenda.map((s) => (s.id === 's1' ? { ...s, plannedMinutes: 20 } : s));
		const projection = project(shortened);
		expect(projection.find((p) => p.slot.id === 's2')?.driftMs).toBe(2 * MIN);
		expect(absorbOptions(projection).get('s1')).toMatchObject({ toMinutes: 18, byMinutes: 2 });
	});

	it('puts the track back on time when the break is dropped', () => {
		const projection = project(agenda.filter((s) => s.id !== 's3'));
		expect(projection.find((p) => p.slot.id === 's4')?.driftMs).toBe(0);
		expect(absorbOptions(projection).get('s4')).toBeUndefined();
	});

	it('never shortens a slot below one minute, and offers nothing on time', () => {
		const short = agenda.map((s) => (s.id === 's1' ? { ...s, plannedMinutes: 1 } : s));
		expect(absorbOptions(project(short)).get('s1')).toBeUndefined();
		expect(absorbOptions(projectTrack(agenda, live(), T0 + 5 * MIN)).size).toBe(0);
	});
});
