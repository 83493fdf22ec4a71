// Projection and the live view of a track (DESIGN §3). Pure: every function takes the slots,
// the track's TimerState and `now` (UTC epoch ms on the server's clock). Later slots start
// when the previous one ends and never before their planned start, so an overrun pushes
// them and an early finish does not pull them in. A 'planned' track follows the plan exactly.
// A cancelled slot is listed (status 'cancelled', at its planned times) but takes no time and
// is never current or next.
import type { Slot, SlotKind } from './schema/slot.ts';
import type { TimerPhase, TimerState } from './schema/timer.ts';
import { heldSlots } from './slot-changes.ts';
import { byPosition, elapsedMs, plannedEnd, remainingMs, slotDurationMs } from './timer.ts';

export type SlotStatus = 'past' | 'current' | 'upcoming' | 'cancelled';

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

const MINUTE_MS = 60_000;

/** How long before the end (ms) a slot of this kind turns amber. */
export function warningMs(kind: SlotKind): number {
	switch (kind) {
		case 'discussion':
			return 5 * MINUTE_MS;
		case 'talk':
		case 'break':
		case 'other':
			return 2 * MINUTE_MS;
		default:
			return kind satisfies never;
	}
}

/** 'overtime' below zero remaining, 'warning' in the kind's last minutes, else 'normal'. */
export function urgencyOf(kind: SlotKind, remaining: number): Urgency {
	if (remaining < 0) return 'overtime';
	return remaining <= warningMs(kind) ? 'warning' : 'normal';
}

const planned = (slot: Slot, index: number, status: SlotStatus): ProjectedSlot => ({
	slot,
	index,
	status,
	start: slot.plannedStart,
	end: plannedEnd(slot),
	driftMs: 0
});

function followPlan(slots: readonly Slot[], now: number): ProjectedSlot[] {
	return slots.map((slot, index) => {
		if (plannedEnd(slot) <= now) return planned(slot, index, 'past');
		return planned(slot, index, slot.plannedStart <= now ? 'current' : 'upcoming');
	});
}

/** The instant (epoch ms) the live slot's allotment runs out, seen at `now`. */
function liveEnd(timer: TimerState, now: number): number {
	const startedAt = timer.startedAt ?? now;
	switch (timer.phase) {
		case 'running':
			return Math.max(now, startedAt + timer.pausedMs + timer.durationMs);
		case 'paused':
			return now + Math.max(0, remainingMs(timer, now));
		case 'finished':
			return timer.pausedAt ?? now;
		case 'planned':
			return now;
		default:
			return timer.phase satisfies never;
	}
}

/**
 * Every slot of the track in agenda order with its status, start, end and drift at `now`.
 * Slots before the timer's slot are past (shown at their planned times); a finished slot is
 * past too. A live timer whose slot left the agenda falls back to the plan.
 */
export function projectTrack(
	slots: readonly Slot[],
	timer: TimerState,
	now: number
): ProjectedSlot[] {
	const ordered = byPosition(slots);
	const held = new Map(projectHeld(heldSlots(ordered), timer, now).map((p) => [p.slot.id, p]));
	return ordered.map((slot, index) => ({
		...(held.get(slot.id) ?? planned(slot, index, 'cancelled')),
		index
	}));
}

function projectHeld(ordered: readonly Slot[], timer: TimerState, now: number): ProjectedSlot[] {
	const live = ordered.findIndex((s) => s.id === timer.slotId);
	if (timer.phase === 'planned' || live < 0) return followPlan(ordered, now);

	const result: ProjectedSlot[] = [];
	let previousEnd = now;
	ordered.forEach((slot, index) => {
		if (index < live) {
			result.push(planned(slot, index, 'past'));
			return;
		}
		if (index === live) {
			const start = timer.startedAt ?? now;
			previousEnd = liveEnd(timer, now);
			const status = timer.phase === 'finished' ? 'past' : 'current';
			result.push({
				slot,
				index,
				status,
				start,
				end: previousEnd,
				driftMs: start - slot.plannedStart
			});
			return;
		}
		// An upcoming slot cannot start in the past, e.g. after a slot was ended early.
		const start = Math.max(previousEnd, slot.plannedStart, now);
		previousEnd = start + slotDurationMs(slot);
		result.push({
			slot,
			index,
			status: 'upcoming',
			start,
			end: previousEnd,
			driftMs: start - slot.plannedStart
		});
	});
	return result;
}

/** The live numbers of the slot that is on at `now`, or null when nothing is on. */
export function currentSlotView(
	slots: readonly Slot[],
	timer: TimerState,
	now: number
): CurrentSlotView | null {
	const ordered = byPosition(heldSlots(slots));
	switch (timer.phase) {
		case 'planned': {
			const index = ordered.findIndex((s) => s.plannedStart <= now && now < plannedEnd(s));
			const slot = ordered[index];
			if (!slot) return null;
			const durationMs = slotDurationMs(slot);
			return view(slot, index, timer.phase, now - slot.plannedStart, durationMs);
		}
		case 'running':
		case 'paused': {
			const index = ordered.findIndex((s) => s.id === timer.slotId);
			const slot = ordered[index];
			if (!slot) return null;
			return view(slot, index, timer.phase, elapsedMs(timer, now), timer.durationMs);
		}
		case 'finished':
			return null;
		default:
			return timer.phase satisfies never;
	}
}

function view(
	slot: Slot,
	index: number,
	phase: TimerPhase,
	elapsed: number,
	durationMs: number
): CurrentSlotView {
	const remaining = durationMs - elapsed;
	const progress = durationMs > 0 ? Math.min(1, Math.max(0, elapsed / durationMs)) : 1;
	return {
		slot,
		index,
		phase,
		elapsedMs: elapsed,
		remainingMs: remaining,
		durationMs,
		progress,
		urgency: urgencyOf(slot.kind, remaining)
	};
}

/** The first upcoming slot of a projection, or null at the end of the agenda. */
export function nextSlot(projection: readonly ProjectedSlot[]): ProjectedSlot | null {
	return projection.find((p) => p.status === 'upcoming') ?? null;
}

export type TrackEnd = {
	/** projected end of the track's last slot, epoch ms */
	end: number;
	/** the latest planned end of any slot, epoch ms */
	plannedEnd: number;
	/** end - plannedEnd, ms (positive = over, negative = ahead) */
	overMs: number;
};

/** When the track will end per the projection ("ends 18:42, 12 min over"); null if empty. */
export function trackEnd(all: readonly ProjectedSlot[]): TrackEnd | null {
	const projection = all.filter((p) => p.status !== 'cancelled');
	const last = projection.at(-1);
	if (!last) return null;
	const planned = Math.max(...projection.map((p) => plannedEnd(p.slot)));
	return { end: last.end, plannedEnd: planned, overMs: last.end - planned };
}
