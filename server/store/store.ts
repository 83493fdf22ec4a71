// The storage contract. Every method is async so that a networked store (Postgres) fits
// behind it; the SQLite store resolves immediately. A resolved write is durable.
// Timer writes are compare-and-set on the version, so two writers can never both win.
// Agenda edits, timer undo stacks and stage states are compare-and-set too; the audit log
// only grows. A processed command id is recorded at most once, in the same transaction as
// its effect.
import type { PushRecord } from '#shared/push.ts';
import type { AuditEntry } from '#shared/schema/audit.ts';
import type { EventInfo } from '#shared/schema/event.ts';
import type { StageState } from '#shared/schema/stage.ts';
import type { Question, QuestionSettings, QuestionStatus } from '#shared/schema/question.ts';
import type { TimerState } from '#shared/schema/timer.ts';

export interface EventRepo {
	/** The one event this server hosts, or null before seeding. */
	get(): Promise<EventInfo | null>;
	/**
	 * Replaces the event and sets every listed timer, atomically; the listed timers' undo
	 * stacks are emptied and every track counts as changed in event.agendaVersion.
	 */
	replace(event: EventInfo, timers: readonly TimerState[]): Promise<void>;
	/**
	 * Saves an edit of `trackId` if the stored agendaVersion is `expectedVersion`, marking the
	 * track changed in event.agendaVersion, and appends `audit` in the same transaction.
	 * Resolves false, writing nothing, otherwise.
	 */
	saveEdit(
		event: EventInfo,
		trackId: string,
		expectedVersion: number,
		audit?: AuditRecord
	): Promise<boolean>;
	/** The agendaVersion in which the track's slots last changed; 0 when never recorded. */
	trackChangedIn(trackId: string): Promise<number>;
	/**
	 * The stored event's agendaVersion without reading the event (cheap enough to ask every
	 * few seconds, to notice another process's write); null before seeding.
	 */
	version(): Promise<number | null>;
}

export interface TimerRepo {
	get(trackId: string): Promise<TimerState | null>;
	list(): Promise<TimerState[]>;
	/**
	 * Saves `next` if the stored version is `expectedVersion` (null: no row yet), and records
	 * `command` and appends `audit` (when given) in the same transaction: one commit, so a
	 * crash cannot keep the change without its record. Resolves false, writing nothing, when
	 * another write got there first or the command id is already recorded.
	 */
	compareAndSet(
		next: TimerState,
		expectedVersion: number | null,
		/**
		 * when given, replaces the track's undo stack in the same transaction; oldest first with
		 * growing versions (as undo.ts keeps it), since an entry's version names it
		 */
		history?: readonly TimerState[],
		/** when given, recorded as processed in the same transaction */
		command?: CommandRecord<void>,
		/** when given, appended to the audit log in the same transaction */
		audit?: AuditRecord
	): Promise<boolean>;
	/** The track's undo stack: the states before its last timer commands, oldest first. */
	history(trackId: string): Promise<TimerState[]>;
}

export interface StageRepo {
	get(trackId: string): Promise<StageState | null>;
	list(): Promise<StageState[]>;
	/**
	 * Saves `next` if the stored version is `expectedVersion` (null: no row yet), appending
	 * `audit` (when given) in the same transaction.
	 */
	compareAndSet(
		next: StageState,
		expectedVersion: number | null,
		audit?: AuditRecord
	): Promise<boolean>;
}

export type AuditQuery = {
	/** entries of this track and the event-wide ones; every entry when absent */
	trackId?: string;
	limit: number;
};

export interface AuditRepo {
	/** Appends an entry; resolves it with its id (ids grow with every entry). */
	append(entry: Omit<AuditEntry, 'id'>): Promise<AuditEntry>;
	/** The newest `limit` entries that match, newest first. */
	list(query: AuditQuery): Promise<AuditEntry[]>;
}

export interface SettingRepo {
	get(key: string): Promise<string | null>;
	/** Stores `value` unless the key exists; resolves the value that is now stored. */
	getOrInit(key: string, value: string): Promise<string>;
	set(key: string, value: string): Promise<void>;
}

/** Web Push subscriptions for reminders (migration 008), keyed by their endpoint. */
export interface PushRepo {
	list(): Promise<PushRecord[]>;
	put(record: PushRecord): Promise<void>;
	remove(endpoint: string): Promise<void>;
}

export type ChairSession = { id: string; createdAt: number; expiresAt: number };

