import { describe, expect, it } from 'vitest';
import { applyTimerAction } from '#shared/timer-actions.ts';
import { elapsedMs, isNewer, plannedTimer, remainingMs, type TimerAction } from '#shared/timer.ts';
import { MIN, T0, agenda, apply, errorCode, extend, live } from './fixtures.ts';

describe('pause and resume', () => {
	it('keeps the remaining time when paused and resumed', () => {
		const paused = apply(live(), { type: 'pause' }, T0 + 5 * MIN);
		expect(paused).toMatchObject({ phase: 'paused', pausedAt: T0 + 5 * MIN, pausedMs: 0 });
		expect(remainingMs(paused, T0 + 5 * MIN)).toBe(10 * MIN);
		expect(remainingMs(paused, T0 + 8 * MIN)).toBe(10 * MIN);

		const resumed = apply(paused, { type: 'resume' }, T0 + 8 * MIN);
		expect(resumed).toMatchObject({ phase: 'running', pausedAt: null, pausedMs: 3 * MIN });
		expect(remainingMs(resumed, T0 + 8 * MIN)).toBe(10 * MIN);
		expect(elapsedMs(resumed, T0 + 10 * MIN)).toBe(7 * MIN);
		expect(remainingMs(resumed, T0 + 10 * MIN)).toBe(8 * MIN);
	});

	it('adds up several pauses to the millisecond', () => {
		let timer = live();
		timer = apply(timer, { type: 'pause' }, T0 + 1000);
		timer = apply(timer, { type: 'resume' }, T0 + 4500);
		timer = apply(timer, { type: 'pause' }, T0 + 10_000);
		timer = apply(timer, { type: 'resume' }, T0 + 10_250);
		expect(timer.pausedMs).toBe(3750);
		expect(elapsedMs(timer, T0 + 20_000)).toBe(20_000 - 3750);
	});

	it('refuses to pause a paused timer or resume a running one', () => {
		const paused = apply(live(), { type: 'pause' }, T0 + MIN);
		expect(errorCode(applyTimerAction(paused, { type: 'pause' }, agenda, T0 + 2 * MIN))).toBe(
			'invalid_state'
		);
		expect(errorCode(applyTimerAction(live(), { type: 'resume' }, agenda, T0 + MIN))).toBe(
			'invalid_state'
		);
	});
});

describe('extend and shorten', () => {
	it('adds a minute to a running slot', () => {
		const timer = apply(live(), extend(MIN), T0 + 5 * MIN);
		expect(timer.durationMs).toBe(16 * MIN);
		expect(remainingMs(timer, T0 + 5 * MIN)).toBe(11 * MIN);
	});

	it('adds five minutes to a paused slot and stays paused', () => {
		const paused = apply(live(), { type: 'pause' }, T0 + 5 * MIN);
		const timer = apply(paused, extend(5 * MIN), T0 + 7 * MIN);
		expect(timer).toMatchObject({ phase: 'paused', durationMs: 20 * MIN, pausedAt: T0 + 5 * MIN });
		expect(remainingMs(timer, T0 + 9 * MIN)).toBe(15 * MIN);
	});

	it('takes a minute off a running slot and off a paused one', () => {
		expect(apply(live(), extend(-MIN), T0 + 5 * MIN).durationMs).toBe(14 * MIN);
		const paused = apply(live(), { type: 'pause' }, T0 + 5 * MIN);
		const shortened = apply(paused, extend(-MIN), T0 + 6 * MIN);
		expect(remainingMs(shortened, T0 + 6 * MIN)).toBe(9 * MIN);
	});

	it('stops shortening at zero remaining rather than jumping into overtime', () => {
		const running = apply(live(), extend(-MIN), T0 + 14 * MIN + 30_000);
		expect(running.durationMs).toBe(14 * MIN + 30_000);
		expect(remainingMs(running, T0 + 14 * MIN + 30_000)).toBe(0);

		const paused = apply(live(), { type: 'pause' }, T0 + 14 * MIN + 30_000);
		const shortened = apply(paused, extend(-5 * MIN), T0 + 20 * MIN);
		expect(remainingMs(shortened, T0 + 20 * MIN)).toBe(0);

		const fresh = apply(live({ startedAt: T0 + MIN }), extend(-60 * MIN), T0 + MIN);
		expect(fresh.durationMs).toBe(0);
	});

	it('does not shorten a slot already in overtime', () => {
		const timer = apply(live(), extend(-MIN), T0 + 17 * MIN);
		expect(timer.durationMs).toBe(15 * MIN);
		expect(remainingMs(timer, T0 + 17 * MIN)).toBe(-2 * MIN);
	});

	it('extends an overrunning slot out of overtime', () => {
		const timer = apply(live(), extend(5 * MIN), T0 + 17 * MIN);
		expect(remainingMs(timer, T0 + 17 * MIN)).toBe(3 * MIN);
	});

	it('refuses to extend a finished slot', () => {
		const ended = apply(live(), { type: 'end' }, T0 + 10 * MIN);
		expect(errorCode(applyTimerAction(ended, extend(MIN), agenda, T0 + 11 * MIN))).toBe(
			'invalid_state'
		);
	});
});

