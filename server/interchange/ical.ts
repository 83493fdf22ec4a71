// iCalendar (RFC 5545) into an ImportedSchedule, for generic calendars and Indico's
// `event.ics?detail=contributions`. ical.js parses the unfolded text (ical-lex.ts); start
// and end are read from the raw values: UTC (`Z`) as is, a known IANA TZID with the
// platform's tz data (an embedded VTIMEZONE that disagrees is reported, not used), another
// TZID through its VTIMEZONE, and floating times in X-WR-TIMEZONE (else the option, else
// UTC). LOCATION is the room; speakers come from ATTENDEE/ORGANIZER names or a
// "Speakers:" line of the description.
import ICAL from 'ical.js';
import { SlotKind } from '#shared/schema/slot.ts';
import { isTimeZone } from '#shared/time-format.ts';
import {
	ImportError,
	kindOf,
	DAIS,
	type ImportedSchedule,
	type ImportedSession,
	type ImportOptions
} from './imported.ts';
import { lineOf, unfoldIcs } from './ical-lex.ts';
import { oneLine, plainText } from './text.ts';
import { localDate, wallInstant } from './time.ts';

type Component = InstanceType<typeof ICAL.Component>;
type Property = InstanceType<typeof ICAL.Property>;

const SPEAKER_LINE = /^\s*(speakers?|von|presented by|referent(?:en)?|intervenants?)\s*:\s*(.+)$/im;

function parseCalendar(text: string): Component {
	try {
		const jcal = ICAL.parse(text);
		const root = Array.isArray(jcal[0]) ? jcal[0] : jcal;
		const calendar = new ICAL.Component(root as unknown[]);
		if (calendar.name !== 'vcalendar') throw new ImportError('no BEGIN:VCALENDAR');
		return calendar;
	} catch (err) {
		if (err instanceof ImportError) throw err;
		const message = err instanceof Error ? err.message : String(err);
		const quoted = /"([^"]+)"\s*$/.exec(message)?.[1] ?? '';
		const line = lineOf(text, quoted.slice(0, 60));
		throw new ImportError(message.split('\n')[0]!.slice(0, 200), line ? `line ${line}` : undefined);
	}
}

type Zones = {
	calendar: string;
	embedded: Map<string, InstanceType<typeof ICAL.Timezone>>;
	notes: string[];
	noted: Set<string>;
};

function instant(prop: Property, zones: Zones, where: string): number {
	const raw = String(prop.jCal[3] ?? '');
	const wall = raw.replace(/Z$/, '').replace(/\.\d+$/, '');
	if (raw.endsWith('Z')) return wallInstant(wall, 'UTC', where);
	const tzid = prop.getParameter('tzid');
	const id = typeof tzid === 'string' ? tzid : '';
	const embedded = id ? zones.embedded.get(id) : undefined;
	if (id && isTimeZone(id)) {
		const ms = wallInstant(wall, id, where);
		if (embedded && viaEmbedded(wall, embedded) !== ms && !zones.noted.has(id)) {
			zones.noted.add(id);
			zones.notes.push(
				`the file's VTIMEZONE for ${id} disagrees with the tz database: times read with the database's rule`
			);
		}
		return ms;
	}
	if (embedded) return viaEmbedded(wall, embedded);
	if (id && !zones.noted.has(id)) {
		zones.noted.add(id);
		zones.notes.push(`unknown time zone "${id}": its times read in ${zones.calendar}`);
	}
	return wallInstant(wall, zones.calendar, where);
}

function viaEmbedded(wall: string, zone: InstanceType<typeof ICAL.Timezone>): number {
	const t = ICAL.Time.fromDateTimeString(wall.length === 16 ? `${wall}:00` : wall);
	return (
		ICAL.Time.fromData(
			{
				year: t.year,
				month: t.month,
				day: t.day,
				hour: t.hour,
				minute: t.minute,
				second: t.second,
				isDate: false
			},
			zone
		).toUnixTime() * 1000
	);
}

function zonesOf(calendar: Component, options: ImportOptions, notes: string[]): Zones {
	const embedded = new Map<string, InstanceType<typeof ICAL.Timezone>>();
	for (const vtz of calendar.getAllSubcomponents('vtimezone')) {
		const id = vtz.getFirstPropertyValue('tzid');
		if (typeof id === 'string') embedded.set(id, new ICAL.Timezone(vtz));
	}
	const hint = String(calendar.getFirstPropertyValue('x-wr-timezone') ?? '').trim();
	const tzids = calendar
		.getAllSubcomponents('vevent')
		.map((e) => e.getFirstProperty('dtstart')?.getParameter('tzid'))
		.filter((id): id is string => typeof id === 'string' && isTimeZone(id));
	const zone = isTimeZone(hint) ? hint : (tzids[0] ?? options.timezone ?? 'UTC');
	if (!isTimeZone(hint) && tzids.length === 0 && !options.timezone) {
		notes.push('the calendar names no time zone: shown in UTC, floating times read as UTC');
	}
	return { calendar: zone, embedded, notes, noted: new Set() };
}

