// frab / Pentabarf schedule.xml (frab, pretalx, wafer, FOSDEM, c3voc) into an
// ImportedSchedule. Read leniently (real exports fail the c3voc XSD); an event's ISO <date>
// with its offset wins over its local <start>, which is read in the conference's zone on the
// day's date, past midnight when it is before <day_change>. A DOCTYPE is refused (entity
// expansion), and malformed XML is reported with its line.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { isTimeZone } from '#shared/time-format.ts';
import {
	ImportError,
	kindOf,
	type ImportedSchedule,
	type ImportedSession,
	type ImportOptions,
	asDaisSession,
	DAIS
} from './imported.ts';
import { oneLine, plainText } from './text.ts';
import { clockDuration, isoInstant, localDate, offsetNote, wallInstant } from './time.ts';

type Node = Record<string, unknown>;

const LISTS = new Set(['day', 'room', 'event', 'person', 'link', 'track']);
const LIST_PATHS =
	/^schedule\.(day|day\.room|day\.event|day\.room\.event|conference\.track|conference\.rooms\.room|day\.(room\.)?event\.persons\.person)$/;

const parser = new XMLParser({
	ignoreAttributes: false,
	attributeNamePrefix: '@',
	parseTagValue: false,
	parseAttributeValue: false,
	trimValues: true,
	processEntities: true,
	htmlEntities: false,
	isArray: (name, jpath) => LISTS.has(name) && LIST_PATHS.test(String(jpath))
});

/** The text of an element (with or without attributes); '' when absent. */
export function textOf(node: unknown): string {
	if (typeof node === 'string') return node;
	if (typeof node === 'number') return String(node);
	if (node && typeof node === 'object' && '#text' in node) return textOf((node as Node)['#text']);
	return '';
}

const asList = (value: unknown): Node[] =>
	Array.isArray(value) ? (value.filter((v) => v && typeof v === 'object') as Node[]) : [];

/** Parses XML text into nodes; ImportError with the line when it is not well-formed. */
export function parseXml(xml: string): Node {
	if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
		throw new ImportError('XML with a DOCTYPE or entity declarations is not accepted');
	}
	const valid = XMLValidator.validate(xml);
	if (valid !== true) {
		throw new ImportError(valid.err.msg, `line ${valid.err.line}, column ${valid.err.col}`);
	}
	return parser.parse(xml) as Node;
}

function zoneOf(conference: Node, options: ImportOptions, notes: string[]): string {
	const named = textOf(conference.time_zone_name);
	if (named && isTimeZone(named)) return named;
	const fallback = options.timezone ?? 'UTC';
	notes.push(
		named
			? `unknown time zone "${named}": local times read in ${fallback}`
			: `the file names no time zone: local times read in ${fallback}`
	);
	return fallback;
}

export function parseFrabXml(xml: string, options: ImportOptions = {}): ImportedSchedule {
	const root = parseXml(xml).schedule as Node | undefined;
	if (!root || typeof root !== 'object') throw new ImportError('no <schedule> element');
	const conference = (root.conference ?? {}) as Node;
	const notes: string[] = [];
	const timezone = zoneOf(conference, options, notes);
	const dais = textOf((root.generator as Node | undefined)?.['@name']) === DAIS;
	const dayChange = textOf(conference.day_change);
	const dayChangeMs = dayChange ? clockDuration(dayChange, '<conference><day_change>') : 0;
	const rooms: string[] = [];
	const seeRoom = (name: string) => void (name && !rooms.includes(name) && rooms.push(name));
	for (const room of asList((conference.rooms as Node | undefined)?.room))
		seeRoom(textOf(room['@name']));
	const sessions: ImportedSession[] = [];
	const days = asList(root.day);
	if (days.length === 0) throw new ImportError('no <day> elements', '<schedule>');
	days.forEach((day, d) => {
		const date = textOf(day['@date']);
		const start = isoInstant(textOf(day['@start']));
		const label = start !== null ? localDate(start, timezone) : date || undefined;
		const read = (event: Node, e: number, roomName: string) => {
			const where = `<day> ${d + 1} (${date}), <event> ${e + 1} (id ${textOf(event['@id'])})`;
			const session = readEvent(event, { date, timezone, dayChangeMs, where, dais });
			const room = textOf(event.room) || roomName;
			seeRoom(room);
			sessions.push({ ...session, room, day: label });
		};
		for (const room of asList(day.room)) {
			const name = textOf(room['@name']);
			seeRoom(name);
			asList(room.event).forEach((event, e) => read(event, e, name));
		}
		asList(day.event).forEach((event, e) => read(event, e, ''));
	});
	const written = days.flatMap((day) =>
		[...asList(day.room).flatMap((r) => asList(r.event)), ...asList(day.event)]
			.map((e) => textOf(e.date))
			.filter(Boolean)
	);
	const note = offsetNote(written, timezone);
	if (note) notes.push(note);
	return {
		format: 'frab-xml',
		title: oneLine(textOf(conference.title)) || options.name || 'Imported schedule',
		timezone,
		venue: oneLine(textOf(conference.venue)),
		rooms,
		sessions,
		notes
	};
}

type EventContext = {
	date: string;
	timezone: string;
	dayChangeMs: number;
	where: string;
	/** the file is a Dais export (asDaisSession) */
	dais: boolean;
};

function readEvent(event: Node, ctx: EventContext): Omit<ImportedSession, 'room'> {
	const { where } = ctx;
	const durationMs = clockDuration(textOf(event.duration) || '00:00', `${where} <duration>`);
	let start = isoInstant(textOf(event.date));
	if (start === null) {
		const clock = textOf(event.start);
		if (!/^\d{1,2}:\d{2}(:\d{2})?$/.test(clock) || !/^\d{4}-\d{2}-\d{2}$/.test(ctx.date)) {
			throw new ImportError(`no <date> and no readable <start> ("${clock}")`, where);
		}
		start = wallInstant(`${ctx.date}T${clock.padStart(5, '0')}`, ctx.timezone, where);
		if (clockDuration(clock) < ctx.dayChangeMs) start += 24 * 3_600_000;
	}
	const title = oneLine(textOf(event.title));
	const persons = (event.persons as Node | undefined)?.person;
	const abstract = plainText(textOf(event.abstract)) || plainText(textOf(event.description));
	const url = textOf(event.url);
	const session = {
		sourceId: textOf(event['@guid']) || textOf(event['@id']) || textOf(event.slug),
		title,
		start,
		durationMs,
		kind: kindOf(textOf(event.type), title),
		speakers: (Array.isArray(persons) ? persons : [])
			.map((p) => oneLine(textOf(p)))
			.filter(Boolean),
		abstract,
		...(url ? { url } : {})
	};
	return ctx.dais ? asDaisSession(session, textOf(event.type)) : session;
}
