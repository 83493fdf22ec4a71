import { afterEach, describe, expect, it } from 'vitest';
import type { Question } from '#shared/schema/question.ts';
import {
	ask,
	asked,
	BREAK,
	CURRENT,
	LATER,
	list,
	newId,
	PAST,
	recordQuestions,
	until,
	UPCOMING
} from './support/questions.ts';
import { deviceTokenOf, NOW, send, TRACK, World } from './world.ts';

const world = new World();
afterEach(() => world.cleanup());

describe('asking a question', () => {
	it('acks the stored question and shows it to every client of the track', async () => {
		const server = await world.start();
		const { socket: asker } = await world.join(server);
		const { socket: other } = await world.join(server);
		const seen = recordQuestions(other);
		const id = newId();

		const ack = await ask(asker, { id, text: 'Does cgroup v2 break Docker?', authorName: 'Ada' });

		const expected: Question = {
			id,
			trackId: TRACK,
			slotId: CURRENT,
			text: 'Does cgroup v2 break Docker?',
			authorName: 'Ada',
			createdAt: NOW,
			status: 'open',
			pinned: false,
			votes: 0
		};
		expect(ack).toEqual({ ok: true, data: expected });
		await until(() => seen.updated.length === 1);
		expect(seen.updated).toEqual([expected]);
		expect((await list(other)).questions).toEqual([expected]);
	});

	it('stores the same id sent twice once, and acks the stored question again', async () => {
		const server = await world.start();
		const { socket: asker } = await world.join(server);
		const seen = recordQuestions((await world.join(server)).socket);
		const payload = { id: newId(), slotId: CURRENT, text: 'Once?' };

		const first = await send(asker, 'question:ask', payload);
		server.clock.advance(5_000);
		const second = await send(asker, 'question:ask', payload);
		const [third, fourth] = await Promise.all([
			send(asker, 'question:ask', payload),
			send(asker, 'question:ask', payload)
		]);
		const marker = await asked(asker, { text: 'the last one' });

		expect(first.ok).toBe(true);
		expect([second, third, fourth]).toEqual([first, first, first]);
		await until(() => seen.updated.some((q) => q.id === marker.id));
		expect(seen.updated.map((q) => q.id)).toEqual([payload.id, marker.id]);
		expect((await list(asker)).questions.map((q) => q.id)).toEqual([payload.id, marker.id]);
	});

	it('acks an outbox retry (same commandId) with the stored question, in one write, also after a restart', async () => {
		const server = await world.start();
		const { socket: asker } = await world.join(server);
		const token = await deviceTokenOf(asker);
		const payload = { id: newId(), slotId: CURRENT, text: 'Sent twice?', commandId: newId() };

		const first = await send(asker, 'question:ask', payload);
		expect(first.ok).toBe(true);
		// the question's id is the ask's idempotency key: no second record per ask
		expect(await server.store.commands.get(payload.commandId)).toBeNull();

		const again = await world.restart(server);
		const { socket: back } = await world.join(again, { deviceToken: token });
		expect(await send(back, 'question:ask', payload)).toEqual(first);
		expect((await list(back)).questions.map((q) => q.id)).toEqual([payload.id]);
	});

	it('treats an upper-case spelling of the id as the same id', async () => {
		const server = await world.start();
		const { socket } = await world.join(server);
		const id = newId();
		const first = await ask(socket, { id, text: 'Case?' });
		const second = await ask(socket, { id: id.toUpperCase(), text: 'Case?' });
		expect(second).toEqual(first);
		expect((await list(socket)).questions).toHaveLength(1);
	});

	it('answers conflict for a taken id with other content or from another device', async () => {
		const server = await world.start();
		const { socket: asker } = await world.join(server);
		const { socket: other } = await world.join(server);
		const original = await asked(asker, { text: 'Mine', authorName: 'Ada' });
		const retry = { id: original.id, slotId: CURRENT, text: 'Mine', authorName: 'Ada' };

		const conflicts = [
			await send(asker, 'question:ask', { ...retry, text: 'Mine, edited' }),
			await send(asker, 'question:ask', { ...retry, authorName: 'Bob' }),
			await send(asker, 'question:ask', { ...retry, slotId: UPCOMING }),
			await send(other, 'question:ask', retry)
		];

		for (const ack of conflicts)
			expect(ack).toMatchObject({ ok: false, error: { code: 'conflict' } });
		expect((await list(asker)).questions).toEqual([original]);
	});

	it('stores HTML and script payloads exactly as the text they are', async () => {
		const server = await world.start();
		const { socket } = await world.join(server);
		const payloads = [
			'<script>alert("x")</script>',
			'<img src=x onerror=alert(1)>',
			'"><svg/onload=alert(document.cookie)>',
			"'; DROP TABLE question; --",
			'{{constructor.constructor("alert(1)")()}}',
			'[click](javascript:alert(1)) & &amp; &lt;b&gt;'
		];
		for (const text of payloads) {
			await asked(socket, { text, authorName: text.slice(0, 30) });
			server.clock.advance(12_000); // stays under 5 questions a minute
		}

		const stored = (await list(socket)).questions;
		expect(stored.map((q) => q.text)).toEqual(payloads);
		expect(stored.map((q) => q.authorName)).toEqual(payloads.map((t) => t.slice(0, 30)));
	});

	it('normalises text to NFC with LF line breaks, trimmed, and an empty name to anonymous', async () => {
		const server = await world.start();
		const { socket } = await world.join(server);
		const decomposed = 'Cafe\u0301 \r\nline two\rline three';
		const q = await asked(socket, { text: `  ${decomposed}\n\t `, authorName: '  \u00a0 ' });
		const named = await asked(socket, { text: 'Hi', authorName: '  Zoe\u0308  ' });
		const unnamed = await asked(socket, { text: 'Hey', authorName: null });

		expect(q.text).toBe('Café \nline two\nline three');
		expect(q.authorName).toBeNull();
		expect(named.authorName).toBe('Zoë');
		expect(unnamed.authorName).toBeNull();
	});
});

