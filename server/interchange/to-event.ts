// An ImportedSchedule as a Dais event: one track per room (in the order the source declares
// them, rooms without sessions left out), slots sorted by start, fitted to the slot schema
// (titles, abstracts and speaker lists clipped; durations 1 min to 24 h). Ids are derived
// from the source's ids, so importing the same file again yields the same ids: a track's
// from its room name, a slot's from its source id (a repeated one gets -2, -3, ...).
import { EventInfo, type Track } from '#shared/schema/event.ts';
import type { Slot } from '#shared/schema/slot.ts';
import { ImportError, type ImportedSchedule, type ImportedSession } from './imported.ts';
import { clip } from './text.ts';

const MINUTE_MS = 60_000;
const MAX_MINUTES = 24 * 60;
const NO_ROOM = 'Main';

/** A URL-safe id: ASCII letters, digits, - and _, at most `max` characters. */
export function idFrom(text: string, max: number): string {
	const id = text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^A-Za-z0-9_-]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, max);
	return id || 'x';
}

function unique(base: string, taken: Set<string>): string {
	let id = base;
	for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
	taken.add(id);
	return id;
}

const HTTP = /^https?:\/\/[^\s]+$/;

function slotOf(session: ImportedSession, id: string, notes: string[]): Omit<Slot, 'position'> {
	let minutes = Math.round(session.durationMs / MINUTE_MS);
	if (minutes < 1 || minutes > MAX_MINUTES) {
		notes.push(
			`"${session.title}" lasts ${minutes} min: planned as ${minutes < 1 ? 1 : MAX_MINUTES}`
		);
		minutes = minutes < 1 ? 1 : MAX_MINUTES;
	}
	const url =
		session.url && HTTP.test(session.url) && session.url.length <= 500 ? session.url : undefined;
	return {
		id,
		kind: session.kind,
		title: clip(session.title || 'Untitled', 200),
		speakers: session.speakers.map((s) => clip(s, 120)).slice(0, 20),
		abstract: clip(session.abstract, 4000),
		plannedStart: session.start,
		plannedMinutes: minutes,
		...(session.day ? { day: session.day } : {}),
		...(url ? { url } : {}),
		...(session.cancelled ? { cancelled: true } : {})
	};
}

export type Converted = { event: EventInfo; notes: string[] };

/** The event an import describes; `id` names it (the stored event's id on a re-import). */
export function toEvent(schedule: ImportedSchedule, id: string): Converted {
	const notes = [...schedule.notes];
	const byRoom = new Map<string, ImportedSession[]>();
	const rooms = [...schedule.rooms];
	for (const session of schedule.sessions) {
		const room = session.room || NO_ROOM;
		if (!byRoom.has(room)) byRoom.set(room, []);
		if (!rooms.includes(room)) rooms.push(room);
		byRoom.get(room)!.push(session);
	}
	const trackIds = new Set<string>();
	const slotIds = new Set<string>();
	const tracks: Track[] = [];
	for (const room of rooms) {
		const sessions = byRoom.get(room);
		if (!sessions) {
			notes.push(`room "${room}" holds no sessions: left out`);
			continue;
		}
		const sorted = [...sessions].sort((a, b) => a.start - b.start || a.durationMs - b.durationMs);
		const slots = sorted.map((session, position) => ({
			...slotOf(session, unique(idFrom(session.sourceId || session.title, 56), slotIds), notes),
			position
		}));
		tracks.push({
			id: unique(idFrom(room.toLowerCase(), 56), trackIds),
			name: clip(room, 200),
			room: clip(room, 200),
			slots
		});
	}
	if (tracks.length === 0) throw new ImportError('the schedule holds no sessions');
	const event = EventInfo.parse({
		id,
		title: clip(schedule.title, 200),
		timezone: schedule.timezone,
		venue: clip(schedule.venue, 200),
		rehearsal: false,
		tracks,
		agendaVersion: 0
	});
	return { event, notes };
}
