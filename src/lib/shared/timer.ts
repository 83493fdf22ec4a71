// Pure timer math (DESIGN §3). A TimerState stores instants; elapsed and remaining time
// are derived from it and an explicit `now` (UTC epoch ms on the server's clock).
// The chair's commands on it are in timer-actions.ts (kept apart so that pages which only
// show timers do not carry them); the types of those commands are here.
import type { Slot } from './schema/slot.ts';
import type { TimerState } from './schema/timer.ts';

export type TimerAction =
	| { type: 'start' | 'pause' | 'resume' | 'next' | 'previous' | 'end' | 'reset' }
	| { type: 'extend'; deltaMs: number };

/** A chair's timer command: an action, or undo of the latest one still standing. */
export type TimerIntent = TimerAction | { type: 'undo' };

/** The wire name of each timer command: `timer:start` ... `timer:undo`. */
export type TimerCommandName = `timer:${TimerIntent['type']}`;

export type TimerError = { code: 'invalid_state' | 'not_found'; message: string };
export type TimerResult = { ok: true; state: TimerState } | { ok: false; error: TimerError };

const MINUTE_MS = 60_000;

/** Planned duration of a slot, in ms. */
export const slotDurationMs = (slot: Slot): number => slot.plannedMinutes * MINUTE_MS;

/** Planned end of a slot, epoch ms. */
export const plannedEnd = (slot: Slot): number => slot.plannedStart + slotDurationMs(slot);

/** The state of a track no chair has taken yet. */
export function plannedTimer(trackId: string, version = 0): TimerState {
	return {
		trackId,
		slotId: null,
		phase: 'planned',
		startedAt: null,
		pausedAt: null,
		pausedMs: 0,
		durationMs: 0,
		version
	};
}

/** Ms of the slot used so far (pauses excluded); 0 while planned. */
export function elapsedMs(timer: TimerState, now: number): number {
	if (timer.startedAt === null) return 0;
	return (timer.pausedAt ?? now) - timer.startedAt - timer.pausedMs;
}

/** Ms left of the slot's allotment; negative is overtime. */
export function remainingMs(timer: TimerState, now: number): number {
	return timer.durationMs - elapsedMs(timer, now);
}

/** The slots in agenda order (by position); a new array. */
export const byPosition = (slots: readonly Slot[]): Slot[] =>
	[...slots].sort((a, b) => a.position - b.position);

/** Index of the slot whose planned window holds `now`, or -1. */
export function plannedIndexAt(slots: readonly Slot[], now: number): number {
	return slots.findIndex((s) => s.plannedStart <= now && now < plannedEnd(s));
}

/** Index of the first slot that starts after `now`, or -1. */
export function upcomingIndexAt(slots: readonly Slot[], now: number): number {
	return slots.findIndex((s) => s.plannedStart > now);
}

/** True for a paused slot that has not used any time yet (a reset one): start may run it. */
export const isCued = (timer: TimerState): boolean =>
	timer.phase === 'paused' && elapsedMs(timer, timer.pausedAt ?? 0) === 0;

/** True when `incoming` should replace `held` (DESIGN §3: stale versions are ignored). */
export function isNewer(incoming: TimerState, held: TimerState | undefined): boolean {
	return held === undefined || incoming.version > held.version;
}
