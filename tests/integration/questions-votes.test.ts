import { isDeepStrictEqual } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { VOTES_INTERVAL_MS } from '#shared/protocol.ts';
import type { Question } from '#shared/schema/question.ts';
import { asked, list, moderate, newId, recordQuestions, until, vote } from './support/questions.ts';
import { deviceTokenOf, send, TRACK, World, type Client, type TestServer } from './world.ts';

const world = new World();
afterEach(() => world.cleanup());

async function device(server: TestServer, deviceToken?: unknown) {
	const { socket } = await world.join(server, deviceToken === undefined ? {} : { deviceToken });
	return socket;
}

const idOf = (token: string) => token.split('.')[0]!;

describe('voting', () => {
	it('counts one vote per device however often it votes, and withdraws it once', async () => {
		const server = await world.start();
		const q = await asked(await device(server));
		const voter = await device(server);
		const other = await device(server);

		expect(await vote(voter, q.id)).toEqual({
			ok: true,
			data: { questionId: q.id, votes: 1, voted: true }
		});
		expect(await vote(voter, q.id)).toMatchObject({ data: { votes: 1, voted: true } });
		expect(await vote(other, q.id)).toMatchObject({ data: { votes: 2 } });
		await Promise.all([vote(voter, q.id, false), vote(voter, q.id, false)]);

		expect((await list(voter)).voted).toEqual([]);
		expect((await list(other)).voted).toEqual([q.id]);
		expect((await list(voter)).questions[0]?.votes).toBe(1);
	});

	it('acks a vote retried under its commandId with its first result, without applying it again', async () => {
		const server = await world.start();
		const q = await asked(await device(server));
		const voter = await device(server);
		const up = { questionId: q.id, voted: true, commandId: crypto.randomUUID() };
		const first = await send(voter, 'question:vote', up);
		expect(first).toEqual({ ok: true, data: { questionId: q.id, votes: 1, voted: true } });
		await send(voter, 'question:vote', {
			questionId: q.id,
			voted: false,
			commandId: crypto.randomUUID()
		});

		const again = await world.restart(server);
		const back = await device(again, await deviceTokenOf(voter));
		expect(await send(back, 'question:vote', up)).toEqual(first);
		expect((await list(back)).voted).toEqual([]);
		expect((await list(back)).questions[0]?.votes).toBe(0);
	});

	it('keeps a device its votes when it comes back with its token, also after a restart', async () => {
		const server = await world.start();
		const q = await asked(await device(server));
		const voter = await device(server);
		const token = await deviceTokenOf(voter);
		await vote(voter, q.id);
		voter.disconnect();

		const again = await world.restart(server);
		const back = await device(again, token);
		expect(await vote(back, q.id)).toMatchObject({ data: { votes: 1 } });
		expect((await list(back)).voted).toEqual([q.id]);
		await expect(deviceTokenOf(back, 200)).rejects.toThrow(/no device:token/);
	});

	it('gives a forged, malformed or foreign token a fresh device that cannot vote as another', async () => {
		const server = await world.start();
		const q = await asked(await device(server));
		const victim = await device(server);
		const token = await deviceTokenOf(victim);
		await vote(victim, q.id);
		const foreign = await deviceTokenOf(await device(await world.start()));
		const [id, sig] = token.split('.') as [string, string];
		const flipped = `${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`;
		const forgeries: unknown[] = [
			`${id}.${flipped}`,
			`${id}.`,
			id,
			`${id}.${sig}.extra`,
			`${idOf(foreign)}.${sig}`,
			foreign,
			'x'.repeat(300),
			42,
			{ token },
			null
		];

		for (const forged of forgeries) {
			const attacker = await device(server, forged);
			const fresh = await deviceTokenOf(attacker);
			expect(idOf(fresh), JSON.stringify(forged)).not.toBe(id);
			expect(await vote(attacker, q.id, false)).toMatchObject({ data: { votes: 1 } });
			expect((await list(attacker)).voted).toEqual([]);
			attacker.disconnect();
		}
		expect((await list(victim)).voted).toEqual([q.id]);
		const withFresh = await device(server, await deviceTokenOf(await device(server)));
		expect(await vote(withFresh, q.id)).toMatchObject({ data: { votes: 2 } });
	});

	it('answers not_found for pending, hidden and unknown questions', async () => {
		const server = await world.start();
		const chair = await world.joinAsChair(server);
		const hidden = await asked(await device(server));
		await moderate(chair.socket, hidden.id, 'hide');
		await send(chair.socket, 'questions:configure', { trackId: TRACK, premoderated: true });
		const pending = await asked(await device(server));
		const voter = await device(server);

		for (const id of [hidden.id, pending.id, newId()]) {
			expect(await vote(voter, id)).toMatchObject({ ok: false, error: { code: 'not_found' } });
		}
		expect(pending.status).toBe('pending');
	});
});

