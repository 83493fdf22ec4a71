// The storage contract. Every method is async so that a networked store (Postgres) fits
// behind it; the SQLite store resolves immediately. A resolved write is durable.
// Timer writes are compare-and-set on the version, so two writers can never both win.
// A processed command id is recorded at most once, in the same transaction as its effect.
import type { EventInfo } from '#shared/schema/event.ts';
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
	 * Saves `next` if the stored version is `expectedVersion` (null: no row yet), and records
	 * `command` (when given) in the same transaction. Resolves false, writing nothing, when
	 * another write got there first or the command id is already recorded.
	 */
	compareAndSet(
		next: TimerState,
		expectedVersion: number | null,
		command?: ProcessedCommand
	): Promise<boolean>;
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

export interface Store {
	readonly events: EventRepo;
	readonly timers: TimerRepo;
	readonly settings: SettingRepo;
	readonly sessions: SessionRepo;
	readonly commands: ProcessedCommandRepo;
	/** Human-readable location of the data, for the start-up banner. */
	readonly location: string;
	close(): Promise<void>;
}
