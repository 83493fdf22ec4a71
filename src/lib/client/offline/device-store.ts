// What the device keeps in IndexedDB (db.ts): its copy of the server state, the clock offset,
// the last sync, the device token and the asker's name, the questions of the slots it looked
// at (the newest KEPT_QUESTION_LISTS), the outbox and the writes the server refused for good.
// A stored copy is merged, never blindly overwritten
// (another tab may hold a newer one), and a copy stored under another protocol version is
// dropped. Storage failures (private mode, quota, no IndexedDB) degrade to "nothing stored".
import { PROTOCOL_VERSION } from '$lib/shared/protocol-version.ts';
import { withCopy, type TrackState } from '$lib/shared/version-order.ts';
import {
	openDais,
	type DaisDatabase,
	type Meta,
	type StoredQuestions,
	type StoredRefusal
} from './db.ts';
import type { OutboxEntry } from './outbox.ts';

/** question lists kept: the slots of a long day the device looked at */
const KEPT_QUESTION_LISTS = 40;

export type StoredMeta = {
	offsetMs: number | null;
	lastSyncAt: number | null;
	deviceToken: string | null;
	authorName: string;
};

export class DeviceStore {
	#db: Promise<DaisDatabase | null> | undefined;
	readonly #open: () => Promise<DaisDatabase>;

	constructor(open: () => Promise<DaisDatabase> = openDais) {
		this.#open = open;
	}

	/** The stored copy of the server state, or null. */
	async loadTrack(): Promise<TrackState | null> {
		return this.#use(null, async (db) => {
			const tx = db.transaction(['event', 'timers']);
			const [stored, timers] = await Promise.all([
				tx.objectStore('event').get('current'),
				tx.objectStore('timers').getAll()
			]);
			if (!stored || stored.protocolVersion !== PROTOCOL_VERSION) return null;
			const byTrack = Object.fromEntries(timers.map((t) => [t.trackId, t]));
			return { event: stored.event, eventTag: stored.eventTag, timers: byTrack, at: stored.at };
		});
	}

	/** Merges `state` into the stored copy (version order), in one transaction. */
	async saveTrack(state: TrackState): Promise<void> {
		await this.#use(undefined, async (db) => {
			const tx = db.transaction(['event', 'timers'], 'readwrite');
			const events = tx.objectStore('event');
			const timers = tx.objectStore('timers');
			const [stored, storedTimers] = await Promise.all([events.get('current'), timers.getAll()]);
			const merged =
				stored && stored.protocolVersion === PROTOCOL_VERSION
					? withCopy(
							{
								event: stored.event,
								eventTag: stored.eventTag,
								timers: Object.fromEntries(storedTimers.map((t) => [t.trackId, t])),
								at: stored.at
							},
							state
						)
					: state;
			if (merged.event.id !== stored?.event.id) await timers.clear();
			await Promise.all([
				events.put(
					{
						protocolVersion: PROTOCOL_VERSION,
						event: merged.event,
						eventTag: merged.eventTag,
						at: merged.at
					},
					'current'
				),
				...Object.values(merged.timers).map((t) => timers.put(t))
			]);
			await tx.done;
		});
	}

	async loadMeta(): Promise<StoredMeta> {
		const none: StoredMeta = {
			offsetMs: null,
			lastSyncAt: null,
			deviceToken: null,
			authorName: ''
		};
		return this.#use(none, async (db) => {
			const tx = db.transaction('meta');
			const [clock, sync, device, author] = await Promise.all(
				(['clock', 'sync', 'device', 'author'] as const).map((key) => tx.store.get(key))
			);
			return {
				offsetMs: clock?.key === 'clock' ? clock.offsetMs : null,
				lastSyncAt: sync?.key === 'sync' ? sync.lastSyncAt : null,
				deviceToken: device?.key === 'device' ? device.token : null,
				authorName: author?.key === 'author' ? author.name : ''
			};
		});
	}

	async saveMeta(meta: Meta): Promise<void> {
		await this.#use(undefined, async (db) => void (await db.put('meta', meta)));
	}

	/** The slot's questions as last listed, or null. */
	async loadQuestions(slotId: string): Promise<StoredQuestions | null> {
		return this.#use(null, async (db) => (await db.get('questions', slotId)) ?? null);
	}

	/** Keeps a slot's list unless a newer one is kept; drops the oldest beyond the limit. */
	async saveQuestions(list: StoredQuestions): Promise<void> {
		await this.#use(undefined, async (db) => {
			const tx = db.transaction('questions', 'readwrite');
			const held = await tx.store.get(list.slotId);
			if (!held || held.at <= list.at) await tx.store.put(list);
			const oldestFirst = await tx.store.index('by-at').getAllKeys();
			await Promise.all(oldestFirst.slice(0, -KEPT_QUESTION_LISTS).map((k) => tx.store.delete(k)));
			await tx.done;
		});
	}

	readonly outbox = {
		list: (): Promise<OutboxEntry[]> =>
			this.#use([], (db) => db.getAllFromIndex('outbox', 'by-createdAt')),
		/** Rejects when the entry could not be stored: the caller must not claim it is queued. */
		put: async (entry: OutboxEntry): Promise<void> => {
			await (await this.#required()).put('outbox', entry);
		},
		remove: async (id: string): Promise<void> => {
			await (await this.#required()).delete('outbox', id);
		},
		refusals: (): Promise<StoredRefusal[]> => this.#use([], (db) => db.getAll('refused')),
		/** Keeps a refused entry (before it leaves the queue, so that it is never lost). */
		refuse: async (refusal: StoredRefusal): Promise<void> => {
			await (await this.#required()).put('refused', refusal);
		},
		forget: async (id: string): Promise<void> => {
			await (await this.#required()).delete('refused', id);
		}
	};

	async #required(): Promise<DaisDatabase> {
		this.#db ??= this.#open().catch(() => null);
		const db = await this.#db;
		if (!db) throw new Error('IndexedDB is not available');
		return db;
	}

	async #use<T>(fallback: T, work: (db: DaisDatabase) => Promise<T>): Promise<T> {
		try {
			return await work(await this.#required());
		} catch {
			return fallback;
		}
	}
}
