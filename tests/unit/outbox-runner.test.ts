import { describe, expect, it, vi } from 'vitest';
import type { CommandAck, Connection } from '$lib/client/connection/connection.svelte.ts';
import type { OutboxEntry, QueueableCommand } from '$lib/client/offline/outbox.ts';
import { Outbox, type OutboxStorage, type Refusal } from '$lib/client/offline/outbox.svelte.ts';

// No attendee write exists in the catalog yet; the outbox does not depend on the name.
const ASK = 'question:ask' as QueueableCommand;

function memoryStorage(): OutboxStorage & {
	entries: Map<string, OutboxEntry>;
	refusals: () => Promise<Refusal[]>;
} {
	const entries = new Map<string, OutboxEntry>();
	const refused = new Map<string, Refusal>();
	return {
		entries,
		list: async () => [...entries.values()].sort((a, b) => a.createdAt - b.createdAt),
		put: async (e) => void entries.set(e.id, e),
		remove: async (id) => void entries.delete(id),
		refusals: async () => [...refused.values()],
		refuse: async (r) => void refused.set(r.id, r),
		forget: async (id) => void refused.delete(id)
	};
}

/** A connection whose server answers from a script; it records what it was sent. */
function server(answers: CommandAck<never>[]) {
	const sent: { name: string; payload: Record<string, unknown> }[] = [];
	const connection = {
		command: async (name: string, payload: Record<string, unknown>) => {
			sent.push({ name, payload });
			return answers.shift() ?? { ok: true, data: {} };
		}
	} as unknown as Connection;
	return { connection, sent };
}

