// The seed file format (server/seed/*.json) and its conversion to an EventInfo. Pure: the
// caller reads the file and passes `now` (UTC epoch ms). Rehearsal mode shifts every slot by
// one delta so the first slot starts at the top of the current hour in the event's zone;
// slot ids come from position and title only, so they survive every rebase.
import { z } from 'zod';
import { EventInfo } from './schema/event.ts';
import { SlotKind, type Slot } from './schema/slot.ts';
import { plannedEnd } from './timer.ts';
import { isTimeZone, utcOffsetMs } from './time-format.ts';

export const SeedSlot = z.strictObject({
	/** ISO 8601 with an explicit offset, e.g. 2019-09-10T10:00:00+01:00 */
	start: z.iso.datetime({ offset: true }),
	minutes: z
		.number()
		.int()
		.min(1)
		.max(24 * 60),
	kind: SlotKind,
	title: z.string().min(1).max(200),
	speakers: z.array(z.string().min(1).max(120)).max(20),
	abstract: z.string().max(4000)
});
export type SeedSlot = z.infer<typeof SeedSlot>;

export const SeedFile = z.strictObject({
	event: z.strictObject({
		title: z.string().min(1).max(200),
		track: z.string().min(1).max(200),
		timezone: z.string().min(1).max(64).refine(isTimeZone, 'an IANA time zone'),
		venue: z.string().max(200),
		room: z.string().max(200),
		/** first and last day, e.g. 2019-09-09/2019-09-11 */
		dates: z.string().regex(/^\d{4}-\d{2}-\d{2}\/\d{4}-\d{2}-\d{2}$/)
	}),
	rules: z.strictObject({
		talkMinutes: z.number().int().min(1),
		discussionMaxMinutes: z.number().int().min(1),
		/** talks and discussions together (breaks excluded) */
		trackContentMinutes: z.number().int().min(1)
	}),
	slots: z.array(SeedSlot).min(1)
});
export type SeedFile = z.infer<typeof SeedFile>;

export const SEED_EVENT_ID = 'lpc2019-containers';
export const SEED_TRACK_ID = 'main';

const HOUR_MS = 3_600_000;

/** A URL-safe id from the 1-based position and the first words of the title. */
export function slotIdFor(position: number, title: string): string {
	const words = title
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.split(/[^a-z0-9]+/)
		.filter(Boolean)
		.slice(0, 3);
	return [`s${String(position + 1).padStart(2, '0')}`, ...words].join('-');
}

/** The top of the hour (epoch ms) that holds `now` on the wall clock of `timeZone`. */
export function startOfHour(now: number, timeZone: string): number {
	const offset = utcOffsetMs(now, timeZone);
	return Math.floor((now + offset) / HOUR_MS) * HOUR_MS - offset;
}

/** The rules the seed's agenda must follow; an empty list means it does. */
export function seedRuleProblems(seed: SeedFile): string[] {
	const { rules } = seed;
	const problems: string[] = [];
	let content = 0;
	let previousEnd: number | null = null;
	for (const slot of seed.slots) {
		if (slot.kind === 'talk' && slot.minutes !== rules.talkMinutes) {
			problems.push(`talk "${slot.title}" lasts ${slot.minutes} min, not ${rules.talkMinutes}`);
		}
		if (slot.kind === 'discussion' && slot.minutes > rules.discussionMaxMinutes) {
			problems.push(`discussion "${slot.title}" exceeds ${rules.discussionMaxMinutes} min`);
		}
		if (slot.kind === 'talk' || slot.kind === 'discussion') content += slot.minutes;
		const start = Date.parse(slot.start);
		if (previousEnd !== null && start !== previousEnd) {
			problems.push(`"${slot.title}" does not start when the previous slot ends`);
		}
		previousEnd = start + slot.minutes * 60_000;
	}
	if (content !== rules.trackContentMinutes) {
		problems.push(
			`talks and discussions add up to ${content} min, not ${rules.trackContentMinutes}`
		);
	}
	return problems;
}

function shiftSlots(event: EventInfo, deltaMs: number): EventInfo {
	return {
		...event,
		tracks: event.tracks.map((track) => ({
			...track,
			slots: track.slots.map((slot) => ({ ...slot, plannedStart: slot.plannedStart + deltaMs }))
		}))
	};
}

/** The event moved so that its earliest slot starts at the top of `now`'s hour. */
function alignToHour(event: EventInfo, now: number): EventInfo {
	const starts = event.tracks.flatMap((t) => t.slots.map((s) => s.plannedStart));
	if (starts.length === 0) return event;
	return shiftSlots(event, startOfHour(now, event.timezone) - Math.min(...starts));
}

/** The EventInfo of a seed: original dates, or rebased to `now` (epoch ms) in rehearsal. */
export function eventFromSeed(
	seed: SeedFile,
	options: { rehearsal: boolean; now: number }
): EventInfo {
	const slots: Slot[] = seed.slots.map((s, position) => ({
		id: slotIdFor(position, s.title),
		kind: s.kind,
		title: s.title,
		speakers: s.speakers,
		abstract: s.abstract,
		plannedStart: Date.parse(s.start),
		plannedMinutes: s.minutes,
		position
	}));
	const event: EventInfo = EventInfo.parse({
		id: SEED_EVENT_ID,
		title: seed.event.title,
		timezone: seed.event.timezone,
		venue: seed.event.venue,
		rehearsal: options.rehearsal,
		tracks: [{ id: SEED_TRACK_ID, name: seed.event.track, room: seed.event.room, slots }],
		agendaVersion: 1
	});
	return options.rehearsal ? alignToHour(event, options.now) : event;
}

/** True when `now` (epoch ms) is at or past the planned end of every track's last slot. */
export function agendaEnded(event: EventInfo, now: number): boolean {
	return event.tracks.every((track) => track.slots.every((slot) => plannedEnd(slot) <= now));
}

/** An ended rehearsal moved to `now`'s hour again: same ids, agendaVersion + 1. */
export function rebase(event: EventInfo, now: number): EventInfo {
	const moved = alignToHour(event, now);
	return { ...moved, rehearsal: true, agendaVersion: event.agendaVersion + 1 };
}
