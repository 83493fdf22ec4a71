// The chair's timer commands as pure functions (DESIGN §3): each returns a new TimerState
// with version + 1, or an error code; nothing here mutates. `now` is UTC epoch ms on the
// server's clock. Slots may be passed in any order: commands walk them by position. `reset`
// cues the current slot (full planned time, paused at 0 elapsed); start or resume then runs
// it from that instant. On a planned track, start takes the slot the plan has on as it is
// (planned start, elapsed time); next and previous run their slot from 0. Apart from timer.ts so that the attendee page does not load it.
import { heldSlots } from './slot-changes.ts';
import type { Slot } from './schema/slot.ts';
import type { TimerState } from './schema/timer.ts';
import {
	byPosition,
	elapsedMs,
	isCued,
	plannedIndexAt,
	slotDurationMs,
	upcomingIndexAt,
	type TimerAction,
	type TimerError,
	type TimerResult
} from './timer.ts';

/**
 * The live equivalent of a planned track at `now`: the slot the plan says is on, running
 * since its planned start. Null when the plan has nothing on (before, between, after).
 */
export function takeOver(
	timer: TimerState,
	slots: readonly Slot[],
	now: number
): TimerState | null {
	const slot = slots[plannedIndexAt(slots, now)];
	if (!slot) return null;
	return {
		...timer,
		slotId: slot.id,
		phase: 'running',
		startedAt: slot.plannedStart,
		pausedAt: null,
		pausedMs: 0,
		durationMs: slotDurationMs(slot)
	};
}

function runSlot(timer: TimerState, slot: Slot | undefined, now: number): TimerResult {
	if (!slot) return fail('invalid_state', 'there is no slot in that direction');
	return ok({
		...timer,
		slotId: slot.id,
		phase: 'running',
		startedAt: now,
		pausedAt: null,
		pausedMs: 0,
		durationMs: slotDurationMs(slot)
	});
}

/**
 * A slot cued up with its full planned time, paused at 0 elapsed and waiting for start or
 * resume: what `reset` leaves behind.
 */
function cueSlot(timer: TimerState, slot: Slot | undefined, now: number): TimerResult {
	if (!slot) return fail('invalid_state', 'no slot is on or coming up');
	return ok({
		...timer,
		slotId: slot.id,
		phase: 'paused',
		startedAt: now,
		pausedAt: now,
		pausedMs: 0,
		durationMs: slotDurationMs(slot)
	});
}

const ok = (state: TimerState): TimerResult => ({ ok: true, state });
const fail = (code: TimerError['code'], message: string): TimerResult => ({
	ok: false,
	error: { code, message }
});

/** Applies a chair's command at `now` (epoch ms). The result has version + 1. */
export function applyTimerAction(
	timer: TimerState,
	action: TimerAction,
	slots: readonly Slot[],
	now: number
): TimerResult {
	const ordered = byPosition(heldSlots(slots));
	const result =
		timer.phase === 'planned'
			? fromPlanned(timer, action, ordered, now)
			: fromLive(timer, action, ordered, now);
	return result.ok ? ok({ ...result.state, version: timer.version + 1 }) : result;
}

function fromPlanned(
	timer: TimerState,
	action: TimerAction,
	slots: readonly Slot[],
	now: number
): TimerResult {
	const current = plannedIndexAt(slots, now);
	const upcoming = upcomingIndexAt(slots, now);
	switch (action.type) {
		case 'start': {
			// The slot the plan has on keeps the countdown every screen already shows.
			const live = takeOver(timer, slots, now);
			return live ? ok(live) : runSlot(timer, slots[upcoming], now);
		}
		case 'next':
			return runSlot(timer, slots[current >= 0 ? current + 1 : upcoming], now);
		case 'previous': {
			const before = current >= 0 ? current - 1 : (upcoming >= 0 ? upcoming : slots.length) - 1;
			return runSlot(timer, slots[before], now);
		}
		case 'reset':
			return cueSlot(timer, slots[current >= 0 ? current : upcoming], now);
		case 'resume':
			return fail('invalid_state', 'the timer is not paused');
		case 'pause':
		case 'extend':
		case 'end': {
			const live = takeOver(timer, slots, now);
			if (!live) return fail('invalid_state', 'no slot is on right now');
			return fromLive(live, action, slots, now);
		}
		default:
			return action satisfies never;
	}
}

function fromLive(
	timer: TimerState,
	action: TimerAction,
	slots: readonly Slot[],
	now: number
): TimerResult {
	const index = slots.findIndex((s) => s.id === timer.slotId);
	if (index < 0) return fail('not_found', 'the current slot is no longer on the agenda');
	switch (action.type) {
		case 'start':
			if (isCued(timer)) return runCued(timer, now);
			if (timer.phase !== 'finished') return fail('invalid_state', 'the slot is already on');
			return runSlot(timer, slots[index + 1], now);
		case 'pause':
			if (timer.phase !== 'running') return fail('invalid_state', 'the timer is not running');
			return ok({ ...timer, phase: 'paused', pausedAt: now });
		case 'resume':
			if (timer.phase !== 'paused') return fail('invalid_state', 'the timer is not paused');
			if (isCued(timer)) return runCued(timer, now);
			return resume(timer, now);
		case 'extend':
			if (timer.phase === 'finished') return fail('invalid_state', 'the slot has ended');
			return ok({ ...timer, durationMs: extendedDuration(timer, action.deltaMs, now) });
		case 'next':
			return runSlot(timer, slots[index + 1], now);
		case 'previous':
			return runSlot(timer, slots[index - 1], now);
		case 'end':
			if (timer.phase === 'finished') return fail('invalid_state', 'the slot has already ended');
			// pausedAt becomes the instant the slot ended; a pause in progress is folded into
			// pausedMs so the elapsed time stays what it was when the timer was paused.
			return ok({
				...timer,
				phase: 'finished',
				pausedMs: timer.pausedMs + (timer.pausedAt === null ? 0 : now - timer.pausedAt),
				pausedAt: now
			});
		case 'reset':
			return cueSlot(timer, slots[index], now);
		default:
			return action satisfies never;
	}
}

/** A cued slot starts now, with the allotment it has (extensions made while cued count). */
const runCued = (timer: TimerState, now: number): TimerResult =>
	ok({ ...timer, phase: 'running', startedAt: now, pausedAt: null, pausedMs: 0 });

function resume(timer: TimerState, now: number): TimerResult {
	return ok({
		...timer,
		phase: 'running',
		pausedMs: timer.pausedMs + (now - (timer.pausedAt ?? now)),
		pausedAt: null
	});
}

/**
 * The allotment after adding `deltaMs` (negative shortens). Shortening stops at zero
 * remaining: "-1 min" with 30 s left means "time is up", not 30 s of overtime, and a slot
 * already in overtime is not shortened further.
 */
function extendedDuration(timer: TimerState, deltaMs: number, now: number): number {
	const wanted = timer.durationMs + deltaMs;
	if (deltaMs >= 0) return wanted;
	const floor = Math.max(0, Math.min(timer.durationMs, elapsedMs(timer, now)));
	return Math.max(wanted, floor);
}
