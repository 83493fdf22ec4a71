// frab / pretalx / c3voc schedule.json into an ImportedSchedule: v1 (days[].rooms{name:
// [events]}, an ISO `date` with offset plus an "HH:MM" duration) and the flat v2 (events[]
// with ISO start and end, room and participants as objects). Read leniently: extra keys,
// string or number ids, null for absent text; a missing or unreadable start or duration
// is an ImportError naming the field.
import { z } from 'zod';
import {
	ImportError,
	kindOf,
	type ImportedSchedule,
	type ImportedSession,
	type ImportOptions,
	asDaisSession,
	DAIS
} from './imported.ts';
import { Id, parseWith, Text, zoneOr } from './json-shared.ts';
import { oneLine, plainText } from './text.ts';
import { clockDuration, isoInstant, localDate, offsetNote } from './time.ts';

const Person = z.looseObject({ public_name: Text, name: Text, full_public_name: Text, role: Text });
const V1Event = z.looseObject({
	id: Id.optional(),
	guid: Text,
	date: z.string(),
	duration: z.string(),
	room: Text,
	title: Text,
	type: Text,
	abstract: Text,
	description: Text,
	url: Text,
	persons: z.array(Person).nullish()
});
const V1Day = z.looseObject({
	date: Text,
	day_start: Text,
	rooms: z.record(z.string(), z.array(z.unknown()))
});
const Conference = z.looseObject({
	title: Text,
	acronym: Text,
	time_zone_name: Text,
	rooms: z.array(z.looseObject({ name: Text })).nullish(),
	/** a Dais export's extension (the schema allows any meta): the venue */
	meta: z.looseObject({ venue: Text }).nullish()
});
const V1 = z.looseObject({
	schedule: z.looseObject({ conference: Conference.extend({ days: z.array(V1Day) }) })
});
const V2Event = z.looseObject({
	guid: Text,
	id: Id.optional(),
	start: z.string(),
	end: z.string(),
	room: z.looseObject({ name: Text }).nullish(),
	title: Text,
	type: Text,
	abstract: Text,
	description: Text,
	url: Text,
	participants: z.array(Person).nullish()
});
const V2 = z.looseObject({
	schedule: z.looseObject({ conference: Conference, events: z.array(z.unknown()) })
});

/** True when `json` looks like a schedule.json (v1 or v2). */
export const isFrabJson = (json: unknown): boolean =>
	typeof json === 'object' && json !== null && 'schedule' in json;

const name = (p: z.infer<typeof Person>) => oneLine(p.public_name || p.full_public_name || p.name);

/** The fields of both versions; `dais`: the file is a Dais export (asDaisSession). */
function common(e: z.infer<typeof V1Event> | z.infer<typeof V2Event>, dais: boolean) {
	const title = oneLine(e.title);
	const session = {
		sourceId: e.guid || (e.id ?? ''),
		title,
		kind: kindOf(e.type, title),
		abstract: plainText(e.abstract) || plainText(e.description),
		...(e.url ? { url: e.url } : {})
	};
	return dais ? asDaisSession(session, e.type) : session;
}

function instant(text: string, where: string): number {
	const ms = isoInstant(text);
	if (ms === null) throw new ImportError(`"${text}" is not a date-time with an offset`, where);
	return ms;
}

export function parseFrabJson(json: unknown, options: ImportOptions = {}): ImportedSchedule {
	const v2 = (json as { schedule?: { events?: unknown } }).schedule?.events !== undefined;
	const dais = (json as { generator?: { name?: unknown } }).generator?.name === DAIS;
	const notes: string[] = [];
	const sessions: ImportedSession[] = [];
	let conference: z.infer<typeof Conference>;
	let timezone: string;
	const written: string[] = [];
	if (v2) {
		const doc = parseWith(V2, json);
		conference = doc.schedule.conference;
		timezone = zoneOr(conference.time_zone_name, options, notes);
		doc.schedule.events.forEach((raw, i) => {
			const where = `schedule.events[${i}]`;
			const e = parseWith(V2Event, raw, where);
			const start = instant(e.start, `${where}.start`);
			written.push(e.start);
			const end = instant(e.end, `${where}.end`);
			const speakers = (e.participants ?? []).filter(
				(p) => !p.role || /speaker|moderator/i.test(p.role)
			);
			sessions.push({
				...common(e, dais),
				start,
				durationMs: end - start,
				room: oneLine(e.room?.name),
				speakers: speakers.map(name).filter(Boolean),
				day: localDate(start, timezone)
			});
		});
	} else {
		const doc = parseWith(V1, json);
		conference = doc.schedule.conference;
		timezone = zoneOr(conference.time_zone_name, options, notes);
		doc.schedule.conference.days.forEach((day, d) => {
			const dayStart = isoInstant(day.day_start);
			const label = dayStart !== null ? localDate(dayStart, timezone) : day.date || undefined;
			for (const [room, events] of Object.entries(day.rooms)) {
				events.forEach((raw, i) => {
					const where = `schedule.conference.days[${d}].rooms["${room}"][${i}]`;
					const e = parseWith(V1Event, raw, where);
					written.push(e.date);
					sessions.push({
						...common(e, dais),
						start: instant(e.date, `${where}.date`),
						durationMs: clockDuration(e.duration, `${where}.duration`),
						room: oneLine(e.room) || room,
						speakers: (e.persons ?? []).map(name).filter(Boolean),
						...(label ? { day: label } : {})
					});
				});
			}
		});
	}
	const note = offsetNote(written, timezone);
	if (note) notes.push(note);
	return {
		format: v2 ? 'c3voc-json-v2' : 'frab-json',
		title:
			oneLine(conference.title) ||
			oneLine(conference.acronym) ||
			options.name ||
			'Imported schedule',
		timezone,
		venue: oneLine(conference.meta?.venue),
		rooms: (conference.rooms ?? []).map((r) => oneLine(r.name)).filter(Boolean),
		sessions,
		notes
	};
}
