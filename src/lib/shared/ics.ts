// iCalendar (RFC 5545) text of slots, for "Add my agenda to calendar" and the track's
// subscribe link. Pure. Times are written in the event's IANA zone
// (DTSTART;TZID=Europe/Lisbon:20190910T100000, with X-WR-TIMEZONE), UIDs are
// `<slot id>@<event id>.dais`, stable across exports so a calendar updates an entry instead of
// doubling it; DTSTAMP is `now` (UTC epoch ms). Lines end in CRLF and fold at 75 octets.
import type { Slot } from './schema/slot.ts';
import { utcOffsetMs } from './time-format.ts';

export type IcsInput = {
	eventId: string;
	calendarName: string;
	timezone: string;
	location: string;
	slots: readonly Slot[];
	/** epoch ms */
	now: number;
	/** the page address of a slot, for the URL property */
	slotUrl?: (slot: Slot) => string;
};

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function stamp(wallMs: number): string {
	const d = new Date(wallMs);
	const date = `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
	return `${date}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
}

/** Wall time of an instant in the zone, as an iCalendar local DATE-TIME. */
const local = (epochMs: number, timezone: string) =>
	stamp(epochMs + utcOffsetMs(epochMs, timezone));

/** Escapes TEXT values (RFC 5545 §3.3.11). */
export const icsText = (text: string) =>
	text.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');

/** Folds a content line at 75 octets without splitting a UTF-8 sequence. */
function fold(line: string): string {
	const out: string[] = [];
	let current = '';
	let octets = 0;
	for (const char of line) {
		const size = new TextEncoder().encode(char).length;
		if (octets + size > (out.length === 0 ? 75 : 74)) {
			out.push(current);
			current = '';
			octets = 0;
		}
		current += char;
		octets += size;
	}
	out.push(current);
	return out.join('\r\n ');
}

export function calendarIcs(input: IcsInput): string {
	const tz = input.timezone;
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//Dais//Agenda//EN',
		'CALSCALE:GREGORIAN',
		`X-WR-CALNAME:${icsText(input.calendarName)}`,
		`X-WR-TIMEZONE:${tz}`
	];
	for (const slot of input.slots) {
		const end = slot.plannedStart + slot.plannedMinutes * 60_000;
		const description = [slot.speakers.join(', '), slot.abstract].filter(Boolean).join('\n\n');
		lines.push(
			'BEGIN:VEVENT',
			`UID:${slot.id}@${input.eventId}.dais`,
			`DTSTAMP:${stamp(input.now)}Z`,
			`DTSTART;TZID=${tz}:${local(slot.plannedStart, tz)}`,
			`DTEND;TZID=${tz}:${local(end, tz)}`,
			`SUMMARY:${icsText(slot.title)}`
		);
		if (description) lines.push(`DESCRIPTION:${icsText(description)}`);
		if (input.location) lines.push(`LOCATION:${icsText(input.location)}`);
		if (input.slotUrl) lines.push(`URL:${input.slotUrl(slot)}`);
		lines.push('END:VEVENT');
	}
	lines.push('END:VCALENDAR');
	return lines.map(fold).join('\r\n') + '\r\n';
}
