// The default throttles (README): per device 5 questions, 60 votes and 60 lists a minute;
// per client address 60 questions, 1200 votes and 3000 lists a minute. Every client here
// shares 127.0.0.1.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_QUESTION_LIMITS } from '../../server/services/question.service.ts';
import { ask, asked, CURRENT, list, newId, vote } from './support/questions.ts';
import { send, World, type AnyAck, type Client, type TestServer } from './world.ts';

const world = new World();
afterEach(() => world.cleanup());

const MINUTE = 60_000;
const limited = (ack: AnyAck) => {
	expect(ack).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
	return (ack as { error: { retryAfterMs?: number } }).error.retryAfterMs;
};

const listAck = (socket: Client) => send(socket, 'question:list', { slotId: CURRENT });

async function devices(server: TestServer, n: number): Promise<Client[]> {
	return Promise.all(Array.from({ length: n }, async () => (await world.join(server)).socket));
}

describe('question limits', () => {
	it('uses the documented defaults', () => {
		expect(DEFAULT_QUESTION_LIMITS).toEqual({
			askPerDevice: 5,
			askPerAddress: 60,
			votePerDevice: 60,
			votePerAddress: 1200,
			listPerDevice: 60,
			listPerAddress: 3000,
			windowMs: MINUTE
		});
	});

	it('refuses a sixth question within a minute from one device, and recovers after it', async () => {
		const server = await world.start();
		const [phone, neighbour] = await devices(server, 2);
		const accepted = [];
		for (let i = 0; i < 5; i++) {
			accepted.push(await asked(phone!, { text: `Q${i}` }));
			server.clock.advance(10_000);
		}
		const retry = { id: accepted[0]!.id, text: 'Q0' };

		expect(limited(await ask(phone!))).toBe(10_000);
		expect(await ask(phone!, retry)).toEqual({ ok: true, data: accepted[0] });
		expect((await ask(neighbour!)).ok).toBe(true);
		server.clock.advance(9_999);
		expect(limited(await ask(phone!))).toBe(1);
		server.clock.advance(1);
		expect((await ask(phone!)).ok).toBe(true);
		expect(limited(await ask(phone!))).toBe(10_000);
		expect((await list(phone!)).mine).toHaveLength(6);
	});

	it('refuses questions beyond 60 a minute from one address, across devices', async () => {
		const server = await world.start();
		const phones = await devices(server, 13);
		for (const phone of phones.slice(0, 12)) {
			const acks = await Promise.all(Array.from({ length: 5 }, () => ask(phone)));
			expect(acks.every((a) => a.ok)).toBe(true);
		}
		expect(limited(await ask(phones[12]!))).toBe(MINUTE);
		server.clock.advance(MINUTE);
		expect((await ask(phones[12]!)).ok).toBe(true);
	});

	it('refuses a 61st vote within a minute from one device, counting withdrawals too', async () => {
		const server = await world.start();
		const [asker, voter] = await devices(server, 2);
		const q = await asked(asker!);
		for (let i = 0; i < 60; i++) expect((await vote(voter!, q.id, i % 2 === 0)).ok).toBe(true);

		expect(limited(await vote(voter!, q.id))).toBe(MINUTE);
		expect((await vote(asker!, q.id)).ok).toBe(true);
		server.clock.advance(MINUTE);
		expect(await vote(voter!, q.id)).toMatchObject({ ok: true, data: { votes: 2 } });
	});

	it('refuses votes beyond 1200 a minute from one address, across devices', async () => {
		const server = await world.start();
		const askers = await devices(server, 12);
		const questions = [];
		for (const asker of askers) {
			for (let i = 0; i < 5; i++) questions.push(await asked(asker, { text: newId() }));
		}
		const voters = await devices(server, 21);
		for (const voter of voters.slice(0, 20)) {
			const acks = await Promise.all(questions.map((q) => vote(voter, q.id)));
			expect(acks.every((a) => a.ok)).toBe(true);
		}

		expect(limited(await vote(voters[20]!, questions[0]!.id))).toBe(MINUTE);
		server.clock.advance(MINUTE);
		expect(await vote(voters[20]!, questions[0]!.id)).toMatchObject({
			ok: true,
			data: { votes: 21 }
		});
	});

	it('refuses a 61st question list within a minute from one device, and recovers after it', async () => {
		const server = await world.start();
		const [phone, neighbour] = await devices(server, 2);
		const q = await asked(neighbour!);
		for (let i = 0; i < 60; i++) {
			expect((await list(phone!)).questions).toEqual([q]);
			server.clock.advance(500);
		}

		const refused = await listAck(phone!);
		expect(limited(refused)).toBe(MINUTE - 30_000);
		expect(refused).toMatchObject({
			error: { message: 'too many question lists; try again in 30 s' }
		});
		expect((await list(neighbour!)).questions).toEqual([q]);
		server.clock.advance(MINUTE - 30_000);
		expect((await list(phone!)).questions).toEqual([q]);
	});

	it('refuses question lists beyond 3000 a minute from one address, across devices', async () => {
		const server = await world.start();
		const phones = await devices(server, 51);
		for (const phone of phones.slice(0, 50)) {
			const acks = await Promise.all(Array.from({ length: 60 }, () => listAck(phone)));
			expect(acks.every((a) => a.ok)).toBe(true);
		}

		expect(limited(await listAck(phones[50]!))).toBe(MINUTE);
		server.clock.advance(MINUTE);
		expect((await listAck(phones[50]!)).ok).toBe(true);
	});
});
