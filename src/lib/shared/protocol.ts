// The wire contract between browser and server (DESIGN §7). One catalog per direction:
// the zod schemas validate at runtime and the Socket.IO event maps are derived from them,
// so types and checks cannot drift. Every command answers an Ack; events carry whole state.
import { z } from 'zod';
import { AuditEntry } from './schema/audit.ts';
import { EventInfo, TrackId } from './schema/event.ts';
import { Slot, SlotId } from './schema/slot.ts';
import { SignalKind, StageStandby, StageState } from './schema/stage.ts';
import {
	AuthorName,
	ModerationAction,
	Question,
	QuestionId,
	QuestionSettings,
	QuestionText
} from './schema/question.ts';
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
	protocolVersion: z.number().int(),
	/** the token a `device:token` event gave this device; anything unusable gets a new one */
	deviceToken: z.string().max(256).optional().catch(undefined),
	/**
	 * the key of the stage display's link (`/stage#key=...`): only a socket that brings the
	 * current one may report what the stage showed (`stage:seen`)
	 */
	stageKey: z.string().max(200).optional().catch(undefined)
});
export type HandshakeAuth = z.infer<typeof HandshakeAuth>;

/** A fingerprint of an event's whole content (server-made, opaque to clients). */
export const EventTag = z.string().min(1).max(64);
export type EventTag = z.infer<typeof EventTag>;

export const Snapshot = z.strictObject({
	protocolVersion: z.number().int(),
	/** server clock, epoch ms, when the snapshot was taken */
	serverNow: z.number().int(),
	role: Role,
	event: EventInfo,
	/**
	 * names this exact event content: a client that sends it back in `track:join`, while it
	 * still holds that event, is answered without the event
	 */
	eventTag: EventTag,
	timers: z.array(TimerState),
	stages: z.array(StageState),
	/** one per track */
	questionSettings: z.array(QuestionSettings)
});
export type Snapshot = z.infer<typeof Snapshot>;

// ---- client -> server commands -------------------------------------------------------

export const ClockPing = z.strictObject({});
export type ClockPing = z.infer<typeof ClockPing>;
export const ClockPong = z.strictObject({ serverNow: z.number().int() });
export type ClockPong = z.infer<typeof ClockPong>;

/**
 * `eventTag`: the tag of the event the client holds; when it is still current, the answer
 * leaves the event out (a rejoin then costs a few hundred bytes instead of the agenda's 7 KB).
 */
export const TrackJoin = z.strictObject({ trackId: TrackId, eventTag: EventTag.optional() });
export type TrackJoin = z.infer<typeof TrackJoin>;

/** What `track:join` answers: a Snapshot, without the event when the client's tag matched. */
export const JoinSnapshot = Snapshot.extend({ event: EventInfo.optional() });
export type JoinSnapshot = z.infer<typeof JoinSnapshot>;

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

/** Agenda edits name the agenda version they were made against; a stale one is `conflict`. */
const AgendaEdit = { trackId: TrackId, expectedAgendaVersion: z.number().int().min(0) };

export const SlotFields = Slot.pick({
	kind: true,
	title: true,
	speakers: true,
	abstract: true,
	plannedMinutes: true
});
export type SlotFields = z.infer<typeof SlotFields>;

/**
 * What an update may change: the fields, the planned start (UTC epoch ms, any day), and
 * whether the slot is cancelled (false restores it).
 */
export const SlotPatch = SlotFields.extend({
	plannedStart: Slot.shape.plannedStart,
	cancelled: z.boolean()
}).partial();
export type SlotPatch = z.infer<typeof SlotPatch>;

export const SlotUpdate = z.strictObject({
	...AgendaEdit,
	slotId: SlotId,
	patch: SlotPatch.refine((p) => Object.keys(p).length > 0, 'an empty patch')
});
export type SlotUpdate = z.infer<typeof SlotUpdate>;

export const SlotInsert = z.strictObject({
	...AgendaEdit,
	/** null inserts before the first slot */
	afterSlotId: SlotId.nullable(),
	slot: SlotFields
});
export type SlotInsert = z.infer<typeof SlotInsert>;

