// The outbox's rules (DESIGN §6), free of IndexedDB and sockets. Attendee writes wait here
// under a client-made id, carrying their whole payload from the start, go out oldest first
// and one at a time, and leave only on the server's answer: ok, or a permanent refusal, which
// is reported (and kept by the caller) and never retried. Refusals for now (rate limits,
// server faults, an answer that never came on a live connection) are retried with
// exponential backoff and jitter; a send lost with the connection waits for the next one
// instead, and a fresh connection sends at once what only a lost answer held back.
// The id travels as the payload's commandId, so a retry whose ack was lost applies once.
import type { CommandInput, CommandName, commands } from '$lib/shared/protocol.ts';
import type { ClientError } from '../labels.ts';

type AttendeeCommand = {
	[N in CommandName]: (typeof commands)[N]['chairOnly'] extends true ? never : N;
}[CommandName];

/**
 * Commands that may wait in the outbox: attendee writes, those whose payload takes the
 * commandId that makes a resend harmless. Chair timer commands never do (a "+1 min" replayed
 * an hour later would be wrong); reads and clock pings make no sense to.
 */
export type QueueableCommand = {
	[N in Exclude<AttendeeCommand, 'clock:ping'>]: 'commandId' extends keyof CommandInput<N>
		? N
		: never;
}[Exclude<AttendeeCommand, 'clock:ping'>];

/** What an entry of command `N` carries: its payload but the commandId (the entry's id). */
export type QueuedPayload<N extends QueueableCommand> = N extends QueueableCommand
	? Omit<CommandInput<N>, 'commandId'>
	: never;

/** A write waiting in the outbox (of command `N`); its `name` tells which payload it carries. */
export type OutboxEntry<N extends QueueableCommand = QueueableCommand> = EntryOf[N];
type EntryOf = { [N in QueueableCommand]: QueuedEntry<N> };

type QueuedEntry<N extends QueueableCommand> = {
	/** client-made UUID, sent as the command's commandId */
	id: string;
	name: N;
	payload: QueuedPayload<N>;
	/** device epoch ms; entries are sent in this order */
	createdAt: number;
	/** sends so far that got no final answer */
	attempts: number;
	/** device epoch ms before which the entry is not sent again */
	retryAt: number;
	/** what the last send came back with, when it is to be retried (e.g. 'rate_limited') */
	lastError?: ClientError['code'];
};

/** What a send came back with: the command's ack, or a failure the client noticed itself. */
export type SendResult = { ok: true } | { ok: false; error: ClientError };

export type Verdict =
	| { kind: 'done' }
	| { kind: 'failed'; error: ClientError }
	| { kind: 'retry'; delayMs: number }
	| { kind: 'offline' };

export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_MAX_MS = 5 * 60_000;

/** Delay before retry number `attempts` + 1: doubling, capped, times a jitter in [0.5, 1.5). */
export function backoffMs(attempts: number, random: number): number {
	const base = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
	return Math.round(base * (0.5 + random));
}

/** What to do with an entry after a send; `attempts` counts this send. */
export function verdict(result: SendResult, attempts: number, random: number): Verdict {
	if (result.ok) return { kind: 'done' };
	const { error } = result;
	switch (error.code) {
		case 'invalid':
		case 'unauthorized':
		case 'forbidden':
		case 'not_found':
		case 'conflict':
		case 'invalid_state':
			return { kind: 'failed', error };
		case 'rate_limited': {
			const told = 'retryAfterMs' in error ? error.retryAfterMs : undefined;
			return { kind: 'retry', delayMs: told ?? backoffMs(attempts, random) };
		}
		case 'internal':
		case 'timeout':
		case 'protocol_mismatch':
			return { kind: 'retry', delayMs: backoffMs(attempts, random) };
		case 'offline':
			return { kind: 'offline' };
		default:
			return error satisfies never;
	}
}

/** Oldest first; entries made in the same millisecond keep their order by createdAt bump. */
export function inSendOrder(entries: readonly OutboxEntry[]): OutboxEntry[] {
	return [...entries].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

/** A new entry, ordered after every entry already queued even if the clock stepped back. */
export function newEntry<N extends QueueableCommand>(
	id: string,
	name: N,
	payload: QueuedPayload<N>,
	now: number,
	queued: readonly OutboxEntry[]
): OutboxEntry<N> {
	const last = Math.max(Number.NEGATIVE_INFINITY, ...queued.map((e) => e.createdAt));
	const entry = { id, name, payload, createdAt: Math.max(now, last + 1), attempts: 0, retryAt: 0 };
	// the signature ties `payload` to `name`, which TypeScript cannot follow into the union
	return entry as OutboxEntry<N>;
}

/** The payload as sent: the entry's id is the command's idempotency key. */
export const wirePayload = <N extends QueueableCommand>(entry: OutboxEntry<N>) => ({
	...entry.payload,
	commandId: entry.id
});

export type OutboxIO = {
	list(): Promise<OutboxEntry[]>;
	put(entry: OutboxEntry): Promise<void>;
	remove(id: string): Promise<void>;
	send(entry: OutboxEntry): Promise<SendResult>;
	/** device epoch ms */
	now(): number;
	random(): number;
	/** an entry the server refused for good; it leaves the queue once this has resolved */
	report(entry: OutboxEntry, error: ClientError): void | Promise<void>;
	/** an entry the server took; it has left the queue */
	sent?(entry: OutboxEntry): void;
	/** whether the connection is up now (a send that timed out without one was lost with it) */
	connected?(): boolean;
};

/**
 * Whether `entry` may be sent at `now` (device epoch ms). On a fresh connection, one held
 * back only because an answer never came is due at once: the wait was for the connection.
 */
export const isDue = (entry: OutboxEntry, now: number, fresh: boolean): boolean =>
	entry.retryAt <= now || (fresh && entry.lastError === 'timeout');

/** Why a drain stopped: nothing left, the head waits `waitMs`, or there is no connection. */
export type DrainEnd = { kind: 'empty' } | { kind: 'wait'; waitMs: number } | { kind: 'offline' };

/**
 * Sends due entries in order, one at a time, until the queue is empty or its head must wait.
 * `fresh`: the connection has just come (back) up (see isDue).
 */
export async function drain(io: OutboxIO, fresh = false): Promise<DrainEnd> {
	for (;;) {
		const head = inSendOrder(await io.list())[0];
		if (!head) return { kind: 'empty' };
		const now = io.now();
		if (!isDue(head, now, fresh)) return { kind: 'wait', waitMs: head.retryAt - now };
		const result = await io.send(head);
		if (!result.ok && result.error.code === 'timeout' && io.connected?.() === false) {
			return { kind: 'offline' };
		}
		const attempts = head.attempts + 1;
		const next = verdict(result, attempts, io.random());
		switch (next.kind) {
			case 'done':
				await io.remove(head.id);
				io.sent?.(head);
				break;
			case 'failed':
				await io.report(head, next.error);
				await io.remove(head.id);
				break;
			case 'retry':
				await io.put({
					...head,
					attempts,
					retryAt: io.now() + next.delayMs,
					lastError: result.ok ? undefined : result.error.code
				});
				return { kind: 'wait', waitMs: next.delayMs };
			case 'offline':
				return { kind: 'offline' };
			default:
				return next satisfies never;
		}
	}
}
