// The page's outbox (DESIGN §6): attendee writes wait on the device until the server has
// answered them, sent in order and applied once (the rules are in outbox.ts). It shows what
// is queued and what the server refused for good, which stays on the device until the
// person discards it (or edits it and asks again). It drains when the connection is
// live, at once for what only a lost answer held back, and whenever a retry falls due.
// Tabs of the same device share the queue: each tells the others when it changed it, and
// what it sent, so that every tab can tell its listeners (onSent) what reached the server.
import type { Connection } from '../connection/connection.svelte.ts';
import type { ClientError } from '../labels.ts';
import {
	drain,
	inSendOrder,
	newEntry,
	wirePayload,
	type OutboxEntry,
	type QueueableCommand,
	type QueuedPayload,
	type SendResult
} from './outbox.ts';
import { uuid } from '../uuid.ts';

export type OutboxStorage = {
	/** oldest first */
	list(): Promise<OutboxEntry[]>;
	put(entry: OutboxEntry): Promise<void>;
	remove(id: string): Promise<void>;
	refusals(): Promise<Refusal[]>;
	/** keeps a refused entry among the refusals (it then leaves the queue) */
	refuse(refusal: Refusal): Promise<void>;
	forget(id: string): Promise<void>;
};

/** A write the server refused for good (of command `N`), under its entry's id. */
export type Refusal<N extends QueueableCommand = QueueableCommand> = {
	id: string;
	entry: OutboxEntry<N>;
	error: ClientError;
};

/** the channel on which the tabs of a device say that the queue changed, or what they sent */
const CHANNEL = 'dais-outbox';
/** 'changed', or the entry the server took */
type TabMessage = 'changed' | OutboxEntry;

export class Outbox {
	#queued = $state.raw<readonly OutboxEntry[]>([]);
	#refused = $state.raw<readonly Refusal[]>([]);
	#draining = false;
	#again = false;
	#fresh = false;
	#retry: ReturnType<typeof setTimeout> | undefined;
	#tabs: BroadcastChannel | null = null;
	readonly #sentListeners = new Set<(entry: OutboxEntry) => void>();
	readonly #storage: OutboxStorage;
	readonly #connection: Connection;

	constructor(deps: { storage: OutboxStorage; connection: Connection }) {
		this.#storage = deps.storage;
		this.#connection = deps.connection;
	}

	/** writes waiting to be sent, oldest first */
	get queued(): readonly OutboxEntry[] {
		return this.#queued;
	}
	/** writes the server refused for good; they have left the queue */
	get refused(): readonly Refusal[] {
		return this.#refused;
	}

	/** Reads what an earlier visit (or another tab) left queued and refused; follows other tabs. */
	async load(): Promise<void> {
		if (!this.#tabs && typeof BroadcastChannel === 'function') {
			this.#tabs = new BroadcastChannel(CHANNEL);
			this.#tabs.onmessage = ({ data }: MessageEvent<TabMessage>) => {
				if (data === 'changed') void this.load();
				else this.#tellSent(data);
			};
		}
		const [queued, refused] = await Promise.all([this.#storage.list(), this.#storage.refusals()]);
		this.#queued = inSendOrder(queued);
		this.#refused = refused;
	}

	/**
	 * Queues an attendee write; resolves once it is stored on the device (rejects if it could
	 * not be), then sends it as soon as the connection allows.
	 */
	async enqueue<N extends QueueableCommand>(
		name: N,
		payload: QueuedPayload<N>
	): Promise<OutboxEntry<N>> {
		const queued = await this.#storage.list();
		const entry = newEntry(uuid(), name, payload, Date.now(), queued);
		await this.#storage.put(entry);
		this.#queued = inSendOrder([...queued, entry]);
		this.#tell();
		this.flush();
		return entry;
	}

	/**
	 * Sends what is due now. `fresh`: the connection has just become live, so what waits only
	 * because an answer was lost with the last one goes at once.
	 */
	flush(fresh = false): void {
		this.#fresh ||= fresh;
		if (this.#queued.length === 0) return void (this.#fresh = false);
		if (this.#draining) {
			this.#again = true;
			return;
		}
		clearTimeout(this.#retry);
		this.#draining = true;
		const wasFresh = this.#fresh;
		this.#fresh = false;
		void this.#drain(wasFresh).finally(() => {
			this.#draining = false;
			if (this.#again) {
				this.#again = false;
				this.flush();
			}
		});
	}

	/**
	 * Calls `handler` with every entry the server has taken, sent by this tab or another of the
	 * device (it has left the queue); returns the unsubscribe.
	 */
	onSent(handler: (entry: OutboxEntry) => void): () => void {
		this.#sentListeners.add(handler);
		return () => void this.#sentListeners.delete(handler);
	}

	/** Forgets a refused write (the person discarded it, or asked it again, edited). */
	async discard(id: string): Promise<void> {
		this.#refused = this.#refused.filter((r) => r.id !== id);
		await this.#storage.forget(id).catch(() => {});
		this.#tell();
	}

	stop(): void {
		clearTimeout(this.#retry);
		this.#tabs?.close();
		this.#tabs = null;
	}

	#tell(message: TabMessage = 'changed'): void {
		this.#tabs?.postMessage(message);
	}

	#tellSent(entry: OutboxEntry): void {
		for (const handler of this.#sentListeners) handler(entry);
	}

	async #drain(fresh: boolean): Promise<void> {
		const end = await drain(
			{
				list: async () => {
					const queued = await this.#storage.list();
					this.#queued = inSendOrder(queued);
					return queued;
				},
				put: async (entry) => {
					await this.#storage.put(entry);
					this.#queued = this.#queued.map((e) => (e.id === entry.id ? entry : e));
				},
				remove: async (id) => {
					await this.#storage.remove(id);
					this.#queued = this.#queued.filter((e) => e.id !== id);
					this.#tell();
				},
				send: (entry) => this.#send(entry),
				sent: (entry) => {
					this.#tellSent(entry);
					this.#tell(entry);
				},
				now: () => Date.now(),
				random: () => Math.random(),
				connected: () => this.#connection.status === 'live',
				report: async (entry, error) => {
					const refusal = { id: entry.id, entry, error };
					this.#refused = [...this.#refused, refusal];
					await this.#storage.refuse(refusal);
				}
			},
			fresh
		).catch(() => ({ kind: 'offline' }) as const);
		if (end.kind === 'wait') this.#retry = setTimeout(() => this.flush(), end.waitMs);
	}

	async #send(entry: OutboxEntry): Promise<SendResult> {
		const ack = await this.#connection.command(entry.name, wirePayload(entry));
		return ack.ok ? { ok: true } : ack;
	}
}
