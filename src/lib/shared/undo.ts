// Undo of chair timer commands. Each track keeps a bounded stack of the timer states that stood
// before its last commands (newest last); undo brings the newest back with version =
// current + 1, so versions only grow and every client takes it. Pure: new arrays, no mutation.
import type { Slot } from './schema/slot.ts';
import type { TimerState } from './schema/timer.ts';
import type { TimerResult } from './timer.ts';

/** How many timer commands a track can take back. */
export const UNDO_LIMIT = 20;

/** The stack after a command replaced `before`: the oldest entries fall off past `limit`. */
export function pushUndo(
	history: readonly TimerState[],
	before: TimerState,
	limit = UNDO_LIMIT
): TimerState[] {
	return [...history, before].slice(-limit);
}

export type UndoResult =
	{ ok: true; state: TimerState; history: TimerState[] } | Extract<TimerResult, { ok: false }>;

/**
 * Takes back the last command: the newest stacked state returns with version =
 * current.version + 1. Refused (`invalid_state`) with nothing to undo, or when the state
 * would put the timer on a slot that has left the agenda meanwhile.
 */
export function undoTimer(
	current: TimerState,
	history: readonly TimerState[],
	slots: readonly Slot[]
): UndoResult {
	const previous = history.at(-1);
	if (!previous) return refuse('there is nothing to undo');
	if (previous.slotId !== null && !slots.some((s) => s.id === previous.slotId)) {
		return refuse('the slot it would go back to is no longer on the agenda');
	}
	return {
		ok: true,
		state: { ...previous, version: current.version + 1 },
		history: history.slice(0, -1)
	};
}

const refuse = (message: string): UndoResult => ({
	ok: false,
	error: { code: 'invalid_state', message }
});
