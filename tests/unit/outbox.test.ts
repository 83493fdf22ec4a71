import { describe, expect, it } from 'vitest';
import {
	BACKOFF_MAX_MS,
	backoffMs,
	drain,
	inSendOrder,
	newEntry,
	verdict,
	wirePayload,
	type OutboxEntry,
	type OutboxIO,
	type QueueableCommand,
	type SendResult
} from '$lib/client/offline/outbox.ts';
import type { ClientError } from '$lib/client/labels.ts';

// No attendee write exists in the catalog yet; the rules do not depend on the name.
const ASK = 'question:ask' as QueueableCommand;
const T = 1_700_000_000_000;

const entry = (id: string, createdAt: number, extra: Partial<OutboxEntry> = {}): OutboxEntry =>
	({
		id,
		name: ASK,
		payload: { text: id },
		createdAt,
		attempts: 0,
		retryAt: 0,
		...extra
	}) as OutboxEntry;

const refused = (error: ClientError): SendResult => ({ ok: false, error });

/** An outbox in memory whose server answers from a script, one answer per send. */
function world(entries: OutboxEntry[], answers: SendResult[], now = T) {
	const stored = new Map(entries.map((e) => [e.id, e]));
	const sent: Record<string, unknown>[] = [];
	const reported: [string, string][] = [];
	const io: OutboxIO = {
		list: async () => [...stored.values()],
		put: async (e) => void stored.set(e.id, e),
		remove: async (id) => void stored.delete(id),
		send: async (e) => {
			sent.push(wirePayload(e));
			return answers.shift() ?? { ok: true };
		},
		now: () => now,
		random: () => 0.5,
		report: (e, error) => void reported.push([e.id, error.code])
	};
	return { io, stored, sent, reported };
}

describe('the outbox', () => {
	it('sends every entry oldest first with its id as commandId, and empties', async () => {
		const w = world([entry('b', T + 2), entry('a', T + 1), entry('c', T + 3)], []);
		expect(await drain(w.io)).toEqual({ kind: 'empty' });
		expect(w.sent).toEqual([
			{ text: 'a', commandId: 'a' },
			{ text: 'b', commandId: 'b' },
			{ text: 'c', commandId: 'c' }
		]);
		expect(w.stored.size).toBe(0);
	});

	it('keeps an entry whose send failed for a passing reason, and stops there to keep the order', async () => {
		const w = world(
			[entry('a', T + 1), entry('b', T + 2)],
			[refused({ code: 'internal', message: '' })]
		);
		expect(await drain(w.io)).toEqual({ kind: 'wait', waitMs: 2_000 });
		expect(w.sent).toHaveLength(1);
		expect(w.stored.get('a')).toMatchObject({ attempts: 1, retryAt: T + 2_000 });
		expect(w.stored.has('b')).toBe(true);
	});

	it('removes and reports an entry the server refused for good, then goes on', async () => {
		const w = world(
			[entry('a', T + 1), entry('b', T + 2)],
			[refused({ code: 'invalid', message: 'too long' })]
		);
		expect(await drain(w.io)).toEqual({ kind: 'empty' });
		expect(w.reported).toEqual([['a', 'invalid']]);
		expect(w.sent.map((p) => p.commandId)).toEqual(['a', 'b']);
	});

	it('waits as long as a rate limit says', async () => {
		const w = world(
			[entry('a', T)],
			[refused({ code: 'rate_limited', message: '', retryAfterMs: 42_000 })]
		);
		expect(await drain(w.io)).toEqual({ kind: 'wait', waitMs: 42_000 });
		expect(w.stored.get('a')?.retryAt).toBe(T + 42_000);
	});

	it('does not send an entry before its retry time', async () => {
		const w = world([entry('a', T, { retryAt: T + 5_000, attempts: 2 })], []);
		expect(await drain(w.io)).toEqual({ kind: 'wait', waitMs: 5_000 });
		expect(w.sent).toEqual([]);
	});

	it('sends at once on a fresh connection an entry held back only by a lost answer', async () => {
		const held = entry('a', T, { attempts: 3, retryAt: T + 40_000, lastError: 'timeout' });
		const w = world([held], []);
		expect(await drain(w.io, true)).toEqual({ kind: 'empty' });
		expect(w.sent.map((p) => p.commandId)).toEqual(['a']);
	});

	it('keeps the backoff of a refusal for now, even on a fresh connection', async () => {
		const limited = entry('a', T, { attempts: 1, retryAt: T + 40_000, lastError: 'rate_limited' });
		const w = world([limited], []);
		expect(await drain(w.io, true)).toEqual({ kind: 'wait', waitMs: 40_000 });
		expect(w.sent).toEqual([]);
	});

	it('waits for the connection, counting no attempt, when an answer was lost with it', async () => {
		const w = world([entry('a', T)], [refused({ code: 'timeout', message: '' })]);
		w.io.connected = () => false;
		expect(await drain(w.io)).toEqual({ kind: 'offline' });
		expect(w.stored.get('a')).toEqual(entry('a', T));
	});

	it('stops without counting an attempt when there is no connection', async () => {
		const w = world([entry('a', T)], [refused({ code: 'offline', message: '' })]);
		expect(await drain(w.io)).toEqual({ kind: 'offline' });
		expect(w.stored.get('a')).toEqual(entry('a', T));
	});
});

describe('retry delays', () => {
	it('double from 2 s up to 5 minutes, with a jitter of ±50 %', () => {
		expect([1, 2, 3, 4].map((n) => backoffMs(n, 0.5))).toEqual([2_000, 4_000, 8_000, 16_000]);
		expect(backoffMs(30, 0.5)).toBe(BACKOFF_MAX_MS);
		expect(backoffMs(1, 0)).toBe(1_000);
		expect(backoffMs(1, 0.999)).toBe(2_998);
	});

	it('treat every error code as permanent, passing, or a reason to wait for the connection', () => {
		const kind = (code: ClientError['code']) =>
			verdict(refused({ code, message: '' } as ClientError), 1, 0.5).kind;
		expect(
			['invalid', 'unauthorized', 'forbidden', 'not_found', 'conflict', 'invalid_state'].map((c) =>
				kind(c as ClientError['code'])
			)
		).toEqual(Array(6).fill('failed'));
		expect(
			['internal', 'timeout', 'protocol_mismatch', 'rate_limited'].map((c) =>
				kind(c as ClientError['code'])
			)
		).toEqual(Array(4).fill('retry'));
		expect(kind('offline')).toBe('offline');
	});
});

describe('a new entry', () => {
	it('is ordered after every queued entry even when the device clock stepped back', () => {
		const queued = [entry('a', T + 10)];
		const made = newEntry('b', ASK, { text: 'b' } as never, T, queued);
		expect(made.createdAt).toBe(T + 11);
		expect(inSendOrder([made, ...queued]).map((e) => e.id)).toEqual(['a', 'b']);
	});
});
