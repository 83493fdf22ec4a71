// One line of the chair audit log: who (which chair session, by a short label), when
// (UTC epoch ms) and what (the command and a human summary). Append-only.
import { z } from 'zod';
import { TrackId } from './event.ts';

export const AuditEntry = z.strictObject({
	id: z.number().int().min(1),
	at: z.number().int(),
	trackId: TrackId.nullable(),
	/** the protocol command, e.g. 'timer:extend' */
	action: z.string().min(1).max(64),
	/** e.g. "+5 min on “A new clone syscall”" */
	summary: z.string().max(500),
	/** a short, stable, non-secret label of the chair session (e.g. "chair 3f9a") */
	chair: z.string().max(40)
});
export type AuditEntry = z.infer<typeof AuditEntry>;
