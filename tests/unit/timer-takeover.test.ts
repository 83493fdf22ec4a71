// A chair's first command on a track that still follows the plan (DESIGN §3).
import { describe, expect, it } from 'vitest';
import { applyTimerAction, takeOver } from '#shared/timer-actions.ts';
import { elapsedMs, plannedTimer, remainingMs, type TimerAction } from '#shared/timer.ts';
import { MIN, T0, agenda, apply, errorCode, extend, gapAgenda } from './fixtures.ts';

describe('taking a planned track live', () => {
	const planned = plannedTimer('main', 7);
	const at5 = T0 + 5 * MIN;

	it('start: takes the slot the plan has on as it is, keeping its planned start and elapsed time', () => {
		const timer = apply(planned, { type: 'start' }, at5);
		expect(timer).toMatchObject({
			slotId: 's0',
			phase: 'running',
			startedAt: T0,
			pausedMs: 0,
			durationMs: 15 * MIN
		});
		expect(remainingMs(timer, at5)).toBe(10 * MIN);
	});

	it('start: before the agenda or in a gap, runs the next slot from now', () => {
		expect(apply(planned, { type: 'start' }, T0 - 10 * MIN).slotId).toBe('s0');
		const inGap = apply(planned, { type: 'start' }, T0 + 20 * MIN, gapAgenda);
		expect(inGap).toMatchObject({ slotId: 's1', startedAt: T0 + 20 * MIN });
	});

	it('start: refuses after the agenda is over', () => {
		expect(errorCode(applyTimerAction(planned, { type: 'start' }, agenda, T0 + 200 * MIN))).toBe(
			'invalid_state'
		);
	});

	it('pause: freezes the planned slot where the plan has it', () => {
		const timer = apply(planned, { type: 'pause' }, at5);
		expect(timer).toMatchObject({ slotId: 's0', phase: 'paused', startedAt: T0, pausedAt: at5 });
		expect(remainingMs(timer, T0 + 9 * MIN)).toBe(10 * MIN);
	});

	it('resume: refuses, nothing is paused', () => {
		expect(errorCode(applyTimerAction(planned, { type: 'resume' }, agenda, at5))).toBe(
			'invalid_state'
		);
	});

	it('extend: adds to the planned slot, which keeps its planned start', () => {
		const timer = apply(planned, extend(MIN), at5);
		expect(timer).toMatchObject({
			slotId: 's0',
			phase: 'running',
			startedAt: T0,
			durationMs: 16 * MIN
		});
	});

	it('pause, extend and end: refuse in a gap, where nothing is on', () => {
		for (const action of [{ type: 'pause' }, extend(MIN), { type: 'end' }] as TimerAction[]) {
			const result = applyTimerAction(planned, action, gapAgenda, T0 + 20 * MIN);
			expect(errorCode(result)).toBe('invalid_state');
		}
	});

	it('next: runs the slot after the planned one, or the next one from a gap', () => {
		expect(apply(planned, { type: 'next' }, at5)).toMatchObject({ slotId: 's1', startedAt: at5 });
		expect(apply(planned, { type: 'next' }, T0 + 20 * MIN, gapAgenda).slotId).toBe('s1');
	});

	it('previous: runs the slot before the planned one, or the last one before a gap', () => {
		expect(apply(planned, { type: 'previous' }, T0 + 20 * MIN).slotId).toBe('s0');
		expect(apply(planned, { type: 'previous' }, T0 + 20 * MIN, gapAgenda).slotId).toBe('s0');
		expect(apply(planned, { type: 'previous' }, T0 + 200 * MIN).slotId).toBe('s4');
		expect(errorCode(applyTimerAction(planned, { type: 'previous' }, agenda, at5))).toBe(
			'invalid_state'
		);
	});

	it('end: finishes the planned slot now', () => {
		const timer = apply(planned, { type: 'end' }, at5);
		expect(timer).toMatchObject({ slotId: 's0', phase: 'finished', startedAt: T0, pausedAt: at5 });
		expect(elapsedMs(timer, T0 + 30 * MIN)).toBe(5 * MIN);
	});

	it('takeOver gives the running equivalent of the plan, or null when nothing is on', () => {
		expect(takeOver(planned, agenda, T0 + 20 * MIN)).toMatchObject({
			slotId: 's1',
			phase: 'running',
			startedAt: T0 + 15 * MIN,
			durationMs: 30 * MIN,
			version: 7
		});
		expect(takeOver(planned, gapAgenda, T0 + 20 * MIN)).toBeNull();
	});
});
