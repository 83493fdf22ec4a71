// A re-import as a difference against the stored event. Pure: takes the stored event, its
// timers and `now` (UTC epoch ms), returns the next event and what changed. A slot that is
// running, paused or done (its timer passed it, or its planned end is not after `now`)
// never moves, changes or goes: the file's version of it is set aside and reported. Slots
// keep their ids, so the questions, votes and timers Dais holds for them stay attached.
// A rehearsal event (the seeded demo) is replaced whole, and so is any event with
// `replace` (the caller makes sure no timer is live then). Against a stored event, every slot
// the import moves, resizes or adds carries that change for attendees (slot-changes.ts).
import type { ImportChangeType } from '#shared/import-report.ts';
import type { EventInfo, Track } from '#shared/schema/event.ts';
import type { Slot } from '#shared/schema/slot.ts';
import type { TimerState } from '#shared/schema/timer.ts';
import { markChanges } from '#shared/slot-changes.ts';
import { byPosition, plannedEnd, plannedTimer } from '#shared/timer.ts';

export type ChangeType = ImportChangeType;

export type Change = {
	type: ChangeType;
	trackId: string;
	slotId: string;
	title: string;
	/** the planned time before and after (moved, added, removed) */
	from?: Pick<Slot, 'plannedStart' | 'plannedMinutes'>;
	to?: Pick<Slot, 'plannedStart' | 'plannedMinutes'>;
};

export type Merged = {
	event: EventInfo;
	changes: Change[];
	/** timers to store with the event: those of tracks that are new */
	timers: TimerState[];
	/** tracks added and removed, by id */
	tracksAdded: string[];
	tracksRemoved: string[];
};

const isLive = (t: TimerState | undefined) => t !== undefined && t.phase !== 'planned';

/** Ids of the track's slots that must stay as they are at `now`. */
export function fixedSlotIds(
	track: Track,
	timer: TimerState | undefined,
	now: number
): Set<string> {
	const ordered = byPosition(track.slots);
	const held = isLive(timer) ? ordered.findIndex((s) => s.id === timer!.slotId) : -1;
	return new Set(
		ordered.filter((s, i) => (held >= 0 && i <= held) || plannedEnd(s) <= now).map((s) => s.id)
	);
}

const CONTENT: (keyof Slot)[] = [
	'kind',
	'title',
	'speakers',
	'abstract',
	'day',
	'url',
	'cancelled'
];
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const timing = (s: Slot) => ({ plannedStart: s.plannedStart, plannedMinutes: s.plannedMinutes });
const differs = (a: Slot, b: Slot) =>
	!same(timing(a), timing(b)) || CONTENT.some((k) => !same(a[k], b[k]));

function positioned(slots: Slot[]): Slot[] {
	return [...slots]
		.sort((a, b) => a.plannedStart - b.plannedStart || a.position - b.position)
		.map((s, position) => ({ ...s, position }));
}

export function mergeImport(
	stored: EventInfo | null,
	imported: EventInfo,
	timers: readonly TimerState[],
	now: number,
	replace = false
): Merged {
	const base = stored && !stored.rehearsal && !replace ? stored : null;
	const timerOf = (id: string) => timers.find((t) => t.trackId === id);
	const changes: Change[] = [];
	const fixed = new Map<string, Set<string>>();
	for (const track of base?.tracks ?? [])
		fixed.set(track.id, fixedSlotIds(track, timerOf(track.id), now));
	const isFixed = (slotId: string) => [...fixed.values()].some((ids) => ids.has(slotId));
	const storedTrack = (id: string) => base?.tracks.find((t) => t.id === id);
	const storedSlot = new Map(
		(base?.tracks ?? []).flatMap((t) => t.slots.map((s) => [s.id, { s, t }] as const))
	);
	const importedIds = new Set(imported.tracks.flatMap((t) => t.slots.map((s) => s.id)));

	const tracks: Track[] = [];
	const keepFixed = (track: Track) =>
		track.slots
			.filter((s) => fixed.get(track.id)?.has(s.id))
			.map((s) => {
				const next = findImported(imported, s.id);
				if (!next || differs(s, next))
					changes.push({ type: 'kept', trackId: track.id, slotId: s.id, title: s.title });
				return s;
			});
	for (const track of imported.tracks) {
		const current = storedTrack(track.id);
		const slots = current ? keepFixed(current) : [];
		for (const slot of track.slots) {
			if (isFixed(slot.id)) continue;
			const before = storedSlot.get(slot.id)?.s;
			if (!before)
				changes.push({
					type: 'added',
					trackId: track.id,
					slotId: slot.id,
					title: slot.title,
					to: timing(slot)
				});
			else if (!same(timing(before), timing(slot)) || storedSlot.get(slot.id)!.t.id !== track.id)
				changes.push({
					type: 'moved',
					trackId: track.id,
					slotId: slot.id,
					title: slot.title,
					from: timing(before),
					to: timing(slot)
				});
			else if (CONTENT.some((k) => !same(before[k], slot[k])))
				changes.push({ type: 'changed', trackId: track.id, slotId: slot.id, title: slot.title });
			slots.push(slot);
		}
		tracks.push({ ...track, slots: positioned(slots) });
	}
	const tracksRemoved: string[] = [];
	for (const track of base?.tracks ?? []) {
		const inImport = imported.tracks.some((t) => t.id === track.id);
		if (!inImport) {
			const kept = keepFixed(track);
			if (kept.length > 0) tracks.push({ ...track, slots: positioned(kept) });
			else tracksRemoved.push(track.id);
		}
		for (const slot of track.slots) {
			if (!importedIds.has(slot.id) && !fixed.get(track.id)?.has(slot.id))
				changes.push({
					type: 'removed',
					trackId: track.id,
					slotId: slot.id,
					title: slot.title,
					from: timing(slot)
				});
		}
	}
	const tracksAdded = tracks.filter((t) => !storedTrack(t.id)).map((t) => t.id);
	const version = (stored?.agendaVersion ?? 0) + 1;
	const next = { ...imported, id: base?.id ?? imported.id, agendaVersion: version, tracks };
	return {
		event: base ? markChanges(base, next) : next,
		changes,
		timers: tracksAdded.map((id) => plannedTimer(id, (timerOf(id)?.version ?? 0) + 1)),
		tracksAdded,
		tracksRemoved: [
			...tracksRemoved,
			...(stored && !base
				? stored.tracks.map((t) => t.id).filter((id) => !tracks.some((t) => t.id === id))
				: [])
		]
	};
}

function findImported(event: EventInfo, slotId: string): Slot | undefined {
	for (const track of event.tracks) {
		const slot = track.slots.find((s) => s.id === slotId);
		if (slot) return slot;
	}
	return undefined;
}
