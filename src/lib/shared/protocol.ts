// The wire contract between browser and server (DESIGN §7). One catalog per direction:
// the zod schemas validate at runtime and the Socket.IO event maps are derived from them,
// so types and checks cannot drift. Every command answers an Ack; events carry whole state.
import { z } from 'zod';
import { EventInfo, TrackId } from './schema/event.ts';
import { TimerState } from './schema/timer.ts';

export { PROTOCOL_VERSION } from './protocol-version.ts';

/** Largest inbound Socket.IO message in bytes. */
export const MAX_MESSAGE_BYTES = 16 * 1024;

export const ErrorCode = z.enum([
	'invalid',
	'unauthorized',
	'forbidden',
	'not_found',
	'conflict',
	'invalid_state',
	'rate_limited',
	'protocol_mismatch',
	'internal'
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorBody = z.strictObject({
	code: ErrorCode,
	message: z.string(),
	/** ms after which a rate-limited request may be retried */
	retryAfterMs: z.number().int().min(0).optional()
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

export const Role = z.enum(['attendee', 'chair']);
export type Role = z.infer<typeof Role>;

/** What the client sends as `auth` in the Socket.IO handshake. */
export const HandshakeAuth = z.object({
	protocolVersion: z.number().int()
});
export type HandshakeAuth = z.infer<typeof HandshakeAuth>;

export const Snapshot = z.strictObject({
	protocolVersion: z.number().int(),
	/** server clock, epoch ms, when the snapshot was taken */
	serverNow: z.number().int(),
	role: Role,
	event: EventInfo,
	timers: z.array(TimerState)
});
export type Snapshot = z.infer<typeof Snapshot>;

// ---- client -> server commands -------------------------------------------------------

export const ClockPing = z.strictObject({});
export type ClockPing = z.infer<typeof ClockPing>;
export const ClockPong = z.strictObject({ serverNow: z.number().int() });
export type ClockPong = z.infer<typeof ClockPong>;

export const TrackJoin = z.strictObject({ trackId: TrackId });
export type TrackJoin = z.infer<typeof TrackJoin>;

/**
 * A client-made id that makes a mutating command idempotent: the server applies a command
 * id once (for 24 h) and acks the stored result to every retry of it.
 */
export const CommandId = z.uuid();
export type CommandId = z.infer<typeof CommandId>;

/** A chair's timer command. expectedVersion, when given, must match the current state. */
export const TimerCommand = z.strictObject({
	trackId: TrackId,
	expectedVersion: z.number().int().min(0).optional(),
	commandId: CommandId.optional()
});
export type TimerCommand = z.infer<typeof TimerCommand>;

export const MAX_EXTEND_MS = 60 * 60_000;
export const TimerExtend = z.strictObject({
	trackId: TrackId,
	/** ms to add (negative shortens); whole seconds, never zero */
	deltaMs: z
		.number()
		.int()
		.min(-MAX_EXTEND_MS)
		.max(MAX_EXTEND_MS)
		.refine((ms) => ms !== 0 && ms % 1000 === 0, 'a non-zero whole number of seconds'),
	expectedVersion: z.number().int().min(0).optional(),
	commandId: CommandId.optional()
});
export type TimerExtend = z.infer<typeof TimerExtend>;

type CommandSpec = { payload: z.ZodType; result: z.ZodType; chairOnly: boolean };

export const commands = {
	'clock:ping': { payload: ClockPing, result: ClockPong, chairOnly: false },
	'track:join': { payload: TrackJoin, result: Snapshot, chairOnly: false },
	'timer:start': { payload: TimerCommand, result: TimerState, chairOnly: true },
	'timer:pause': { payload: TimerCommand, result: TimerState, chairOnly: true },
	'timer:resume': { payload: TimerCommand, result: TimerState, chairOnly: true },
	'timer:extend': { payload: TimerExtend, result: TimerState, chairOnly: true },
	'timer:next': { payload: TimerCommand, result: TimerState, chairOnly: true },
	'timer:previous': { payload: TimerCommand, result: TimerState, chairOnly: true },
	'timer:end': { payload: TimerCommand, result: TimerState, chairOnly: true }
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof commands;
export type CommandPayload<N extends CommandName> = z.infer<(typeof commands)[N]['payload']>;
export type CommandResult<N extends CommandName> = z.infer<(typeof commands)[N]['result']>;
export const commandNames = Object.keys(commands) as CommandName[];

export type ClientToServerEvents = {
	[N in CommandName]: (payload: CommandPayload<N>, ack: (res: Ack<CommandResult<N>>) => void) => void;
};

// ---- server -> client events ---------------------------------------------------------

export const events = {
	'timer:state': TimerState,
	'agenda:updated': EventInfo
} as const satisfies Record<string, z.ZodType>;

export type EventName = keyof typeof events;
export type ServerToClientEvents = {
	[N in EventName]: (payload: z.infer<(typeof events)[N]>) => void;
};

// ---- HTTP ----------------------------------------------------------------------------

export const ChairSignIn = z.strictObject({ passcode: z.string().min(1).max(200) });
export type ChairSignIn = z.infer<typeof ChairSignIn>;

/** Socket.IO rooms: every client of a track, and the chairs of a track. */
export const trackRoom = (trackId: string) => `track:${trackId}`;
export const chairRoom = (trackId: string) => `chair:${trackId}`;