describe('vote broadcasts', () => {
	it('sends the new counts to the track within one interval of a vote', async () => {
		const server = await world.start();
		const q = await asked(await device(server));
		const observer = recordQuestions(await device(server));
		await vote(await device(server), q.id);
		await until(() => observer.votes.length === 1);
		expect(observer.votes).toEqual([{ slotId: q.slotId, votes: { [q.id]: 1 } }]);
	});

	it('sends only the counts of the questions voted on since the last broadcast', async () => {
		const server = await world.start();
		const asker = await device(server);
		const first = await asked(asker, { text: 'First?' });
		const second = await asked(asker, { text: 'Second?' });
		const third = await asked(asker, { text: 'Third?' });
		const observer = recordQuestions(await device(server));
		const voter = await device(server);
		await vote(await device(server), first.id);
		await until(() => observer.votes.length === 1);
		await vote(voter, second.id);
		await until(() => observer.votes.length === 2);
		await vote(voter, first.id);
		await until(() => observer.votes.length === 3);

		const slotId = first.slotId;
		expect(observer.votes).toEqual([
			{ slotId, votes: { [first.id]: 1 } },
			{ slotId, votes: { [second.id]: 1 } },
			{ slotId, votes: { [first.id]: 2 } }
		]);
		const listed = (await list(voter)).questions;
		expect(listed.map((q) => [q.text, q.votes])).toEqual(
			expect.arrayContaining([
				['First?', 2],
				['Second?', 1],
				['Third?', 0]
			])
		);
		expect(listed.map((q) => q.id)).toContain(third.id);
	});

	it('coalesces a burst of 100 votes into few broadcasts that end with the right counts', async () => {
		const server = await world.start();
		const observer = recordQuestions(await device(server));
		const questions: Question[] = [];
		for (const asker of [await device(server), await device(server)]) {
			for (let i = 0; i < 5; i++) questions.push(await asked(asker, { text: `Q${i}?` }));
		}
		const voters: Client[] = [];
		for (let i = 0; i < 10; i++) voters.push(await device(server));
		const everyoneVoted = Object.fromEntries(questions.map((q) => [q.id, 10]));

		// a broadcast carries the questions voted on since the previous one: merged, the counts
		const merged = () => Object.assign({}, ...observer.votes.map((v) => v.votes));
		const started = performance.now();
		const acks = await Promise.all(voters.flatMap((v) => questions.map((q) => vote(v, q.id))));
		await until(() => isDeepStrictEqual(merged(), everyoneVoted));
		const elapsed = performance.now() - started;

		expect(acks.every((ack) => ack.ok)).toBe(true);
		// Broadcasts are VOTES_INTERVAL_MS apart whatever the speed of this machine: one at the
		// leading edge, one per interval after it, plus one for the timers' ms granularity.
		expect(observer.votes.length).toBeLessThanOrEqual(Math.floor(elapsed / VOTES_INTERVAL_MS) + 2);
		expect(observer.votes.length).toBeLessThan(100);
		for (const q of questions) {
			const counts = observer.votes.flatMap((v) => (q.id in v.votes ? [v.votes[q.id]!] : []));
			expect(counts).toEqual([...counts].sort((a, b) => a - b));
			expect(counts.at(-1)).toBe(10);
		}
		expect((await list(voters[0]!)).questions.map((q) => q.votes)).toEqual(Array(10).fill(10));
	});
});
