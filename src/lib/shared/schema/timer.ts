// The server-authoritative timer of one track (DESIGN §3). It stores instants, never a
// counter: every client derives the countdown from it. Instants are UTC epoch ms on the
// server's clock; pausedMs and durationMs are durations in ms.
import { z } from 'zod';
import { SlotId } from './slot.ts';
import { TrackId } from './event.ts';

export const TimerPhase = z.enum(['planned', 'running', 'paused', 'finished']);
export type TimerPhase = z.infer<typeof TimerPhase>;

export const TimerState = z.strictObject({
	trackId: TrackId,
	/** null only while phase is 'planned' (the plan decides the current slot) */
	slotId: SlotId.nullable(),
	phase: TimerPhase,
	/** epoch ms when the current slot started; null while planned */
	startedAt: z.number().int().nullable(),
	/** epoch ms when it was paused or ended; null while running or planned */
	pausedAt: z.number().int().nullable(),
	/** total ms spent paused before pausedAt */
	pausedMs: z.number().int().min(0),
	/** ms the slot is allotted (planned minutes plus extensions) */
	durationMs: z.number().int().min(0),
	version: z.number().int().min(0)
});
export type TimerState = z.infer<typeof TimerState>;