export interface SessionRepo {
	create(session: ChairSession): Promise<void>;
	get(id: string): Promise<ChairSession | null>;
	delete(id: string): Promise<void>;
	/** Removes sessions that expired before `now` (epoch ms). */
	prune(now: number): Promise<void>;
	/** Removes every session (the passcode changed). */
	clear(): Promise<void>;
}

/** What a vote write did: the question's count after it, and whether the vote changed. */
export type VoteOutcome = { votes: number; changed: boolean };

/** A question as stored: with the device that asked it (never sent to clients). */
export type StoredQuestion = Question & { deviceId: string };

export interface QuestionRepo {
	/**
	 * Inserts the question unless its id is taken; resolves what is now stored under the id
	 * and whether this call inserted it. `votes` of the argument is ignored (starts at 0).
	 */
	insert(question: StoredQuestion): Promise<{ inserted: boolean; stored: StoredQuestion }>;
	get(id: string): Promise<StoredQuestion | null>;
	/** Oldest first (ties by id). */
	listBySlot(slotId: string): Promise<StoredQuestion[]>;
	/**
	 * What anyone but a chair may see of the slot, oldest first (ties by id): its public
	 * questions and the device's own pending ones. Rows may be shared (frozen).
	 */
	listVisible(slotId: string, deviceId: string): Promise<StoredQuestion[]>;
	listByTrack(trackId: string): Promise<StoredQuestion[]>;
	/** Sets status and pin (not votes); resolves the stored question, null if there is none. */
	setState(id: string, status: QuestionStatus, pinned: boolean): Promise<StoredQuestion | null>;
	/** Pins `id` and unpins its track's other pinned question, atomically; resolves both. */
	pin(id: string): Promise<{ pinned: StoredQuestion; unpinned: StoredQuestion[] } | null>;
	/**
	 * Sets one device's vote (a set: repeating is a no-op); resolves the question's count.
	 * `command`, when given, is recorded in the same transaction.
	 */
	setVote(
		questionId: string,
		deviceId: string,
		voted: boolean,
		now: number,
		command?: CommandRecord<VoteOutcome>
	): Promise<VoteOutcome>;
	/** Vote counts of those of `ids` whose status is in `statuses`, by question id. */
	voteCounts(
		ids: readonly string[],
		statuses: readonly QuestionStatus[]
	): Promise<Record<string, number>>;
	/** Ids of the slot's questions the device asked, and those it voted for. */
	byDevice(deviceId: string, slotId: string): Promise<{ asked: string[]; voted: string[] }>;
}

export interface QuestionSettingsRepo {
	get(trackId: string): Promise<QuestionSettings | null>;
	list(): Promise<QuestionSettings[]>;
	/** Stores `change(current)` atomically; `current` is `initial` when none is stored. */
	update(
		initial: QuestionSettings,
		change: (current: QuestionSettings) => QuestionSettings
	): Promise<QuestionSettings>;
}

/** A command applied under a client-made id; `result` is the acked data as JSON. */
export type ProcessedCommand = {
	id: string;
	name: string;
	/** hash of the command's name and payload: a reused id with other content is refused */
	fingerprint: string;
	result: string;
	/** epoch ms */
	createdAt: number;
};

/**
 * A command to record as processed together with the write it caused, in one transaction:
 * `result` makes its acked data (as JSON) from what the write resolved.
 */
export type CommandRecord<T> = Omit<ProcessedCommand, 'result'> & { result(outcome: T): string };

/**
 * An audit entry to append together with the write it describes, in one transaction:
 * `appended` receives it with its id, before the commit (use it only once the write resolved).
 */
export type AuditRecord = { entry: Omit<AuditEntry, 'id'>; appended(entry: AuditEntry): void };

export interface ProcessedCommandRepo {
	get(id: string): Promise<ProcessedCommand | null>;
	/** Records the command unless its id is recorded; resolves false when it was. */
	add(command: ProcessedCommand): Promise<boolean>;
	/** Removes commands recorded before `before` (epoch ms). */
	prune(before: number): Promise<void>;
}

export interface Store {
	readonly events: EventRepo;
	readonly timers: TimerRepo;
	readonly settings: SettingRepo;
	readonly sessions: SessionRepo;
	readonly stages: StageRepo;
	readonly audit: AuditRepo;
	readonly questions: QuestionRepo;
	readonly questionSettings: QuestionSettingsRepo;
	readonly commands: ProcessedCommandRepo;
	readonly push: PushRepo;
	/** Human-readable location of the data, for the start-up banner. */
	readonly location: string;
	close(): Promise<void>;
}
