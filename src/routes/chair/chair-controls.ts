// Which chair controls make sense right now: exactly those the server's timer rules would
// accept, decided by the same pure function the server runs. Pure.
import type { Slot } from '$lib/shared/schema/slot.ts';
import type { TimerState } from '$lib/shared/schema/timer.ts';
import { applyTimerAction } from '$lib/shared/timer-actions.ts';
import type { TimerAction } from '$lib/shared/timer.ts';

export type Control = TimerAction['type'];

const probes: Record<Control, TimerAction> = {
	start: { type: 'start' },
	pause: { type: 'pause' },
	resume: { type: 'resume' },
	extend: { type: 'extend', deltaMs: 60_000 },
	next: { type: 'next' },
	previous: { type: 'previous' },
	end: { type: 'end' },
	reset: { type: 'reset' }
};

/** The controls that would succeed on `timer` at `now` (server epoch ms). */
export function allowedControls(
	timer: TimerState,
	slots: readonly Slot[],
	now: number
): ReadonlySet<Control> {
	const allowed = new Set<Control>();
	for (const [control, action] of Object.entries(probes) as [Control, TimerAction][]) {
		if (applyTimerAction(timer, action, slots, now).ok) allowed.add(control);
	}
	return allowed;
}
