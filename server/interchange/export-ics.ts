// schedule.ics: one VEVENT per slot with ical-generator, times as wall clock in the event's
// zone (TZID) with a VTIMEZONE made from the tz data (vtimezone.ts). UIDs are the slot id
// at the server's host, so a calendar that subscribes updates events instead of adding
// them; SEQUENCE is the event's agendaVersion, which grows with every agenda change. A
// cancelled slot is STATUS:CANCELLED; LOCATION is "room (venue)" as Indico writes it, and
// X-DAIS-DAY the conference day, so that Dais reads its own export back whole.
import ical, { ICalEventStatus, type ICalCalendar } from 'ical-generator';
import { utcOffsetMs } from '#shared/time-format.ts';
import { plannedEnd } from '#shared/timer.ts';
import type { Programme } from './programme.ts';
import { vtimezone } from './vtimezone.ts';

/**
 * A Date that reads as wall-clock time in its zone, in the shape ical-generator accepts for
 * zoned dates (its TZDate check): it formats local fields through the getters below.
 */
class ZonedDate extends Date {
	readonly internal: Date;
	constructor(
		epochMs: number,
		readonly zone: string
	) {
		super(epochMs);
		this.internal = new Date(epochMs + utcOffsetMs(epochMs, zone));
	}
	withTimeZone(zone?: string | null): ZonedDate {
		return new ZonedDate(this.getTime(), zone ?? this.zone);
	}
	tzComponents() {
		return {};
	}
	override getFullYear() {
		return this.internal.getUTCFullYear();
	}
	override getMonth() {
		return this.internal.getUTCMonth();
	}
	override getDate() {
		return this.internal.getUTCDate();
	}
	override getHours() {
		return this.internal.getUTCHours();
	}
	override getMinutes() {
		return this.internal.getUTCMinutes();
	}
	override getSeconds() {
		return this.internal.getUTCSeconds();
	}
}

export function scheduleIcs(p: Programme, host: string, now: number): string {
	const { event } = p;
	const zone = event.timezone;
	const sessions = p.days.flatMap((d) => d.rooms.flatMap((r) => r.sessions));
	const starts = sessions.map((s) => s.slot.plannedStart);
	const from = starts.length ? Math.min(...starts) : now;
	const to = sessions.length ? Math.max(...sessions.map((s) => plannedEnd(s.slot))) : now;
	const calendar: ICalCalendar = ical({
		name: event.title,
		prodId: { company: 'Dais', product: 'schedule', language: 'EN' },
		timezone: { name: zone, generator: (tz) => (tz === zone ? vtimezone(zone, from, to) : null) }
	});
	for (const s of sessions) {
		const { slot } = s;
		const speakers = slot.speakers.length ? `Speakers: ${slot.speakers.join(', ')}\n\n` : '';
		calendar.createEvent({
			id: `${slot.id}@${host}`,
			sequence: event.agendaVersion,
			start: new ZonedDate(slot.plannedStart, zone),
			end: new ZonedDate(plannedEnd(slot), zone),
			timezone: zone,
			summary: slot.title,
			description: `${speakers}${slot.abstract}`.trim() || null,
			location: event.venue ? `${s.room} (${event.venue})` : s.room,
			url: s.url,
			categories: [{ name: slot.kind }],
			...(slot.cancelled ? { status: ICalEventStatus.CANCELLED } : {}),
			...(slot.day ? { x: [{ key: 'X-DAIS-DAY', value: slot.day }] } : {})
		});
	}
	// ical-generator writes DTSTAMP in the calendar's zone; RFC 5545 wants it in UTC.
	const stamp = new Date(now).toISOString().slice(0, 19).replace(/[-:]/g, '');
	return calendar.toString().replace(/^DTSTAMP[^\r\n]*/gm, `DTSTAMP:${stamp}Z`);
}
