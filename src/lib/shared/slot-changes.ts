// Changes to the plan that attendees are shown on the slot ("moved from 15:10", "extended to
// 30 min", "cancelled", "new") until it is over. The change is recorded on the stored slot
// (`Slot.change`, `Slot.cancelled`), so it reaches every copy, offline ones included, and
// survives restarts; the words are $lib/client/flag-text.ts. Pure: instants are UTC epoch
// ms, lengths whole minutes.
import type { EventInfo } from './schema/event.ts';
import type { Slot, SlotChange } from './schema/slot.ts';

export const isCancelled = (slot: Slot): boolean => slot.cancelled === true;

/** The slots that are held (not cancelled), in the order given. */
export const heldSlots = (slots: readonly Slot[]): Slot[] => slots.filter((s) => !isCancelled(s));

/**
 * `after` with its change worked out against `before` (the same slot as attendees last saw
 * it; undefined: it is new). The first planned start and length are kept across several
 * changes, so a slot moved back to its first time shows no change.
 */
export function withChange(before: Slot | undefined, after: Slot): Slot {
	const { change: _old, ...rest } = after;
	if (!before || before.change?.added) return { ...rest, change: { added: true } };
	const fromStart = before.change?.fromStart ?? before.plannedStart;
	const fromMinutes = before.change?.fromMinutes ?? before.plannedMinutes;
	const change: SlotChange = {
		...(after.plannedStart !== fromStart ? { fromStart } : {}),
		...(after.plannedMinutes !== fromMinutes ? { fromMinutes } : {})
	};
	return Object.keys(change).length > 0 ? { ...rest, change } : rest;
}

/** `after` with every slot's change worked out against the event attendees had, `before`. */
export function markChanges(before: EventInfo, after: EventInfo): EventInfo {
	const was = new Map(before.tracks.flatMap((t) => t.slots.map((s) => [s.id, s] as const)));
	return {
		...after,
		tracks: after.tracks.map((track) => ({
			...track,
			slots: track.slots.map((slot) => withChange(was.get(slot.id), slot))
		}))
	};
}
