// What the stage display shows besides the countdown: the chair's signal to the speaker
// (until cleared), whether overtime may flash, and whether the chair has blacked the screen
// out or put up the holding card. Instants are UTC epoch ms (server clock).
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

/** off: the countdown; black: a black screen; holding: a card saying the track resumes soon */
export const StageStandby = z.enum(['off', 'black', 'holding']);
export type StageStandby = z.infer<typeof StageStandby>;

export const StageState = z.strictObject({
	trackId: TrackId,
	signal: StageSignal.nullable(),
	/** overtime flashes on the stage display unless the chair turned it off */
	flash: z.boolean(),
	/** absent: 'off' (what the state of an untouched stage, and one saved before, says) */
	standby: StageStandby.optional(),
	version: z.number().int().min(0)
});
export type StageState = z.infer<typeof StageState>;
