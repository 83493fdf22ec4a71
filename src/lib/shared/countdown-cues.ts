// What a screen reader hears of a countdown: one sentence whenever something that matters
// changes (another slot, 5 minutes left, time up, each further 5 minutes of overtime), never
// the ticking seconds. A cue's key changes exactly when it should be announced. Durations are
// ms, remaining below zero is overtime.

export const CUE_WARNING_MS = 5 * 60_000;
const OVERTIME_STEP_MS = 5 * 60_000;
const MINUTE_MS = 60_000;

export type CountdownCue = { key: string; text: string };

/** The cue for a slot (`slotId`, `title`) with `remainingMs` to go. */
export function countdownCue(slotId: string, title: string, remainingMs: number): CountdownCue {
	if (remainingMs > CUE_WARNING_MS) {
		const minutes = Math.ceil(remainingMs / MINUTE_MS);
		return { key: `${slotId}:on`, text: `Now: ${title}, ${minutes} minutes left.` };
	}
	if (remainingMs > 0) {
		const minutes = Math.ceil(remainingMs / MINUTE_MS);
		const left = minutes === 1 ? '1 minute left' : `${minutes} minutes left`;
		return { key: `${slotId}:warning`, text: `${title}: ${left}.` };
	}
	const steps = Math.floor(-remainingMs / OVERTIME_STEP_MS);
	if (steps === 0) return { key: `${slotId}:up`, text: `${title}: time is up.` };
	const over = steps * (OVERTIME_STEP_MS / MINUTE_MS);
	return { key: `${slotId}:over:${steps}`, text: `${title}: ${over} minutes over time.` };
}
