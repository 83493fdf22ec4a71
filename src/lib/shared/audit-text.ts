// The human summaries of the chair audit log ("+5 min on “A new clone syscall”"). Pure: each
// takes what a service already holds (states before and after, the slots) and returns one
// line of at most a few hundred characters. Durations are ms.
import type { SlotPatch } from './protocol.ts';
import type { Slot } from './schema/slot.ts';
import type { SignalKind, StageStandby, StageState } from './schema/stage.ts';
import type { TimerState } from './schema/timer.ts';
import type { AgendaEdit } from './agenda-edit.ts';
import type { StageAction } from './stage.ts';
import { quoted } from './quoted.ts';
import { formatDuration } from './time-format.ts';
import { slotDurationMs, type TimerAction } from './timer.ts';

/**
 * A change of a duration, from ms: "+5 min", "−1 min", "+30 s" (a true minus sign). Kept here,
 * beside the audit lines and the console summaries that use it, and off the attendee page.
 */
export function formatDelta(deltaMs: number): string {
	return `${deltaMs < 0 ? '−' : '+'}${formatDuration(deltaMs)}`;
}

/** “Title”, cut to 80 characters so that a line stays short. */
const short = (title: string): string =>
	quoted(title.length > 80 ? `${title.slice(0, 79)}…` : title);

const titleOf = (slots: readonly Slot[], id: string | null): string => {
	const slot = slots.find((s) => s.id === id);
	return slot ? short(slot.title) : 'the plan';
};

/**
 * What a shortening that stopped at time up really took, as a suffix; '' when the command
 * took what it asked. A track no chair had taken counts from its slot's planned allotment.
 */
function clamped(
	deltaMs: number,
	before: TimerState,
	after: TimerState,
	slots: readonly Slot[]
): string {
	const slot = slots.find((s) => s.id === after.slotId);
	const was = before.phase === 'planned' && slot ? slotDurationMs(slot) : before.durationMs;
	const taken = after.durationMs - was;
	if (taken === deltaMs) return '';
	return taken === 0
		? ' (already at time up: nothing taken)'
		: ` (stopped at time up: ${formatDelta(taken)})`;
}

/** One line for a timer command that turned `before` into `after`. */
export function timerSummary(
	action: TimerAction | { type: 'undo' },
	before: TimerState,
	after: TimerState,
	slots: readonly Slot[]
): string {
	const on = titleOf(slots, after.slotId);
	switch (action.type) {
		case 'start':
			return `Start ${on}`;
		case 'pause':
			return `Pause ${on}`;
		case 'resume':
			return `Resume ${on}`;
		case 'extend':
			return `${formatDelta(action.deltaMs)} on ${on}${clamped(action.deltaMs, before, after, slots)}`;
		case 'next':
			return `Next: ${titleOf(slots, before.slotId)} → ${on}`;
		case 'previous':
			return `Previous: ${titleOf(slots, before.slotId)} → ${on}, restarted from 0`;
		case 'end':
			return `End ${on}`;
		case 'reset':
			return `Reset ${on} to its full time`;
		case 'undo':
			return after.phase === 'planned'
				? 'Undo: back to following the plan'
				: `Undo: back to ${on} (${after.phase})`;
		default:
			return action satisfies never;
	}
}

const FIELD_NAMES: Record<keyof SlotPatch, string> = {
	kind: 'kind',
	title: 'title',
	speakers: 'speakers',
	abstract: 'abstract',
	plannedMinutes: 'minutes',
	plannedStart: 'start',
	cancelled: 'cancelled'
};

/** One line for an agenda edit; `before` is the track's slots before it. */
export function agendaSummary(edit: AgendaEdit, before: readonly Slot[]): string {
	switch (edit.type) {
		case 'update': {
			const old = before.find((s) => s.id === edit.slotId);
			if (Object.keys(edit.patch).length === 1 && edit.patch.cancelled !== undefined) {
				return `${edit.patch.cancelled ? 'Cancel' : 'Restore'} ${titleOf(before, edit.slotId)}`;
			}
			const changes = (Object.keys(edit.patch) as (keyof SlotPatch)[]).map((key) =>
				key === 'plannedMinutes' && old
					? `minutes ${old.plannedMinutes} → ${edit.patch.plannedMinutes}`
					: FIELD_NAMES[key]
			);
			return `Edit ${titleOf(before, edit.slotId)}: ${changes.join(', ')}`;
		}
		case 'insert': {
			const where =
				edit.afterSlotId === null ? 'first' : `after ${titleOf(before, edit.afterSlotId)}`;
			return `Insert ${short(edit.slot.title)} (${edit.slot.plannedMinutes} min) ${where}`;
		}
		case 'remove':
			return `Remove ${titleOf(before, edit.slotId)}`;
		case 'move':
			return `Move ${titleOf(before, edit.slotId)} to position ${edit.toIndex + 1}`;
		default:
			return edit satisfies never;
	}
}

const SIGNAL_NAMES: Record<Exclude<SignalKind, 'text'>, string> = {
	'five-minutes': '5 minutes',
	'wrap-up': 'wrap up',
	'time-up': 'time is up'
};

const STANDBY_NAMES: Record<StageStandby, string> = {
	off: 'Stage display back on the countdown',
	black: 'Stage display blacked out',
	holding: 'Stage display showing the holding card'
};

/** One line for a chair's stage command, given the state it produced. */
export function stageSummary(action: StageAction, after: StageState): string {
	switch (action.type) {
		case 'signal':
			return action.kind === 'text'
				? `Signal the stage: ${short(action.text)}`
				: `Signal the stage: ${SIGNAL_NAMES[action.kind]}`;
		case 'clear':
			return 'Clear the stage signal';
		case 'flash':
			return `Overtime flash ${after.flash ? 'on' : 'off'}`;
		case 'standby':
			return STANDBY_NAMES[after.standby ?? 'off'];
		case 'seen':
			return 'The stage showed the signal';
		default:
			return action satisfies never;
	}
}
