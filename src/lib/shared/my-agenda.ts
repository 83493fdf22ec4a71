// My agenda: the starred slots of every track with their projected start, end and
// drift at `now` (UTC epoch ms), in start order, and which of them overlap. Pure. Two starred
// slots conflict when their projected windows [start, end) overlap, which happens only across
// tracks (one track's slots never overlap); a starred slot no longer on the agenda is listed
// apart as gone.
import type { StarredSlot, TrackInput } from './reminders.ts';
import { projectTrack, type ProjectedSlot } from './schedule.ts';

export type MyAgendaRow = ProjectedSlot & {
	trackId: string;
	/** ids of the other starred slots this one overlaps */
	conflicts: string[];
};

export type MyAgenda = { rows: MyAgendaRow[]; gone: StarredSlot[] };

export function myAgenda(
	tracks: readonly (TrackInput & { trackId: string })[],
	starred: readonly StarredSlot[],
	now: number
): MyAgenda {
	const wanted = new Set(starred.map((s) => s.slotId));
	const rows: MyAgendaRow[] = [];
	for (const track of tracks) {
		for (const row of projectTrack(track.slots, track.timer, now)) {
			if (wanted.has(row.slot.id)) rows.push({ ...row, trackId: track.trackId, conflicts: [] });
		}
	}
	rows.sort((a, b) => a.start - b.start || a.trackId.localeCompare(b.trackId));
	for (const a of rows) {
		a.conflicts = rows
			.filter((b) => b !== a && a.start < b.end && b.start < a.end)
			.filter((b) => a.status !== 'cancelled' && b.status !== 'cancelled')
			.map((b) => b.slot.id);
	}
	const found = new Set(rows.map((r) => r.slot.id));
	return { rows, gone: starred.filter((s) => !found.has(s.slotId)) };
}
