import { describe, expect, it } from 'vitest';
import { applyTimerAction } from '#shared/timer-actions.ts';
import { elapsedMs, isCued, plannedTimer, remainingMs } from '#shared/timer.ts';
import { MIN, T0, agenda, apply, errorCode, extend, live } from './fixtures.ts';

const reset = { type: 'reset' } as const;

describe('reset', () => {
	it('puts the current slot back to its full planned time, paused at 0 elapsed', () => {
		const overrun = apply(live(), extend(5 * MIN), T0 + 2 * MIN);
		const cued = apply(overrun, reset, T0 + 17 * MIN);
		expect(cued).toEqual({
			...overrun,
			phase: 'paused',
			startedAt: T0 + 17 * MIN,
			pausedAt: T0 + 17 * MIN,
			pausedMs: 0,
			durationMs: 15 * MIN,
			version: overrun.version + 1
		});
		expect(isCued(cued)).toBe(true);
		expect(elapsedMs(cued, T0 + 30 * MIN)).toBe(0);
		expect(remainingMs(cued, T0 + 30 * MIN)).toBe(15 * MIN);
	});

	it('waits for resume, then counts the full time from that instant', () => {
		const cued = apply(live(), reset, T0 + 5 * MIN);
		const running = apply(cued, { type: 'resume' }, T0 + 8 * MIN);
		expect(running).toMatchObject({ phase: 'running', startedAt: T0 + 8 * MIN, pausedMs: 0 });
		expect(remainingMs(running, T0 + 10 * MIN)).toBe(13 * MIN);
	});

	it('lets start run a reset slot (and not move on to the next one)', () => {
		const cued = apply(live(), reset, T0 + 5 * MIN);
		const running = apply(cued, { type: 'start' }, T0 + 6 * MIN);
		expect(running).toMatchObject({ slotId: 's0', phase: 'running', startedAt: T0 + 6 * MIN });
		expect(remainingMs(running, T0 + 6 * MIN)).toBe(15 * MIN);
	});

	it('keeps an extension given while the slot waited', () => {
		const cued = apply(live(), reset, T0 + 5 * MIN);
		const longer = apply(cued, extend(5 * MIN), T0 + 5 * MIN);
		const running = apply(longer, { type: 'start' }, T0 + 7 * MIN);
		expect(remainingMs(running, T0 + 7 * MIN)).toBe(20 * MIN);
	});

	it('still refuses start on a slot paused after it had begun', () => {
		const paused = apply(live(), { type: 'pause' }, T0 + MIN);
		expect(errorCode(applyTimerAction(paused, { type: 'start' }, agenda, T0 + 2 * MIN))).toBe(
			'invalid_state'
		);
	});

	it('resets a finished slot too', () => {
		const ended = apply(live(), { type: 'end' }, T0 + 10 * MIN);
		expect(apply(ended, reset, T0 + 11 * MIN)).toMatchObject({
			slotId: 's0',
			phase: 'paused',
			durationMs: 15 * MIN
		});
	});

	it('cues the slot the plan has on (or the next one) when no chair has taken the track', () => {
		const planned = plannedTimer('main', 4);
		expect(apply(planned, reset, T0 + 20 * MIN)).toMatchObject({
			slotId: 's1',
			phase: 'paused',
			durationMs: 30 * MIN,
			version: 5
		});
		expect(apply(planned, reset, T0 - 10 * MIN)).toMatchObject({ slotId: 's0' });
		expect(errorCode(applyTimerAction(planned, reset, agenda, T0 + 200 * MIN))).toBe(
			'invalid_state'
		);
	});
});
