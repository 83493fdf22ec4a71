// The words of the change flags on a slot ("moved from 15:10", "extended to 30 min",
// "cancelled", "new"; see $lib/shared/slot-changes.ts), with times in the event's zone and
// the device's own where it differs, as everywhere on the page. Whether the slot is over (and
// shows none) is the caller's to say. Pure.
import type { Slot } from '$lib/shared/schema/slot.ts';
import { formatDay, timeText } from '$lib/shared/time-format.ts';

export function flagWords(slot: Slot, eventZone: string, deviceZone: string | null): string[] {
	const change = slot.change;
	if (slot.cancelled) return ['cancelled'];
	if (!change) return [];
	if (change.added) return ['new'];
	const words: string[] = [];
	const from = change.fromStart;
	if (from !== undefined) {
		const day = formatDay(from, eventZone);
		const other = day !== formatDay(slot.plannedStart, eventZone) ? `${day} ` : '';
		words.push(`moved from ${other}${timeText(from, eventZone, deviceZone)}`);
	}
	const was = change.fromMinutes;
	if (was !== undefined) {
		words.push(
			`${slot.plannedMinutes > was ? 'extended' : 'shortened'} to ${slot.plannedMinutes} min`
		);
	}
	return words;
}
