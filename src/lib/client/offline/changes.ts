// What changed on the server while this device was away, in words: the difference between
// the copy it held and the snapshot it got on reconnecting ("“Namespaces” was extended by
// 5 min"). Only the followed track's timer and the agenda are compared. Pure.
import type { TimerState } from '$lib/shared/schema/timer.ts';
import { quoted } from '$lib/shared/quoted.ts';
import { formatDuration } from '$lib/shared/time-format.ts';
import { slotDurationMs } from '$lib/shared/timer.ts';
import type { TrackState } from '$lib/shared/version-order.ts';

/** Sentences for what changed between `before` and `after` on track `trackId`. */
export function describeChanges(before: TrackState, after: TrackState, trackId: string): string[] {
	const changes: string[] = [];
	if (after.event.agendaVersion !== before.event.agendaVersion) {
		changes.push('The agenda was updated.');
	}
	const was = before.timers[trackId];
	const now = after.timers[trackId];
	if (!was || !now || now.version === was.version) return changes;
	const slots = after.event.tracks.find((t) => t.id === trackId)?.slots ?? [];
	const title = (id: string | null) => slots.find((s) => s.id === id)?.title;
	const name = title(now.slotId);
	if (!name) return changes;
	// A track that followed the plan was on the planned slot with its planned length.
	const wasSlot = was.phase === 'planned' ? now.slotId : was.slotId;
	if (wasSlot !== now.slotId) {
		changes.push(now.phase === 'finished' ? `${quoted(name)} ended.` : `${quoted(name)} started.`);
		return changes;
	}
	const slot = slots.find((s) => s.id === now.slotId);
	const wasDuration = was.phase === 'planned' && slot ? slotDurationMs(slot) : was.durationMs;
	const delta = now.durationMs - wasDuration;
	if (delta > 0) changes.push(`${quoted(name)} was extended by ${formatDuration(delta)}.`);
	if (delta < 0) changes.push(`${quoted(name)} was shortened by ${formatDuration(-delta)}.`);
	const phase = phaseChange(was, now);
	if (phase) changes.push(`${quoted(name)} ${phase}.`);
	return changes;
}

function phaseChange(was: TimerState, now: TimerState): string | null {
	if (now.phase === was.phase) return null;
	switch (now.phase) {
		case 'paused':
			return 'was paused';
		case 'running':
			return was.phase === 'paused' ? 'resumed' : null;
		case 'finished':
			return 'ended';
		case 'planned':
			return null;
		default:
			return now.phase satisfies never;
	}
}
