// SIGNATURES ONLY — to be implemented by the shared-core work (see the prompt).
import type { Slot } from './schema/slot.ts';
import type { TimerPhase, TimerState } from './schema/timer.ts';

export type SlotStatus = 'past' | 'current' | 'upcoming';

export type ProjectedSlot = {
	slot: Slot;
	index: number;
	status: SlotStatus;
	/** projected (or actual, for current/past) start, epoch ms */
	start: number;
	/** projected (or actual) end, epoch ms */
	end: number;
	/** start - slot.plannedStart, ms (positive = late) */
	driftMs: number;
};

export type Urgency = 'normal' | 'warning' | 'overtime';

export type CurrentSlotView = {
	slot: Slot;
	index: number;
	phase: TimerPhase;
	elapsedMs: number;
	remainingMs: number;
	durationMs: number;
	/** elapsed / duration, clamped to 0..1 */
	progress: number;
	urgency: Urgency;
};

export function projectTrack(slots: readonly Slot[], timer: TimerState, now: number): ProjectedSlot[] {
	throw new Error('not implemented');
}

export function currentSlotView(slots: readonly Slot[], timer: TimerState, now: number): CurrentSlotView | null {
	throw new Error('not implemented');
}

export function nextSlot(projection: readonly ProjectedSlot[]): ProjectedSlot | null {
	throw new Error('not implemented');
}
