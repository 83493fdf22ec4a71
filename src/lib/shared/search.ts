// Finding slots: every word of the query must appear, case- and accent-blind, in
// a slot's title, speakers or abstract; optional filters by kind and by track. Pure, over the
// device's copy of the event, so it is instant and works offline. Results keep agenda order.
import type { Track } from './schema/event.ts';
import type { Slot, SlotKind } from './schema/slot.ts';
import { byPosition } from './timer.ts';

export type SlotFilter = { query: string; kind: SlotKind | 'all'; trackId: string | 'all' };
export type Found = { slot: Slot; trackId: string };

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

export function searchSlots(tracks: readonly Track[], filter: SlotFilter): Found[] {
	const words = fold(filter.query).split(/\s+/).filter(Boolean);
	const found: Found[] = [];
	for (const track of tracks) {
		if (filter.trackId !== 'all' && track.id !== filter.trackId) continue;
		for (const slot of byPosition(track.slots)) {
			if (filter.kind !== 'all' && slot.kind !== filter.kind) continue;
			const text = fold([slot.title, ...slot.speakers, slot.abstract].join('\n'));
			if (words.every((w) => text.includes(w))) found.push({ slot, trackId: track.id });
		}
	}
	return found;
}
