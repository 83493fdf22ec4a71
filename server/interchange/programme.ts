// The event as the frab family of formats lays it out, for the exporters: conference days
// (a slot's own `day`, else its local date), rooms in track order, sessions by start, each
// with the fields frab, pretalx and c3voc clients read. Ids are stable: a session's guid is
// a UUID (v5-style, SHA-1) of its slot id, its number the first 31 bits of the same hash.
import { createHash } from 'node:crypto';
import { utcOffsetMs } from '#shared/time-format.ts';
import type { EventInfo } from '#shared/schema/event.ts';
import type { Slot } from '#shared/schema/slot.ts';
import { plannedEnd } from '#shared/timer.ts';
import { localDate } from './time.ts';

export type Session = {
	slot: Slot;
	guid: string;
	/** positive integer */
	number: number;
	/** ISO 8601 in the event's zone with its offset, e.g. 2019-09-10T10:00:00+01:00 */
	date: string;
	end: string;
	/** local HH:MM */
	start: string;
	/** HH:MM */
	duration: string;
	room: string;
	slug: string;
	url: string;
};

export type Day = {
	index: number;
	date: string;
	start: string;
	end: string;
	rooms: { name: string; guid: string; sessions: Session[] }[];
};

export type Programme = {
	event: EventInfo;
	acronym: string;
	start: string;
	end: string;
	days: Day[];
	rooms: { name: string; guid: string }[];
};

const pad = (n: number) => String(n).padStart(2, '0');

/** A UUID made from `name` (RFC 4122 layout, version 5 bits, SHA-1 of a Dais namespace). */
export function stableUuid(name: string): string {
	const h = createHash('sha1').update(`dais:${name}`).digest();
	h[6] = (h[6]! & 0x0f) | 0x50;
	h[8] = (h[8]! & 0x3f) | 0x80;
	const x = h.subarray(0, 16).toString('hex');
	return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** An instant (epoch ms) as ISO 8601 local time in `timeZone` with its offset. */
export function isoLocal(epochMs: number, timeZone: string): string {
	const offset = utcOffsetMs(epochMs, timeZone);
	const local = new Date(epochMs + offset).toISOString().slice(0, 19);
	const minutes = Math.abs(offset) / 60_000;
	return `${local}${offset < 0 ? '-' : '+'}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

const slugOf = (text: string) =>
	text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.slice(0, 60)
		.replace(/^-+|-+$/g, '') || 'session';

/** Acronyms must be at least four of [a-z0-9_] (c3voc). */
export const acronymOf = (event: EventInfo) => slugOf(event.id).replace(/-/g, '_').padEnd(4, '_');

/** `now` (epoch ms) dates a programme without slots. */
export function programme(
	event: EventInfo,
	baseUrl: string,
	now: number,
	trackId?: string
): Programme {
	const zone = event.timezone;
	const tracks = event.tracks.filter((t) => !trackId || t.id === trackId);
	const acronym = acronymOf(event);
	const byDay = new Map<string, Map<string, Session[]>>();
	const all: Slot[] = [];
	for (const track of tracks) {
		for (const slot of track.slots) {
			all.push(slot);
			const day = slot.day ?? localDate(slot.plannedStart, zone);
			const minutes = slot.plannedMinutes;
			const session: Session = {
				slot,
				guid: stableUuid(slot.id),
				number: createHash('sha1').update(`dais:${slot.id}`).digest().readUInt32BE(0) >>> 1 || 1,
				date: isoLocal(slot.plannedStart, zone),
				end: isoLocal(plannedEnd(slot), zone),
				start: isoLocal(slot.plannedStart, zone).slice(11, 16),
				duration: `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`,
				room: track.name,
				slug: `${acronym}-${slugOf(slot.title)}`,
				url: slot.url ?? `${baseUrl}/slot/${encodeURIComponent(slot.id)}`
			};
			if (!byDay.has(day)) byDay.set(day, new Map(tracks.map((t) => [t.name, []])));
			byDay.get(day)!.get(track.name)!.push(session);
		}
	}
	const days = [...byDay.entries()]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([date, rooms], i): Day => {
			const sessions = [...rooms.values()].flat();
			const first = Math.min(...sessions.map((s) => s.slot.plannedStart));
			const last = Math.max(...sessions.map((s) => plannedEnd(s.slot)));
			return {
				index: i + 1,
				date,
				start: isoLocal(first, zone),
				end: isoLocal(last, zone),
				rooms: [...rooms.entries()].map(([name, list]) => ({
					name,
					guid: stableUuid(`room:${name}`),
					sessions: list.sort((a, b) => a.slot.plannedStart - b.slot.plannedStart)
				}))
			};
		});
	const starts = all.map((s) => s.plannedStart);
	const ends = all.map(plannedEnd);
	return {
		event,
		acronym,
		start: localDate(starts.length ? Math.min(...starts) : now, zone),
		end: localDate(ends.length ? Math.max(...ends) : now, zone),
		days,
		rooms: tracks.map((t) => ({ name: t.name, guid: stableUuid(`room:${t.name}`) }))
	};
}
