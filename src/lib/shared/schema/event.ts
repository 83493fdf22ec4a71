// An event holds its tracks (rooms), each with its slots ordered by position.
// `agendaVersion` grows with every agenda change so clients can drop stale copies.
import { z } from 'zod';
import { Slot } from './slot.ts';

export const TrackId = z
	.string()
	.min(1)
	.max(64)
	.regex(/^[A-Za-z0-9_-]+$/);
export type TrackId = z.infer<typeof TrackId>;

export const Track = z.strictObject({
	id: TrackId,
	name: z.string().min(1).max(200),
	room: z.string().max(200),
	slots: z.array(Slot)
});
export type Track = z.infer<typeof Track>;

export const EventInfo = z.strictObject({
	id: z.string().min(1).max(64),
	title: z.string().min(1).max(200),
	/** IANA time zone, e.g. Europe/Lisbon */
	timezone: z.string().min(1).max(64),
	venue: z.string().max(200),
	/** true when the seeded dates were moved to today (rehearsal mode) */
	rehearsal: z.boolean(),
	tracks: z.array(Track).min(1),
	agendaVersion: z.number().int().min(0)
});
export type EventInfo = z.infer<typeof EventInfo>;
