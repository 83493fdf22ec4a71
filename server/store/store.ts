// The storage contract. Every method is async so that a networked store (Postgres) fits
// behind it; the SQLite store resolves immediately. A resolved write is durable.
// Timer writes are compare-and-set on the version, so two writers can never both win.
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

export interface Store {
	readonly events: EventRepo;
	readonly timers: TimerRepo;
	readonly settings: SettingRepo;
	readonly sessions: SessionRepo;
	/** Human-readable location of the data, for the start-up banner. */
	readonly location: string;
	close(): Promise<void>;
}