export const SlotRemove = z.strictObject({ ...AgendaEdit, slotId: SlotId });
export type SlotRemove = z.infer<typeof SlotRemove>;

export const SlotMove = z.strictObject({
	...AgendaEdit,
	slotId: SlotId,
	/** the slot's index in the track after the move */
	toIndex: z.number().int().min(0)
});
export type SlotMove = z.infer<typeof SlotMove>;

/** Stage commands may name the StageState version they were made against (`conflict`). */
const StageVersion = z.number().int().min(0).optional();

export const StageSignalSend = z
	.strictObject({
		trackId: TrackId,
		kind: SignalKind,
		text: z.string().trim().max(140).default(''),
		expectedVersion: StageVersion
	})
	.refine((s) => s.kind !== 'text' || s.text.length > 0, 'a text signal needs text');
export type StageSignalSend = z.infer<typeof StageSignalSend>;

export const StageTrack = z.strictObject({ trackId: TrackId, expectedVersion: StageVersion });
export type StageTrack = z.infer<typeof StageTrack>;

export const StageFlash = z.strictObject({
	trackId: TrackId,
	enabled: z.boolean(),
	expectedVersion: StageVersion
});
export type StageFlash = z.infer<typeof StageFlash>;

/** Blacks the stage display out, puts up its holding card, or brings the countdown back. */
export const StageStandbySet = z.strictObject({
	trackId: TrackId,
	mode: StageStandby,
	expectedVersion: StageVersion
});
export type StageStandbySet = z.infer<typeof StageStandbySet>;

/**
 * Reported by a stage display opened with the stage key (the handshake's `stageKey`); from
 * any other socket it is `forbidden`.
 */
export const StageSeen = z.strictObject({ trackId: TrackId, signalId: z.string().min(1).max(64) });
export type StageSeen = z.infer<typeof StageSeen>;

export const StageKeyRequest = z.strictObject({});
export type StageKeyRequest = z.infer<typeof StageKeyRequest>;
/** The key stage displays are opened with: `/stage#key=<key>` (the same for every track). */
export const StageKey = z.strictObject({ key: z.string().min(1).max(200) });
export type StageKey = z.infer<typeof StageKey>;

export const AuditList = z.strictObject({
	trackId: TrackId.optional(),
	limit: z.number().int().min(1).max(500).default(100)
});
export type AuditList = z.infer<typeof AuditList>;
export const AuditPage = z.strictObject({ entries: z.array(AuditEntry) });
export type AuditPage = z.infer<typeof AuditPage>;
/**
 * Asks a question for a running or upcoming slot. Idempotent by id: the same id from the
 * same device acks the stored question again; with other content or from another device
 * it is a `conflict`. A closed or past slot is `invalid_state`; too many asks `rate_limited`.
 */
export const QuestionAsk = z.strictObject({
	id: QuestionId,
	slotId: SlotId,
	text: QuestionText,
	/** empty, null or absent: anonymous */
	authorName: AuthorName.nullish(),
	/** set by the client's outbox; not recorded: the question id makes an ask idempotent */
	commandId: CommandId.optional()
});
export type QuestionAsk = z.infer<typeof QuestionAsk>;

/** Sets this device's vote on a public question (one per device; repeating is harmless). */
export const QuestionVote = z.strictObject({
	questionId: QuestionId,
	voted: z.boolean(),
	/** set by the client's outbox (DESIGN §6) */
	commandId: CommandId.optional()
});
export type QuestionVote = z.infer<typeof QuestionVote>;
export const QuestionVoteResult = z.strictObject({
	questionId: QuestionId,
	votes: z.number().int().min(0),
	voted: z.boolean()
});
export type QuestionVoteResult = z.infer<typeof QuestionVoteResult>;