const text = (e: Component, name: string): string => {
	const value = e.getFirstPropertyValue(name);
	return typeof value === 'string' ? value : '';
};

function people(e: Component, description: string): { speakers: string[]; abstract: string } {
	const named = (p: Property) => {
		const cn = p.getParameter('cn');
		return typeof cn === 'string' ? oneLine(cn) : '';
	};
	let speakers = e.getAllProperties('attendee').map(named).filter(Boolean);
	if (speakers.length === 0) {
		const organizer = e.getFirstProperty('organizer');
		const value = organizer ? named(organizer) || String(organizer.jCal[3] ?? '') : '';
		if (value && !/^(mailto:|[^\s@]+@)/i.test(value)) speakers = [oneLine(value)];
	}
	const line = SPEAKER_LINE.exec(description);
	let abstract = description;
	if (line) {
		abstract = description.replace(line[0], '');
		if (speakers.length === 0)
			speakers = line[2]!
				.split(/,\s*|\s+(?:and|und|et)\s+/)
				.map(oneLine)
				.filter(Boolean);
	}
	return { speakers, abstract };
}

export function parseIcal(bytes: Uint8Array, options: ImportOptions = {}): ImportedSchedule {
	const source = unfoldIcs(bytes);
	if (!/^\s*BEGIN:VCALENDAR/i.test(source))
		throw new ImportError('not an iCalendar file (no BEGIN:VCALENDAR)', 'line 1');
	const calendar = parseCalendar(source);
	const notes: string[] = [];
	const zones = zonesOf(calendar, options, notes);
	const indico = /INDICO/i.test(text(calendar, 'prodid'));
	// Dais's own export: LOCATION as Indico writes it, the exact kind, the conference day.
	const dais = new RegExp(`//${DAIS}//`).test(text(calendar, 'prodid'));
	const events = calendar.getAllSubcomponents('vevent');
	const locations = new Set(events.map((e) => oneLine(text(e, 'location'))));
	const sessions: ImportedSession[] = [];
	let venue = '';
	events.forEach((e, i) => {
		const uid = text(e, 'uid');
		const where = `VEVENT ${i + 1}${uid ? ` (UID ${uid})` : ''}`;
		const dtstart = e.getFirstProperty('dtstart');
		if (!dtstart) throw new ImportError('no DTSTART', where);
		if (dtstart.type === 'date') {
			notes.push(`${where} lasts whole days: left out`);
			return;
		}
		const start = instant(dtstart, zones, `${where} DTSTART`);
		const dtend = e.getFirstProperty('dtend');
		const duration = e.getFirstPropertyValue('duration');
		const end = dtend
			? instant(dtend, zones, `${where} DTEND`)
			: duration instanceof ICAL.Duration
				? start + duration.toSeconds() * 1000
				: start;
		let room = oneLine(text(e, 'location'));
		if (indico || dais) {
			const m = /^(.*) \(([^()]*)\)$/.exec(room);
			if (m) [room, venue] = [m[1]!, m[2]!];
		}
		const parts = room.split(/,\s*/);
		if (parts.length > 1 && parts.some((p) => locations.has(p))) {
			notes.push(`${where} names several rooms (${room}): placed in ${parts[0]}`);
			room = parts[0]!;
		}
		const url = text(e, 'url');
		let description = plainText(text(e, 'description'));
		if (url && description.endsWith(url)) description = description.slice(0, -url.length).trim();
		const title = oneLine(text(e, 'summary'));
		const { speakers, abstract } = people(e, description);
		const category = e.getFirstPropertyValue('categories');
		const type = typeof category === 'string' ? category : undefined;
		const kind = dais ? SlotKind.safeParse(type) : null;
		const day = dais ? text(e, 'x-dais-day') : '';
		const cancelled = /^cancelled$/i.test(text(e, 'status'));
		sessions.push({
			sourceId: uid,
			title,
			start,
			durationMs: end - start,
			room,
			kind: kind?.success ? kind.data : kindOf(type, title),
			speakers,
			abstract: abstract.trim(),
			...(url ? { url } : {}),
			day: /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : localDate(start, zones.calendar),
			...(cancelled ? { cancelled: true as const } : {})
		});
	});
	const name = oneLine(text(calendar, 'x-wr-calname')) || oneLine(text(calendar, 'x-wr-caldesc'));
	return {
		format: 'ical',
		title: name || options.name || 'Imported calendar',
		timezone: zones.calendar,
		venue,
		rooms: [],
		sessions,
		notes
	};
}
