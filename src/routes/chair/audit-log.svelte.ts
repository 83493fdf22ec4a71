// The chair audit log of the followed track, newest first: loaded with `audit:list` on every
// (re)join and track switch, then kept current by `audit:appended` broadcasts (follow).
// Entries without a track (sign-in, sign-out) belong to every track. Duplicates are dropped
// by id.
import type { AuditEntry } from '$lib/shared/schema/audit.ts';
import type { Connection } from '$lib/client/connection/connection.svelte.ts';
import { whenLive } from '$lib/client/connection/when-live.svelte.ts';
import { errorSentence } from '$lib/client/error-sentence.ts';

const LIMIT = 100;

export type AuditStatus = 'loading' | 'ready' | 'failed';

export class AuditLog {
	#entries = $state.raw<readonly AuditEntry[]>([]);
	#status = $state.raw<AuditStatus>('loading');
	#error = $state.raw<string | null>(null);
	#trackId: string | null = null;
	readonly #connection: Connection;

	constructor(connection: Connection) {
		this.#connection = connection;
	}

	/** newest first */
	get entries() {
		return this.#entries;
	}
	get status() {
		return this.#status;
	}
	/** why the last load failed, in words; null otherwise */
	get error() {
		return this.#error;
	}

	/**
	 * Keeps the log of the track `trackId()` names while the page is a chair's: loaded when
	 * live (now, on a track switch, on every (re)join), with each entry appended as it comes.
	 * Returns the stop; call it from a component (it uses `$effect`), e.g. in onMount.
	 */
	follow(trackId: () => string): () => void {
		const connection = this.#connection;
		const stopAppending = connection.on('audit:appended', (entry) => this.append(entry));
		const stopLoading = whenLive(connection, trackId, (id) => {
			if (connection.role === 'chair') void this.load(id);
		});
		return () => {
			stopLoading();
			stopAppending();
		};
	}

	/** Replaces the log with the latest entries of `trackId`. */
	async load(trackId: string): Promise<void> {
		if (trackId !== this.#trackId) this.#entries = [];
		this.#trackId = trackId;
		this.#status = 'loading';
		const ack = await this.#connection.command('audit:list', { trackId, limit: LIMIT });
		if (trackId !== this.#trackId) return;
		if (!ack.ok) {
			this.#status = 'failed';
			this.#error = errorSentence(ack.error);
			return;
		}
		this.#error = null;
		this.#status = 'ready';
		this.#merge(ack.data.entries);
	}

	/** Adds a live entry when it belongs to the followed track. */
	append(entry: AuditEntry): void {
		if (entry.trackId !== null && entry.trackId !== this.#trackId) return;
		this.#merge([entry]);
	}

	#merge(incoming: readonly AuditEntry[]): void {
		const byId = new Map(this.#entries.map((e) => [e.id, e]));
		for (const entry of incoming) {
			if (entry.trackId === null || entry.trackId === this.#trackId) byId.set(entry.id, entry);
		}
		this.#entries = [...byId.values()].sort((a, b) => b.id - a.id).slice(0, LIMIT * 2);
	}
}
