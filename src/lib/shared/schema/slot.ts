// A slot is one entry of a track's agenda. Instants are UTC epoch milliseconds;
// plannedMinutes is a duration in whole minutes. `day` (the conference day it belongs to,
// which may differ from the calendar date after midnight) and `url` (its page in the
// system it was imported from) are optional, and so are `cancelled` (the slot stays listed
// but is not held) and `change` (how its plan moved since attendees first saw it).
import { z } from 'zod';

export const SlotKind = z.enum(['talk', 'discussion', 'break', 'other']);
export type SlotKind = z.infer<typeof SlotKind>;

export const SlotId = z
	.string()
	.min(1)
	.max(64)
	.regex(/^[A-Za-z0-9_-]+$/);
export type SlotId = z.infer<typeof SlotId>;

/**
 * How a slot's plan changed since it was first published: added later, or its planned start
 * (UTC epoch ms) and length (minutes) before the first change. Absent: unchanged.
 */
export const SlotChange = z.strictObject({
	added: z.literal(true).optional(),
	fromStart: z.number().int().optional(),
	fromMinutes: z
		.number()
		.int()
		.min(1)
		.max(24 * 60)
		.optional()
});
export type SlotChange = z.infer<typeof SlotChange>;

export const Slot = z.strictObject({
	id: SlotId,
	kind: SlotKind,
	title: z.string().min(1).max(200),
	speakers: z.array(z.string().min(1).max(120)).max(20),
	abstract: z.string().max(4000),
	/** UTC epoch ms */
	plannedStart: z.number().int(),
	plannedMinutes: z
		.number()
		.int()
		.min(1)
		.max(24 * 60),
	position: z.number().int().min(0),
	/** conference day, YYYY-MM-DD in the event's zone (a session at 00:30 may be the day before) */
	day: z
		.string()
		.regex(/^\d{4}-\d{2}-\d{2}$/)
		.optional(),
	/** the session's page in the schedule it was imported from */
	url: z
		.url({ protocol: /^https?$/ })
		.max(500)
		.optional(),
	/** true: called off; it stays listed (struck through) and is never on now or next */
	cancelled: z.literal(true).optional(),
	change: SlotChange.optional()
});
export type Slot = z.infer<typeof Slot>;
