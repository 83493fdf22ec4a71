// The storage contract, as small repositories that SQLite and PostgreSQL both implement. A
// change is one unit of work: the service calls repositories on the `tx` of
// store.transaction (the state, its undo entry, its audit entry, its command record) and
// acks after the commit; a call on the store itself is a transaction of its own. A resolved
// write is durable. Timer, stage and agenda writes are compare-and-set on a version the
// database checks, so two writers, in one process or two, can never both win; the audit log
// only grows; a processed command id is recorded at most once.
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
	 * Replaces the event and sets every listed timer; the listed timers' undo stacks are
	 * emptied and every track counts as changed in event.agendaVersion.
	 */
	replace(event: EventInfo, timers: readonly TimerState[]): Promise<void>;
	/**
	 * Saves an edit of `trackId` if the stored agendaVersion is `expectedVersion` (checked by
	 * the database), marking the track changed in event.agendaVersion. Resolves false,
	 * writing nothing, otherwise.
	 */
	saveEdit(event: EventInfo, trackId: string, expectedVersion: number): Promise<boolean>;
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
	 * Saves `next` if the stored version is `expectedVersion` (null: no row yet), checked by
	 * the database in the write itself. Resolves false, writing nothing, when another write
	 * got there first.
	 */
	compareAndSet(next: TimerState, expectedVersion: number | null): Promise<boolean>;
	/**
	 * Makes `stack` the track's undo stack: oldest first with growing versions (as undo.ts
	 * keeps it); any other order is refused with an error.
	 */
	setHistory(trackId: string, stack: readonly TimerState[]): Promise<void>;
	/** The track's undo stack: the states before its last timer commands, oldest first. */
	history(trackId: string): Promise<TimerState[]>;
}

export interface StageRepo {
	get(trackId: string): Promise<StageState | null>;
	list(): Promise<StageState[]>;
	/** Saves `next` if the stored version is `expectedVersion` (null: no row yet). */
	compareAndSet(next: StageState, expectedVersion: number | null): Promise<boolean>;
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
	/** Sets one device's vote (a set: repeating is a no-op); resolves the question's count. */
	setVote(questionId: string, deviceId: string, voted: boolean, now: number): Promise<VoteOutcome>;
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

export interface ProcessedCommandRepo {
	get(id: string): Promise<ProcessedCommand | null>;
	/** Records the command unless its id is recorded; resolves false when it was. */
	add(command: ProcessedCommand): Promise<boolean>;
	/** Removes commands recorded before `before` (epoch ms). */
	prune(before: number): Promise<void>;
}

/** The repositories: on the store, each call stands alone; in a transaction, they share it. */
export type Repos = {
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
};

export interface Store extends Repos {
	/**
	 * Runs `work` in one transaction and resolves its result once committed; when `work`
	 * throws, nothing it wrote is kept. Only repository calls on `tx` belong inside.
	 */
	transaction<T>(work: (tx: Repos) => Promise<T>): Promise<T>;
	/**
	 * As transaction, for small and frequent writes (asks, votes): those arriving together
	 * share one commit, each rolled back alone when it throws.
	 */
	grouped<T>(work: (tx: Repos) => Promise<T>): Promise<T>;
	/** Human-readable location of the data, for the start-up banner. */
	readonly location: string;
	close(): Promise<void>;
}
