// The one IndexedDB database of the app (STYLE habit 5): its typed schema and every
// migration. Version 1 holds the device's copy of the server state (the event, each track's
// timer), meta (the last clock offset, the last sync, the device token, the asker's name),
// and the outbox. Version 2 adds the questions of the slots the device looked at (one list
// per slot, with the server instant it was current at) and the writes the server refused for
// good, kept until the person edits or discards them. Version 3 adds `stars`: the slots the
// person starred (My agenda), keyed by slot id (the reminder settings live in meta). A later
// version adds a step to MIGRATIONS (never edits a shipped one); DB_VERSION follows.
import {
	openDB,
	type DBSchema,
	type IDBPDatabase,
	type IDBPTransaction,
	type StoreNames
} from 'idb';
import type { EventInfo } from '$lib/shared/schema/event.ts';
import type { TimerState } from '$lib/shared/schema/timer.ts';
import type { StarredSlot } from '$lib/shared/reminders.ts';
import type { OutboxEntry } from './outbox.ts';
import type { ClientError } from '../labels.ts';
import type { SlotQuestions } from '../questions/question-list.ts';

export const DB_NAME = 'dais';

/** The stored event and the server instant (epoch ms) the stored copy was current at. */
export type StoredEvent = {
	/** the protocol the copy was received under; another one means the copy is unusable */
	protocolVersion: number;
	event: EventInfo;
	/** the server's tag of this event (Snapshot.eventTag), when known */
	eventTag?: string | undefined;
	at: number;
};

/** A slot's question list as last listed, and the server epoch ms it was current at. */
export type StoredQuestions = SlotQuestions & { at: number };

/** An outbox entry the server refused for good, under the entry's id. */
export type StoredRefusal = { id: string; entry: OutboxEntry; error: ClientError };

export type Meta =
	| { key: 'clock'; offsetMs: number; errorMs: number | null }
	/** server epoch ms when the device was last known to be in sync */
	| { key: 'sync'; lastSyncAt: number }
	/** the server-signed device token (`device:token`): votes and "mine" hang on it */
	| { key: 'device'; token: string }
	/** the display name last used to ask a question; empty: anonymous */
	| { key: 'author'; name: string }
	/** reminders for starred slots: on or off, minutes before the start, keys already shown */
	| { key: 'reminders'; enabled: boolean; leadMinutes: number; sent: string[] };

export interface DaisDB extends DBSchema {
	/** one record, under the key 'current' */
	event: { key: 'current'; value: StoredEvent };
	timers: { key: string; value: TimerState };
	meta: { key: Meta['key']; value: Meta };
	outbox: { key: string; value: OutboxEntry; indexes: { 'by-createdAt': number } };
	questions: { key: string; value: StoredQuestions; indexes: { 'by-at': number } };
	refused: { key: string; value: StoredRefusal };
	stars: { key: string; value: StarredSlot };
}

export type DaisDatabase = IDBPDatabase<DaisDB>;
type UpgradeTx = IDBPTransaction<DaisDB, StoreNames<DaisDB>[], 'versionchange'>;
type Migration = (db: DaisDatabase, tx: UpgradeTx) => void;

/** Step n brings the database from version n to n + 1. */
const MIGRATIONS: readonly Migration[] = [
	(db) => {
		db.createObjectStore('event');
		db.createObjectStore('timers', { keyPath: 'trackId' });
		db.createObjectStore('meta', { keyPath: 'key' });
		db.createObjectStore('outbox', { keyPath: 'id' }).createIndex('by-createdAt', 'createdAt');
	},
	(db) => {
		db.createObjectStore('questions', { keyPath: 'slotId' }).createIndex('by-at', 'at');
		db.createObjectStore('refused', { keyPath: 'id' });
	},
	// Version 3: the starred slots of My agenda.
	(db) => {
		if (!db.objectStoreNames.contains('stars'))
			db.createObjectStore('stars', { keyPath: 'slotId' });
	}
];

export const DB_VERSION = MIGRATIONS.length;

/** Opens the database, migrating it; an open tab of an older version lets go when asked. */
export function openDais(): Promise<DaisDatabase> {
	return openDB<DaisDB>(DB_NAME, DB_VERSION, {
		upgrade(db, oldVersion, _newVersion, tx) {
			for (const step of MIGRATIONS.slice(oldVersion)) step(db, tx);
		},
		blocking(_current, _blocked, event) {
			// A newer version wants to upgrade: let go; this page reopens it on its next load.
			(event.target as IDBDatabase).close();
		}
	});
}