describe('overtime', () => {
	it('counts below zero once the allotment has run out', () => {
		expect(remainingMs(live(), T0 + 15 * MIN)).toBe(0);
		expect(remainingMs(live(), T0 + 17 * MIN + 1)).toBe(-2 * MIN - 1);
	});
});

describe('next, previous, end and start', () => {
	it('moves to the next slot with its planned allotment, starting now', () => {
		const timer = apply(live({ pausedMs: 5000 }), { type: 'next' }, T0 + 14 * MIN);
		expect(timer).toMatchObject({
			slotId: 's1',
			phase: 'running',
			startedAt: T0 + 14 * MIN,
			pausedAt: null,
			pausedMs: 0,
			durationMs: 30 * MIN
		});
	});

	it('moves back to the previous slot and restarts it', () => {
		const timer = apply(
			live({ slotId: 's1', startedAt: T0 + 15 * MIN }),
			{ type: 'previous' },
			T0 + 16 * MIN
		);
		expect(timer).toMatchObject({ slotId: 's0', startedAt: T0 + 16 * MIN, durationMs: 15 * MIN });
	});

	it('moves from a paused or finished slot too', () => {
		const paused = apply(live(), { type: 'pause' }, T0 + MIN);
		expect(apply(paused, { type: 'next' }, T0 + 2 * MIN)).toMatchObject({
			slotId: 's1',
			phase: 'running'
		});
		const ended = apply(live({ slotId: 's1' }), { type: 'end' }, T0 + MIN);
		expect(apply(ended, { type: 'previous' }, T0 + 2 * MIN).slotId).toBe('s0');
	});

	it('refuses to go past either end of the agenda', () => {
		const last = live({ slotId: 's4', durationMs: 15 * MIN });
		expect(errorCode(applyTimerAction(last, { type: 'next' }, agenda, T0 + MIN))).toBe(
			'invalid_state'
		);
		expect(errorCode(applyTimerAction(live(), { type: 'previous' }, agenda, T0 + MIN))).toBe(
			'invalid_state'
		);
	});

	it('ends a running slot and freezes its elapsed time', () => {
		const ended = apply(live(), { type: 'end' }, T0 + 12 * MIN);
		expect(ended).toMatchObject({ phase: 'finished', pausedAt: T0 + 12 * MIN });
		expect(elapsedMs(ended, T0 + 30 * MIN)).toBe(12 * MIN);
	});

	it('ends a paused slot at the instant of the end, keeping the elapsed time of the pause', () => {
		const paused = apply(live(), { type: 'pause' }, T0 + 5 * MIN);
		const ended = apply(paused, { type: 'end' }, T0 + 9 * MIN);
		expect(ended).toMatchObject({ phase: 'finished', pausedAt: T0 + 9 * MIN, pausedMs: 4 * MIN });
		expect(elapsedMs(ended, T0 + 30 * MIN)).toBe(5 * MIN);
	});

	it('refuses to end twice and to start a slot that is already on', () => {
		const ended = apply(live(), { type: 'end' }, T0 + MIN);
		expect(errorCode(applyTimerAction(ended, { type: 'end' }, agenda, T0 + 2 * MIN))).toBe(
			'invalid_state'
		);
		expect(errorCode(applyTimerAction(live(), { type: 'start' }, agenda, T0 + MIN))).toBe(
			'invalid_state'
		);
		const paused = apply(live(), { type: 'pause' }, T0 + MIN);
		expect(errorCode(applyTimerAction(paused, { type: 'start' }, agenda, T0 + MIN))).toBe(
			'invalid_state'
		);
	});

	it('starts the following slot after an end', () => {
		const ended = apply(live(), { type: 'end' }, T0 + 13 * MIN);
		const started = apply(ended, { type: 'start' }, T0 + 14 * MIN);
		expect(started).toMatchObject({ slotId: 's1', phase: 'running', startedAt: T0 + 14 * MIN });
	});

	it('refuses to start after the last slot has ended', () => {
		const ended = apply(live({ slotId: 's4' }), { type: 'end' }, T0 + 100 * MIN);
		expect(errorCode(applyTimerAction(ended, { type: 'start' }, agenda, T0 + 101 * MIN))).toBe(
			'invalid_state'
		);
	});

	it('walks the slots by position whatever order they are passed in', () => {
		const shuffled = [agenda[3]!, agenda[0]!, agenda[4]!, agenda[1]!, agenda[2]!];
		expect(apply(live(), { type: 'next' }, T0 + MIN, shuffled).slotId).toBe('s1');
		expect(apply(live({ slotId: 's3' }), { type: 'previous' }, T0 + MIN, shuffled).slotId).toBe(
			's2'
		);
	});
});

