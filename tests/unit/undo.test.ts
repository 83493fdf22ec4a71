import { describe, expect, it } from 'vitest';
import type { TimerState } from '#shared/schema/timer.ts';
import { plannedTimer, remainingMs } from '#shared/timer.ts';
import { pushUndo, UNDO_LIMIT, undoTimer } from '#shared/undo.ts';
import { MIN, T0, agenda, apply, extend, live } from './fixtures.ts';

/** Runs commands the way the server does: each pushes the state it replaced. */
function run(start: TimerState, steps: [Parameters<typeof apply>[1], number][]) {
	let state = start;
	let history: TimerState[] = [];
	for (const [action, now] of steps) {
		history = pushUndo(history, state);
		state = apply(state, action, now);
	}
	return { state, history };
}

describe('undo of timer commands', () => {
	it('takes back a mis-tapped next: the slot carries on as if it never happened', () => {
		const { state, history } = run(live(), [[{ type: 'next' }, T0 + 10 * MIN]]);
		expect(state.slotId).toBe('s1');
		const undone = undoTimer(state, history, agenda);
		if (!undone.ok) throw new Error(undone.error.message);
		expect(undone.state).toEqual({ ...live(), version: state.version + 1 });
		expect(undone.history).toEqual([]);
		// a minute later the talk has 4 minutes left, exactly as without the mis-tap
		expect(remainingMs(undone.state, T0 + 11 * MIN)).toBe(4 * MIN);
	});

	it('takes back several commands newest first, each with a higher version', () => {
		const { state, history } = run(live(), [
			[extend(5 * MIN), T0 + MIN],
			[{ type: 'pause' }, T0 + 2 * MIN]
		]);
		const first = undoTimer(state, history, agenda);
		if (!first.ok) throw new Error(first.error.message);
		expect(first.state).toMatchObject({ phase: 'running', durationMs: 20 * MIN, version: 6 });
		const second = undoTimer(first.state, first.history, agenda);
		if (!second.ok) throw new Error(second.error.message);
		expect(second.state).toEqual({ ...live(), version: 7 });
		expect(undoTimer(second.state, second.history, agenda)).toMatchObject({
			ok: false,
			error: { code: 'invalid_state' }
		});
	});

	it('goes back to following the plan after undoing the first start', () => {
		const planned = plannedTimer('main');
		const { state, history } = run(planned, [[{ type: 'start' }, T0 + MIN]]);
		const undone = undoTimer(state, history, agenda);
		expect(undone).toMatchObject({ ok: true, state: { ...planned, version: 2 } });
	});

	it('refuses with invalid_state when there is nothing to undo', () => {
		expect(undoTimer(live(), [], agenda)).toMatchObject({
			ok: false,
			error: { code: 'invalid_state', message: 'there is nothing to undo' }
		});
	});

	it('refuses to go back to a slot that has left the agenda', () => {
		const { state, history } = run(live(), [[{ type: 'next' }, T0 + MIN]]);
		const without = agenda.filter((s) => s.id !== 's0');
		expect(undoTimer(state, history, without)).toMatchObject({
			ok: false,
			error: { code: 'invalid_state' }
		});
	});

	it(`keeps only the last ${UNDO_LIMIT} states`, () => {
		let history: TimerState[] = [];
		for (let v = 0; v < UNDO_LIMIT + 5; v++) history = pushUndo(history, live({ version: v }));
		expect(history).toHaveLength(UNDO_LIMIT);
		expect(history[0]!.version).toBe(5);
		expect(history.at(-1)!.version).toBe(UNDO_LIMIT + 4);
	});

	it('never mutates the stack it is given', () => {
		const history = Object.freeze([live({ version: 1 })]);
		pushUndo(history, live({ version: 2 }));
		undoTimer(live({ version: 2 }), history, agenda);
		expect(history).toEqual([live({ version: 1 })]);
	});
});
