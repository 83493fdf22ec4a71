// A slot is one entry of a track's agenda. Instants are UTC epoch milliseconds;
// plannedMinutes is a duration in whole minutes.
import { z } from 'zod';

export const SlotKind = z.enum(['talk', 'discussion', 'break', 'other']);
export type SlotKind = z.infer<typeof SlotKind>;

export const SlotId = z
	.string()
	.min(1)
	.max(64)
	.regex(/^[A-Za-z0-9_-]+$/);
export type SlotId = z.infer<typeof SlotId>;

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
	position: z.number().int().min(0)
});
export type Slot = z.infer<typeof Slot>;