describe('versions and errors', () => {
	it('raises the version by one on success', () => {
		expect(apply(live({ version: 41 }), { type: 'pause' }, T0 + MIN).version).toBe(42);
		expect(apply(plannedTimer('main', 0), { type: 'start' }, T0 + MIN).version).toBe(1);
	});

	it('leaves the state untouched when a command is refused', () => {
		const timer = Object.freeze(live({ version: 9 }));
		const before = structuredClone(timer);
		const result = applyTimerAction(timer, { type: 'resume' }, agenda, T0 + MIN);
		expect(result).toEqual({
			ok: false,
			error: { code: 'invalid_state', message: expect.any(String) }
		});
		expect(timer).toEqual(before);
	});

	it('never mutates the state it is given on success either', () => {
		const timer = Object.freeze(live());
		const before = structuredClone(timer);
		apply(timer, { type: 'pause' }, T0 + MIN);
		expect(timer).toEqual(before);
	});

	it('answers not_found for every command when the live slot left the agenda', () => {
		const orphan = live({ slotId: 'gone' });
		const actions: TimerAction[] = [
			{ type: 'start' },
			{ type: 'pause' },
			{ type: 'resume' },
			extend(MIN),
			{ type: 'next' },
			{ type: 'previous' },
			{ type: 'end' },
			{ type: 'reset' }
		];
		for (const action of actions) {
			expect(errorCode(applyTimerAction(orphan, action, agenda, T0 + MIN))).toBe('not_found');
		}
	});
});

describe('isNewer', () => {
	it('accepts the first state and strictly newer versions, ignores stale and equal ones', () => {
		expect(isNewer(live({ version: 0 }), undefined)).toBe(true);
		expect(isNewer(live({ version: 5 }), live({ version: 4 }))).toBe(true);
		expect(isNewer(live({ version: 4 }), live({ version: 4 }))).toBe(false);
		expect(isNewer(live({ version: 3 }), live({ version: 4 }))).toBe(false);
	});
});
