// Test worlds for the pure core: a small agenda starting at T0 (10:00 Lisbon time on
// 10 September 2019), and helpers to build slots, timer states and commands with exact instants.
import type { Slot, SlotKind } from '#shared/schema/slot.ts';
import type { TimerState } from '#shared/schema/timer.ts';
import { applyTimerAction } from '#shared/timer-actions.ts';
import type { TimerAction, TimerResult } from '#shared/timer.ts';

export const MIN = 60_000;
/** 2019-09-10 10:00 in Lisbon (UTC+1), epoch ms */
export const T0 = Date.UTC(2019, 8, 10, 9, 0, 0);

export function slot(position: number, kind: SlotKind, startMin: number, minutes: number): Slot {
	return {
		id: `s${position}`,
		kind,
		title: `${kind} ${position}`,
		speakers: [],
		abstract: '',
		plannedStart: T0 + startMin * MIN,
		plannedMinutes: minutes,
		position
	};
}

/**
 * In minutes after T0: talk s0 0–15, discussion s1 15–45, talk s2 45–60, break s3 60–90,
 * talk s4 90–105.
 */
export const agenda: readonly Slot[] = [
	slot(0, 'talk', 0, 15),
	slot(1, 'discussion', 15, 30),
	slot(2, 'talk', 45, 15),
	slot(3, 'break', 60, 30),
	slot(4, 'talk', 90, 15)
];

/** s0 talk 0–15, nothing 15–30, s1 talk 30–45 */
export const gapAgenda: readonly Slot[] = [slot(0, 'talk', 0, 15), slot(1, 'talk', 30, 15)];

/** A live timer of track `main`; defaults: s0 running since T0 with 15 minutes, version 3. */
export function live(overrides: Partial<TimerState> = {}): TimerState {
	return {
		trackId: 'main',
		slotId: 's0',
		phase: 'running',
		startedAt: T0,
		pausedAt: null,
		pausedMs: 0,
		durationMs: 15 * MIN,
		version: 3,
		...overrides
	};
}

/** Applies the action and fails the test if it was refused. */
export function apply(
	timer: TimerState,
	action: TimerAction,
	now: number,
	slots = agenda
): TimerState {
	const result = applyTimerAction(timer, action, slots, now);
	if (!result.ok) throw new Error(`refused: ${result.error.code} ${result.error.message}`);
	return result.state;
}

export function errorCode(result: TimerResult): string | null {
	return result.ok ? null : result.error.code;
}

export const extend = (deltaMs: number): TimerAction => ({ type: 'extend', deltaMs });
