// Words for what a chair did, for the console: the label of a timer command ("+5 min"),
// and, when a command came back `conflict`, what the other chair changed meanwhile, read off
// the state before and after ("Another chair extended the slot by 1 min"). Pure.
import type { Track } from '$lib/shared/schema/event.ts';
import type { Slot } from '$lib/shared/schema/slot.ts';
import type { TimerState } from '$lib/shared/schema/timer.ts';
import { quoted } from '$lib/shared/quoted.ts';
import { formatDelta } from '$lib/shared/audit-text.ts';
import { formatDuration } from '$lib/shared/time-format.ts';
import type { TimerIntent } from '$lib/shared/timer.ts';

/** The button text of a timer command. */
export function intentLabel(intent: TimerIntent): string {
	switch (intent.type) {
		case 'extend':
			return formatDelta(intent.deltaMs);
		case 'start':
			return 'Start';
		case 'pause':
			return 'Pause';
		case 'resume':
			return 'Resume';
		case 'next':
			return 'Next';
		case 'previous':
			return 'Previous';
		case 'end':
			return 'End';
		case 'reset':
			return 'Reset';
		case 'undo':
			return 'Undo';
		default:
			return intent satisfies never;
	}
}

const named = (slot: Pick<Slot, 'title'> | undefined) => (slot ? quoted(slot.title) : 'a slot');

function phaseChange(before: TimerState, after: TimerState): string | null {
	if (before.phase === after.phase) return null;
	switch (after.phase) {
		case 'running':
			return before.phase === 'paused' ? 'resumed the slot' : 'started the slot';
		case 'paused':
			return 'paused the slot';
		case 'finished':
			return 'ended the slot';
		case 'planned':
			return 'handed the track back to the plan';
		default:
			return after.phase satisfies never;
	}
}

/** What changed from `before` to `after` of one track's timer, as "Another chair ...". */
export function describeTimerChange(
	before: TimerState,
	after: TimerState,
	slots: readonly Slot[]
): string {
	const slot = named(slots.find((s) => s.id === after.slotId));
	if (before.phase === 'planned' && after.slotId !== null) {
		return `Another chair took the track live on ${slot}`;
	}
	if (after.slotId !== before.slotId && after.slotId !== null) {
		return `Another chair moved the track to ${slot}`;
	}
	const parts: string[] = [];
	if (after.startedAt !== before.startedAt && after.slotId === before.slotId) {
		parts.push('reset the slot');
	} else {
		const phase = phaseChange(before, after);
		if (phase) parts.push(phase);
	}
	const delta = after.durationMs - before.durationMs;
	if (delta !== 0 && !parts.includes('reset the slot')) {
		parts.push(`${delta > 0 ? 'extended' : 'shortened'} the slot by ${formatDuration(delta)}`);
	}
	if (parts.length === 0) return 'Another chair changed the timer';
	return `Another chair ${parts.join(' and ')}`;
}

function slotEdits(before: Slot, after: Slot): string[] {
	const parts: string[] = [];
	if (before.title !== after.title) parts.push(`renamed ${named(before)} to ${named(after)}`);
	if (before.plannedMinutes !== after.plannedMinutes) {
		parts.push(`set ${named(after)} to ${after.plannedMinutes} min`);
	}
	const other =
		before.kind !== after.kind ||
		before.abstract !== after.abstract ||
		before.speakers.join('\n') !== after.speakers.join('\n');
	if (other) parts.push(`edited ${named(after)}`);
	return parts;
}

/** What changed from `before` to `after` of one track's agenda, as "Another chair ...". */
export function describeAgendaChange(before: Track, after: Track): string {
	const was = new Map(before.slots.map((s) => [s.id, s]));
	const now = new Map(after.slots.map((s) => [s.id, s]));
	const parts: string[] = [];
	for (const slot of before.slots) if (!now.has(slot.id)) parts.push(`removed ${named(slot)}`);
	for (const slot of after.slots) {
		const old = was.get(slot.id);
		if (!old) parts.push(`added ${named(slot)}`);
		else parts.push(...slotEdits(old, slot));
	}
	if (parts.length === 0) {
		const order = (t: Track) =>
			[...t.slots].sort((a, b) => a.position - b.position).map((s) => s.id);
		const moved = order(after).find((id, i) => order(before)[i] !== id);
		if (moved) parts.push(`moved ${named(now.get(moved))}`);
	}
	if (parts.length === 0) return 'Another chair changed the agenda';
	const shown = parts.slice(0, 2).join(' and ');
	return `Another chair ${shown}${parts.length > 2 ? ', among other changes' : ''}`;
}

/** The sentence shown when a command was refused as stale. */
export const conflictNotice = (change: string, yours: string): string =>
	`${change} — your ${yours} was not applied`;
