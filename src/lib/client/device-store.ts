// What the device keeps in IndexedDB (db.ts): its copy of the server state, the clock offset,
// the last sync, the device token and the asker's name, and the outbox. A stored copy is merged, never blindly overwritten
// (another tab may hold a newer one), and a copy stored under another protocol version is
// dropped. Storage failures (private mode, quota, no IndexedDB) degrade to "nothing stored".
import { PROTOCOL_VERSION } from '$lib/shared/protocol-version.ts';
import { withCopy, type TrackState } from '$lib/shared/version-order.ts';
import { openDais, type DaisDatabase, type Meta } from './db.ts';
import type { OutboxEntry } from './outbox.ts';

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

	readonly outbox = {
		list: (): Promise<OutboxEntry[]> =>
			this.#use([], (db) => db.getAllFromIndex('outbox', 'by-createdAt')),
		/** Rejects when the entry could not be stored: the caller must not claim it is queued. */
		put: async (entry: OutboxEntry): Promise<void> => {
			await (await this.#required()).put('outbox', entry);
		},
		remove: async (id: string): Promise<void> => {
			await (await this.#required()).delete('outbox', id);
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