describe('the page outbox', () => {
	it('stores a write on the device before sending it, and forgets it once acked', async () => {
		const storage = memoryStorage();
		const { connection, sent } = server([]);
		const outbox = new Outbox({ storage, connection });

		const entry = await outbox.enqueue(ASK, { text: 'hello' } as never);
		expect(storage.entries.get(entry.id)).toMatchObject({ name: ASK, payload: { text: 'hello' } });
		await vi.waitFor(() => expect(outbox.queued).toEqual([]));

		expect(sent).toEqual([{ name: ASK, payload: { text: 'hello', commandId: entry.id } }]);
		expect(storage.entries.size).toBe(0);
	});

	it('keeps a write queued while there is no connection, and sends it on flush', async () => {
		const storage = memoryStorage();
		const offline: CommandAck<never> = { ok: false, error: { code: 'offline', message: '' } };
		const { connection, sent } = server([offline]);
		const outbox = new Outbox({ storage, connection });

		await outbox.enqueue(ASK, { text: 'later' } as never);
		await vi.waitFor(() => expect(sent).toHaveLength(1));
		expect(outbox.queued).toHaveLength(1);
		expect(storage.entries.size).toBe(1);

		outbox.flush();
		await vi.waitFor(() => expect(outbox.queued).toEqual([]));
		expect(sent).toHaveLength(2);
		expect(storage.entries.size).toBe(0);
	});

	it('reports a write the server refused for good and drops it', async () => {
		const storage = memoryStorage();
		const refusal: CommandAck<never> = { ok: false, error: { code: 'invalid', message: 'empty' } };
		const { connection } = server([refusal]);
		const outbox = new Outbox({ storage, connection });

		await outbox.enqueue(ASK, { text: '' } as never);
		await vi.waitFor(() => expect(outbox.refused).toHaveLength(1));

		expect(outbox.refused.map((r) => r.error.code)).toEqual(['invalid']);
		expect(outbox.queued).toEqual([]);
		expect(storage.entries.size).toBe(0);
	});

	it('shows what an earlier visit left queued', async () => {
		const storage = memoryStorage();
		await storage.put({
			id: 'a',
			name: ASK,
			payload: {} as never,
			createdAt: 1,
			attempts: 2,
			retryAt: 0
		});
		const outbox = new Outbox({ storage, connection: server([]).connection });
		await outbox.load();
		expect(outbox.queued.map((e) => e.id)).toEqual(['a']);
	});

	it('keeps a write the server refused for good on the device until it is discarded', async () => {
		const storage = memoryStorage();
		const refusal: CommandAck<never> = { ok: false, error: { code: 'invalid', message: 'x' } };
		const first = new Outbox({ storage, connection: server([refusal]).connection });
		const entry = await first.enqueue(ASK, { text: 'kept' } as never);
		await vi.waitFor(() => expect(first.refused).toHaveLength(1));

		const reloaded = new Outbox({ storage, connection: server([]).connection });
		await reloaded.load();
		expect(reloaded.refused.map((r) => [r.id, r.entry.payload])).toEqual([
			[entry.id, { text: 'kept' }]
		]);
		await reloaded.discard(entry.id);
		expect(reloaded.refused).toEqual([]);
		expect(await storage.refusals()).toEqual([]);
		reloaded.stop();
		first.stop();
	});

	it('sends a write whose answer was lost at once when the connection comes back', async () => {
		vi.useFakeTimers();
		try {
			const storage = memoryStorage();
			const lost: CommandAck<never> = { ok: false, error: { code: 'timeout', message: '' } };
			const { connection, sent } = server([lost]);
			Object.assign(connection, { status: 'live' });
			const outbox = new Outbox({ storage, connection });
			await outbox.enqueue(ASK, { text: 'flapping' } as never);
			await vi.waitFor(() => expect(outbox.queued[0]?.lastError).toBe('timeout'));

			outbox.flush(true);
			await vi.waitFor(() => expect(outbox.queued).toEqual([]));
			expect(sent).toHaveLength(2);
		} finally {
			vi.useRealTimers();
		}
	});

	it('waits for the connection, without backing off, when a send was lost with it', async () => {
		const storage = memoryStorage();
		const lost: CommandAck<never> = { ok: false, error: { code: 'timeout', message: '' } };
		const { connection } = server([lost]);
		Object.assign(connection, { status: 'reconnecting' });
		const outbox = new Outbox({ storage, connection });
		const entry = await outbox.enqueue(ASK, { text: 'lost' } as never);
		await new Promise((resolve) => setTimeout(resolve, 10));
		expect(storage.entries.get(entry.id)).toMatchObject({ attempts: 0, retryAt: 0 });
	});

	it('tells its listeners what the server took, and not what it refused', async () => {
		const storage = memoryStorage();
		const refusal: CommandAck<never> = { ok: false, error: { code: 'invalid', message: 'x' } };
		const outbox = new Outbox({ storage, connection: server([refusal]).connection });
		const sent: string[] = [];
		outbox.onSent((entry) => sent.push(entry.id));
		await outbox.enqueue(ASK, { text: 'refused' } as never);
		const taken = await outbox.enqueue(ASK, { text: 'taken' } as never);
		await vi.waitFor(() => expect(outbox.queued).toEqual([]));
		expect(sent).toEqual([taken.id]);
	});

	it('tells the listeners of every tab of the device what one of them sent', async () => {
		const storage = memoryStorage();
		const tabA = new Outbox({ storage, connection: server([]).connection });
		const tabB = new Outbox({ storage, connection: server([]).connection });
		await Promise.all([tabA.load(), tabB.load()]);
		const seenByB: string[] = [];
		tabB.onSent((entry) => seenByB.push(entry.id));
		const entry = await tabA.enqueue(ASK, { text: 'from tab A' } as never);
		await vi.waitFor(() => expect(seenByB).toEqual([entry.id]));
		tabA.stop();
		tabB.stop();
	});

	it('stops showing as waiting what another tab of the device has sent', async () => {
		const storage = memoryStorage();
		const offline: CommandAck<never> = { ok: false, error: { code: 'offline', message: '' } };
		const tabA = new Outbox({ storage, connection: server([offline]).connection });
		const tabB = new Outbox({ storage, connection: server([offline]).connection });
		await Promise.all([tabA.load(), tabB.load()]);
		await tabA.enqueue(ASK, { text: 'from tab A' } as never);
		await vi.waitFor(() => expect(tabB.queued).toHaveLength(1));

		tabA.flush();
		await vi.waitFor(() => expect(tabA.queued).toEqual([]));
		await vi.waitFor(() => expect(tabB.queued).toEqual([]));
		tabA.stop();
		tabB.stop();
	});
});