/** Lists a slot's questions; too many lists from a device or address are `rate_limited`. */
export const QuestionList = z.strictObject({ slotId: SlotId });
export type QuestionList = z.infer<typeof QuestionList>;
/** Attendees get public questions and their own pending ones; chairs get every question. */
export const QuestionListResult = z.strictObject({
	questions: z.array(Question),
	/** ids of this slot's questions this device asked (also hidden ones) */
	mine: z.array(QuestionId),
	/** ids of this slot's questions this device voted for */
	voted: z.array(QuestionId)
});
export type QuestionListResult = z.infer<typeof QuestionListResult>;

/** A chair's action on one question; pinning unpins the track's other pinned question. */
export const QuestionModerate = z.strictObject({
	questionId: QuestionId,
	action: ModerationAction
});
export type QuestionModerate = z.infer<typeof QuestionModerate>;

export const QuestionsConfigure = z.strictObject({ trackId: TrackId, premoderated: z.boolean() });
export type QuestionsConfigure = z.infer<typeof QuestionsConfigure>;

/** Closes (or reopens) a slot for new questions; a past slot stays closed regardless. */
export const QuestionsClose = z.strictObject({ slotId: SlotId, closed: z.boolean() });
export type QuestionsClose = z.infer<typeof QuestionsClose>;

type CommandSpec = {
	payload: z.ZodType;
	result: z.ZodType;
	chairOnly: boolean;
	/**
	 * The payload's own id already makes a retry harmless (a question's id): the server does
	 * not record a commandId for it, which would cost a second write per command.
	 */
	ownId?: true;
};