describe('which slots take questions', () => {
	it('takes them for the running slot and for upcoming ones', async () => {
		const server = await world.start();
		const { socket } = await world.join(server);
		for (const slotId of [CURRENT, UPCOMING, LATER]) {
			expect(await ask(socket, { slotId })).toMatchObject({ ok: true, data: { slotId } });
		}
	});

	it('answers invalid_state for a past slot, a break and a slot the chair closed', async () => {
		const server = await world.start();
		const chair = await world.joinAsChair(server);
		const { socket } = await world.join(server);
		expect(
			await send(chair.socket, 'questions:close', { slotId: UPCOMING, closed: true })
		).toMatchObject({
			ok: true
		});

		for (const slotId of [PAST, BREAK, UPCOMING]) {
			const ack = await ask(socket, { slotId });
			expect(ack, slotId).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
		}
		expect(await ask(socket, { slotId: PAST })).toMatchObject({
			error: { message: expect.stringMatching(/questions are closed/) }
		});
		expect(await ask(socket, { slotId: UPCOMING })).toMatchObject({
			error: { message: expect.stringMatching(/questions are closed/) }
		});
		expect(await ask(socket, { slotId: 's99-nowhere' })).toMatchObject({
			ok: false,
			error: { code: 'not_found' }
		});
	});

	it('closes the running slot once the chair ends it, or once its planned end has passed', async () => {
		const server = await world.start();
		const chair = await world.joinAsChair(server);
		const { socket } = await world.join(server);
		expect((await send(chair.socket, 'timer:start', { trackId: TRACK })).ok).toBe(true);
		expect((await send(chair.socket, 'timer:end', { trackId: TRACK })).ok).toBe(true);
		expect(await ask(socket, { slotId: CURRENT })).toMatchObject({
			error: { code: 'invalid_state' }
		});

		const planned = await world.start();
		const { socket: early } = await world.join(planned);
		expect((await ask(early, { slotId: CURRENT })).ok).toBe(true);
		planned.clock.advance(25 * 60_000);
		expect(await ask(early, { slotId: CURRENT })).toMatchObject({
			error: { code: 'invalid_state' }
		});
		expect((await ask(early, { slotId: UPCOMING })).ok).toBe(true);
	});

	it('still acks the retry of a question stored before its slot closed', async () => {
		const server = await world.start();
		const chair = await world.joinAsChair(server);
		const { socket } = await world.join(server);
		const payload = { id: newId(), slotId: UPCOMING, text: 'Sent before closing' };
		const first = await send(socket, 'question:ask', payload);
		await send(chair.socket, 'questions:close', { slotId: UPCOMING, closed: true });

		expect(await send(socket, 'question:ask', payload)).toEqual(first);
	});
});

describe('an acked question', () => {
	it('is there after a restart, with the device that asked it still recognised', async () => {
		const server = await world.start();
		const { socket } = await world.join(server);
		const token = await deviceTokenOf(socket);
		const question = await asked(socket, { text: 'Still here?' });

		const again = await world.restart(server);
		const { socket: back } = await world.join(again, { deviceToken: token });

		expect(await list(back)).toEqual({ questions: [question], mine: [question.id], voted: [] });
		expect(await ask(back, { id: question.id, text: 'Still here?' })).toEqual({
			ok: true,
			data: question
		});
	});
});
