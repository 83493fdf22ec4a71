// Indico's JSON exports into an ImportedSchedule: the timetable (`/export/timetable/<id>.json`:
// results → event id → YYYYMMDD → entry id → entry, session blocks nesting their own
// `entries`) and the event export with contributions (`/export/event/<id>.json?detail=
// contributions|sessions`). Dates are `{date, time, tz}` objects, read as wall time in `tz`;
// a contribution's room, else its location, is its track. Breaks come across as breaks.
import { z } from 'zod';
import { isTimeZone } from '#shared/time-format.ts';
import {
	ImportError,
	kindOf,
	type ImportedSchedule,
	type ImportedSession,
	type ImportOptions
} from './imported.ts';
import { Id, parseWith, Text, zoneOr } from './json-shared.ts';
import { oneLine, plainText } from './text.ts';
import { localDate, wallInstant } from './time.ts';

const When = z.looseObject({ date: z.string(), time: z.string(), tz: Text });
const Person = z.looseObject({ name: Text, fullName: Text, first_name: Text, last_name: Text });
const Entry = z.looseObject({
	_type: Text,
	entryType: Text,
	id: Id.optional(),
	uniqueId: Text,
	title: Text,
	description: Text,
	startDate: When,
	endDate: When.optional(),
	duration: z.number().optional(),
	room: Text,
	location: Text,
	url: Text,
	presenters: z.array(Person).nullish(),
	speakers: z.array(Person).nullish(),
	entries: z.record(z.string(), z.unknown()).nullish(),
	contributions: z.array(z.unknown()).nullish()
});
type Entry = z.infer<typeof Entry>;

const Timetable = z.looseObject({
	results: z.record(z.string(), z.record(z.string(), z.record(z.string(), z.unknown())))
});
const EventExport = z.looseObject({
	results: z.array(
		z.looseObject({
			title: Text,
			timezone: Text,
			location: Text,
			contributions: z.array(z.unknown()).nullish(),
			sessions: z.array(z.unknown()).nullish()
		})
	)
});

/** True when `json` looks like an Indico HTTP API answer. */
export const isIndicoJson = (json: unknown): boolean =>
	typeof json === 'object' &&
	json !== null &&
	(json as { _type?: unknown })._type === 'HTTPAPIResult';

function at(when: z.infer<typeof When>, zone: string, where: string): number {
	const tz = isTimeZone(when.tz) ? when.tz : zone;
	return wallInstant(`${when.date}T${when.time}`, tz, where);
}

function session(entry: Entry, zone: string, where: string): ImportedSession {
	const start = at(entry.startDate, zone, `${where}.startDate`);
	const end =
		entry.endDate !== undefined
			? at(entry.endDate, zone, `${where}.endDate`)
			: entry.duration !== undefined
				? start + entry.duration * 60_000
				: null;
	if (end === null) throw new ImportError('neither endDate nor duration', where);
	const title = oneLine(entry.title);
	const isBreak = /break/i.test(entry._type) || /break/i.test(entry.entryType);
	const people = [...(entry.presenters ?? []), ...(entry.speakers ?? [])];
	return {
		sourceId: entry.uniqueId || (entry.id ?? ''),
		title,
		start,
		durationMs: end - start,
		room: oneLine(entry.room) || oneLine(entry.location),
		kind: isBreak ? 'break' : kindOf(undefined, title),
		speakers: people
			.map((p) => oneLine(p.fullName || p.name || `${p.first_name} ${p.last_name}`))
			.filter(Boolean),
		abstract: plainText(entry.description),
		...(entry.url ? { url: entry.url } : {}),
		day: localDate(start, zone)
	};
}

/** Timetable entries, flattening session blocks into their contributions and breaks. */
function walk(raw: Record<string, unknown>, zone: string, where: string, out: ImportedSession[]) {
	for (const [key, value] of Object.entries(raw)) {
		const path = `${where}["${key}"]`;
		const entry = parseWith(Entry, value, path);
		if (entry.entries && Object.keys(entry.entries).length > 0)
			walk(entry.entries, zone, `${path}.entries`, out);
		else out.push(session(entry, zone, path));
	}
}

export function parseIndicoJson(json: unknown, options: ImportOptions = {}): ImportedSchedule {
	const notes: string[] = [];
	const sessions: ImportedSession[] = [];
	if (Array.isArray((json as { results?: unknown }).results)) {
		const doc = parseWith(EventExport, json);
		const event = doc.results[0];
		if (!event) throw new ImportError('no event', 'results');
		const zone = zoneOr(event.timezone, options, notes);
		const contributions = (event.contributions ?? []).map((c, i) => ({
			raw: c,
			where: `results[0].contributions[${i}]`
		}));
		(event.sessions ?? []).forEach((s, i) => {
			const block = parseWith(Entry, s, `results[0].sessions[${i}]`);
			(block.contributions ?? []).forEach((c, j) =>
				contributions.push({ raw: c, where: `results[0].sessions[${i}].contributions[${j}]` })
			);
		});
		for (const { raw, where } of contributions)
			sessions.push(session(parseWith(Entry, raw, where), zone, where));
		return result(
			'indico-event-json',
			oneLine(event.title),
			zone,
			oneLine(event.location),
			sessions,
			notes,
			options
		);
	}
	const doc = parseWith(Timetable, json);
	const [eventId, days] = Object.entries(doc.results)[0] ?? [];
	if (!eventId || !days) throw new ImportError('no event', 'results');
	const first = Object.values(days).flatMap((d) => Object.values(d))[0] as
		{ startDate?: { tz?: unknown } } | undefined;
	const zone = zoneOr(String(first?.startDate?.tz ?? ''), options, notes);
	for (const [day, entries] of Object.entries(days))
		walk(entries, zone, `results["${eventId}"]["${day}"]`, sessions);
	return result('indico-json', `Indico event ${eventId}`, zone, '', sessions, notes, options);
}

function result(
	format: 'indico-json' | 'indico-event-json',
	title: string,
	timezone: string,
	venue: string,
	sessions: ImportedSession[],
	notes: string[],
	options: ImportOptions
): ImportedSchedule {
	return {
		format,
		title: title || options.name || 'Imported schedule',
		timezone,
		venue,
		rooms: [],
		sessions,
		notes
	};
}