export const commands = {
	'clock:ping': { payload: ClockPing, result: ClockPong, chairOnly: false },
	'track:join': { payload: TrackJoin, result: JoinSnapshot, chairOnly: false },
	'timer:start': { payload: TimerCommand, result: TimerState, chairOnly: true },
	'timer:pause': { payload: TimerCommand, result: TimerState, chairOnly: true },
	'timer:resume': { payload: TimerCommand, result: TimerState, chairOnly: true },
	'timer:extend': { payload: TimerExtend, result: TimerState, chairOnly: true },
	'timer:next': { payload: TimerCommand, result: TimerState, chairOnly: true },
	'timer:previous': { payload: TimerCommand, result: TimerState, chairOnly: true },
	'timer:end': { payload: TimerCommand, result: TimerState, chairOnly: true },
	'timer:reset': { payload: TimerCommand, result: TimerState, chairOnly: true },
	'timer:undo': { payload: TimerCommand, result: TimerState, chairOnly: true },
	'agenda:update-slot': { payload: SlotUpdate, result: EventInfo, chairOnly: true },
	'agenda:insert-slot': { payload: SlotInsert, result: EventInfo, chairOnly: true },
	'agenda:remove-slot': { payload: SlotRemove, result: EventInfo, chairOnly: true },
	'agenda:move-slot': { payload: SlotMove, result: EventInfo, chairOnly: true },
	'stage:signal': { payload: StageSignalSend, result: StageState, chairOnly: true },
	'stage:clear': { payload: StageTrack, result: StageState, chairOnly: true },
	'stage:flash': { payload: StageFlash, result: StageState, chairOnly: true },
	'stage:standby': { payload: StageStandbySet, result: StageState, chairOnly: true },
	'stage:seen': { payload: StageSeen, result: StageState, chairOnly: false },
	'stage:key': { payload: StageKeyRequest, result: StageKey, chairOnly: true },
	/** a new stage key: displays opened with the old one no longer count */
	'stage:revoke-key': { payload: StageKeyRequest, result: StageKey, chairOnly: true },
	'audit:list': { payload: AuditList, result: AuditPage, chairOnly: true },
	'question:ask': { payload: QuestionAsk, result: Question, chairOnly: false, ownId: true },
	'question:vote': { payload: QuestionVote, result: QuestionVoteResult, chairOnly: false },
	'question:list': { payload: QuestionList, result: QuestionListResult, chairOnly: false },
	'question:moderate': { payload: QuestionModerate, result: Question, chairOnly: true },
	'questions:configure': {
		payload: QuestionsConfigure,
		result: QuestionSettings,
		chairOnly: true
	},
	'questions:close': { payload: QuestionsClose, result: QuestionSettings, chairOnly: true }
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof commands;
export type CommandPayload<N extends CommandName> = z.infer<(typeof commands)[N]['payload']>;
/** A payload as a client sends it: before the server's defaults fill it in (zod's input). */
export type CommandInput<N extends CommandName> = z.input<(typeof commands)[N]['payload']>;
export type CommandResult<N extends CommandName> = z.infer<(typeof commands)[N]['result']>;
export const commandNames = Object.keys(commands) as CommandName[];

/** The commands as the browser's socket sends them. */
export type ClientToServerEvents = {
	[N in CommandName]: (payload: CommandInput<N>, ack: (res: Ack<CommandResult<N>>) => void) => void;
};

// ---- server -> client events ---------------------------------------------------------

/** A public question became hidden: clients other than chairs drop it. */
export const QuestionRemoved = z.strictObject({ questionId: QuestionId, slotId: SlotId });
export type QuestionRemoved = z.infer<typeof QuestionRemoved>;

/**
 * The new vote counts of a slot's public questions voted on since the last of these, sent at
 * most every VOTES_INTERVAL_MS; a page merges them into the list it holds.
 */
export const QuestionVotes = z.strictObject({
	slotId: SlotId,
	votes: z.record(QuestionId, z.number().int().min(0))
});
export type QuestionVotes = z.infer<typeof QuestionVotes>;
export const VOTES_INTERVAL_MS = 250;

/** Sent right after connecting when the handshake had no valid token: keep it, send it back. */
export const DeviceToken = z.strictObject({ token: z.string().min(1).max(256) });
export type DeviceToken = z.infer<typeof DeviceToken>;

/**
 * To every socket of a chair session that has just ended: signed out, ended by a passcode
 * change on another console, or by "sign out everywhere". The socket is an attendee's now.
 */
export const ChairEnded = z.strictObject({
	reason: z.enum(['signed-out', 'passcode-changed', 'everywhere'])
});
export type ChairEnded = z.infer<typeof ChairEnded>;

/** POST /api/chair/passcode (chairs): the new passcode, shown once to the chair who asked. */
export const PasscodeRotated = z.strictObject({ passcode: z.string().min(8).max(200) });
export type PasscodeRotated = z.infer<typeof PasscodeRotated>;

export const events = {
	'timer:state': TimerState,
	'agenda:updated': EventInfo,
	'stage:state': StageState,
	/** to the chair room of the entry's track (and of every track when trackId is null) */
	'audit:appended': AuditEntry,
	/**
	 * to the track room when public, else to the chair room only; after moderation also to
	 * the asker's devices while the asker may see it (a pending one too)
	 */
	'question:updated': Question,
	/** a hidden question, to those who saw it but chairs (the track room, the asker's devices) */
	'question:removed': QuestionRemoved,
	'question:votes': QuestionVotes,
	'questions:settings': QuestionSettings,
	'device:token': DeviceToken,
	'chair:ended': ChairEnded
} as const satisfies Record<string, z.ZodType>;

export type EventName = keyof typeof events;
export type ServerToClientEvents = {
	[N in EventName]: (payload: z.infer<(typeof events)[N]>) => void;
};

// ---- HTTP ----------------------------------------------------------------------------

export const ChairSignIn = z.strictObject({ passcode: z.string().min(1).max(200) });
export type ChairSignIn = z.infer<typeof ChairSignIn>;

/**
 * GET /api/join?track=<id>: the attendee address of a track for the room (the stage's QR code
 * and its text, the console): PUBLIC_URL, else an address phones on the venue network reach.
 */
export const JoinLink = z.strictObject({ url: z.string().min(1) });
export type JoinLink = z.infer<typeof JoinLink>;

/** GET /api/questions/export (chairs): one slot, or a whole track (default: the first). */
export const QuestionExportQuery = z.strictObject({
	format: z.enum(['md', 'csv']),
	slotId: SlotId.optional(),
	trackId: TrackId.optional()
});
export type QuestionExportQuery = z.infer<typeof QuestionExportQuery>;
