// The storage contract. Every method is async so that a networked store (Postgres) fits
// behind it; the SQLite store resolves immediately. A resolved write is durable.
// Timer writes are compare-and-set on the version, so two writers can never both win.
import type { EventInfo } from '#shared/schema/event.ts';
import type { Question, QuestionSettings, QuestionStatus } from '#shared/schema/question.ts';
import type { TimerState } from '#shared/schema/timer.ts';

export interface EventRepo {
	/** The one event this server hosts, or null before seeding. */
	get(): Promise<EventInfo | null>;
	/** Replaces the event and sets every listed timer, atomically. */
	replace(event: EventInfo, timers: readonly TimerState[]): Promise<void>;
}

export interface TimerRepo {
	get(trackId: string): Promise<TimerState | null>;
	list(): Promise<TimerState[]>;
	/**
	 * Saves `next` if the stored version is `expectedVersion` (null: no row yet).
	 * Resolves false, writing nothing, when another write got there first.
	 */
	compareAndSet(next: TimerState, expectedVersion: number | null): Promise<boolean>;
}

export interface SettingRepo {
	get(key: string): Promise<string | null>;
	/** Stores `value` unless the key exists; resolves the value that is now stored. */
	getOrInit(key: string, value: string): Promise<string>;
	set(key: string, value: string): Promise<void>;
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
	listByTrack(trackId: string): Promise<StoredQuestion[]>;
	/** Sets status and pin (not votes); resolves the stored question, null if there is none. */
	setState(id: string, status: QuestionStatus, pinned: boolean): Promise<StoredQuestion | null>;
	/** Pins `id` and unpins its track's other pinned question, atomically; resolves both. */
	pin(id: string): Promise<{ pinned: StoredQuestion; unpinned: StoredQuestion[] } | null>;
	/** Sets one device's vote (a set: repeating is a no-op); resolves the question's count. */
	setVote(
		questionId: string,
		deviceId: string,
		voted: boolean,
		now: number
	): Promise<{ votes: number; changed: boolean }>;
	/** Vote counts of the slot's questions whose status is in `statuses`, by question id. */
	voteCounts(slotId: string, statuses: readonly QuestionStatus[]): Promise<Record<string, number>>;
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

export interface Store {
	readonly events: EventRepo;
	readonly timers: TimerRepo;
	readonly settings: SettingRepo;
	readonly sessions: SessionRepo;
	readonly questions: QuestionRepo;
	readonly questionSettings: QuestionSettingsRepo;
	/** Human-readable location of the data, for the start-up banner. */
	readonly location: string;
	close(): Promise<void>;
}
