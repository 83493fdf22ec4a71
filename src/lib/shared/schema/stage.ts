// What the stage display shows besides the countdown: the chair's signal to the speaker
// (until cleared) and whether overtime may flash. Instants are UTC epoch ms (server clock).
import { z } from 'zod';
import { TrackId } from './event.ts';

export const SignalKind = z.enum(['five-minutes', 'wrap-up', 'time-up', 'text']);
export type SignalKind = z.infer<typeof SignalKind>;

export const StageSignal = z.strictObject({
	id: z.string().min(1).max(64),
	kind: SignalKind,
	/** the free text for kind 'text'; '' otherwise */
	text: z.string().max(140),
	sentAt: z.number().int(),
	/** when a stage display first showed it; null until then */
	seenAt: z.number().int().nullable()
});
export type StageSignal = z.infer<typeof StageSignal>;

export const StageState = z.strictObject({
	trackId: TrackId,
	signal: StageSignal.nullable(),
	/** overtime flashes on the stage display unless the chair turned it off */
	flash: z.boolean(),
	version: z.number().int().min(0)
});
export type StageState = z.infer<typeof StageState>;
