// The page's outbox (DESIGN §6): attendee writes wait on the device until the server has
// answered them, sent in order and applied once (the rules are in outbox.ts). It shows what
// is queued and what the server refused for good, and it drains when the connection is
// live and whenever a retry falls due.
import type { CommandName, CommandPayload } from '$lib/shared/protocol.ts';
import type { Connection } from './connection.svelte.ts';
import type { ClientError } from './labels.ts';
import {
	drain,
	inSendOrder,
	newEntry,
	wirePayload,
	type OutboxEntry,
	type QueueableCommand,
	type SendResult
} from './outbox.ts';
import { uuid } from './uuid.ts';

export type OutboxStorage = {
	/** oldest first */
	list(): Promise<OutboxEntry[]>;
	put(entry: OutboxEntry): Promise<void>;
	remove(id: string): Promise<void>;
};

export type Refusal = { entry: OutboxEntry; error: ClientError };

export class Outbox {
	#queued = $state.raw<readonly OutboxEntry[]>([]);
	#refused = $state.raw<readonly Refusal[]>([]);
	#draining = false;
	#again = false;
	#retry: ReturnType<typeof setTimeout> | undefined;
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

	/** Reads what an earlier visit left queued. */
	async load(): Promise<void> {
		this.#queued = await this.#storage.list();
	}

	/**
	 * Queues an attendee write; resolves once it is stored on the device (rejects if it could
	 * not be), then sends it as soon as the connection allows.
	 */
	async enqueue<N extends QueueableCommand>(
		name: N,
		payload: Omit<CommandPayload<N>, 'commandId'>
	): Promise<OutboxEntry> {
		const queued = await this.#storage.list();
		const entry = newEntry(uuid(), name, payload, Date.now(), queued);
		await this.#storage.put(entry);
		this.#queued = inSendOrder([...queued, entry]);
		this.flush();
		return entry;
	}

	/** Sends what is due now; called when the connection becomes live. */
	flush(): void {
		if (this.#queued.length === 0) return;
		if (this.#draining) {
			this.#again = true;
			return;
		}
		clearTimeout(this.#retry);
		this.#draining = true;
		void this.#drain().finally(() => {
			this.#draining = false;
			if (this.#again) {
				this.#again = false;
				this.flush();
			}
		});
	}

	dismissRefused(): void {
		this.#refused = [];
	}

	stop(): void {
		clearTimeout(this.#retry);
	}

	async #drain(): Promise<void> {
		const end = await drain({
			list: () => this.#storage.list(),
			put: async (entry) => {
				await this.#storage.put(entry);
				this.#queued = this.#queued.map((e) => (e.id === entry.id ? entry : e));
			},
			remove: async (id) => {
				await this.#storage.remove(id);
				this.#queued = this.#queued.filter((e) => e.id !== id);
			},
			send: (entry) => this.#send(wirePayload(entry), entry.name),
			now: () => Date.now(),
			random: () => Math.random(),
			report: (entry, error) => {
				this.#refused = [...this.#refused, { entry, error }];
			}
		}).catch(() => ({ kind: 'offline' }) as const);
		if (end.kind === 'wait') this.#retry = setTimeout(() => this.flush(), end.waitMs);
	}

	async #send(payload: Record<string, unknown>, name: string): Promise<SendResult> {
		// The name was checked to be queueable when the entry was made.
		const ack = await this.#connection.command(name as CommandName, payload as never);
		return ack.ok ? { ok: true } : ack;
	}
}
