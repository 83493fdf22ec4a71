// What the console shows of the stage display's link: the key it must be opened with (read
// from the server by a chair, renewed by revoking it) and the join address the room sees
// under the stage's QR code (GET /api/join).
import type { JoinLink } from '$lib/shared/protocol.ts';
import type { Connection } from '../connection/connection.svelte.ts';
import { whenLive } from '../connection/when-live.svelte.ts';

export class StageLink {
	#key = $state.raw<string | null>(null);
	#joinUrl = $state.raw<string | null>(null);
	readonly #connection: Connection;

	constructor(connection: Connection) {
		this.#connection = connection;
	}

	/** the stage display's key; null until loaded */
	get key() {
		return this.#key;
	}
	/** the attendee address phones in the room use; null until loaded */
	get joinUrl() {
		return this.#joinUrl;
	}

	/** The stage display's address for a track, with the key when it is known. */
	href(trackId: string): string {
		const path = `/stage?track=${encodeURIComponent(trackId)}`;
		return this.#key ? `${path}#key=${this.#key}` : path;
	}

	/**
	 * Keeps the key and the join address of the track `trackId()` names while the page is a
	 * chair's: loaded when live (now, on a track switch, on every (re)join). Returns the stop;
	 * call it from a component (it uses `$effect`), e.g. in onMount.
	 */
	follow(trackId: () => string): () => void {
		return whenLive(this.#connection, trackId, (id) => {
			if (this.#connection.role === 'chair') void this.load(id);
		});
	}

	async load(trackId: string): Promise<void> {
		const ack = await this.#connection.command('stage:key', {});
		if (ack.ok) this.#key = ack.data.key;
		this.#joinUrl = await fetchJoinUrl(trackId);
	}

	/** A new key: displays opened with the old one stop confirming signals. */
	async revoke(): Promise<boolean> {
		const ack = await this.#connection.command('stage:revoke-key', {});
		if (ack.ok) this.#key = ack.data.key;
		return ack.ok;
	}
}

/** The join address of a track as the server gives it; null when it cannot be had. */
export async function fetchJoinUrl(trackId: string): Promise<string | null> {
	try {
		const res = await fetch(`/api/join?track=${encodeURIComponent(trackId)}`);
		if (!res.ok) return null;
		return ((await res.json()) as JoinLink).url;
	} catch {
		return null;
	}
}

/** A URL as a person types it: without the scheme. */
export const shortUrl = (url: string): string => url.replace(/^https?:\/\//, '');

/** The stage key in a link's fragment (`#key=...`), or null. */
export function stageKeyOf(hash: string): string | null {
	const key = new URLSearchParams(hash.replace(/^#/, '')).get('key');
	return key && key.length <= 200 ? key : null;
}
