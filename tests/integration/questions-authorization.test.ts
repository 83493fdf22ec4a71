import { afterEach, describe, expect, it } from 'vitest';
import {
	asked,
	CURRENT,
	list,
	moderate,
	recordQuestions,
	until,
	UPCOMING
} from './support/questions.ts';
import { send, TRACK, World } from './world.ts';

const world = new World();
afterEach(() => world.cleanup());

const exportUrl = (url: string, query = 'format=csv') => `${url}/api/questions/export?${query}`;

describe('a non-chair', () => {
	it('gets forbidden for moderating, configuring and closing, and nothing changes', async () => {
		const server = await world.start();
		const chair = (await world.joinAsChair(server)).socket;
		const attendee = (await world.join(server)).socket;
		const seen = recordQuestions(attendee);
		const q = await asked(attendee);
		const before = await list(chair);

		const attempts: [string, Record<string, unknown>][] = [
			...['approve', 'hide', 'unhide', 'answer', 'reopen', 'pin', 'unpin'].map(
				(action): [string, Record<string, unknown>] => [
					'question:moderate',
					{ questionId: q.id, action }
				]
			),
			['questions:configure', { trackId: TRACK, premoderated: true }],
			['questions:close', { slotId: CURRENT, closed: true }],
			['questions:close', { slotId: UPCOMING, closed: true }]
		];
		for (const [name, payload] of attempts) {
			const ack = await send(attendee, name, payload);
			expect(ack, `${name} ${JSON.stringify(payload)}`).toMatchObject({
				ok: false,
				error: { code: 'forbidden' }
			});
		}

		expect(await list(chair)).toEqual(before);
		const { snapshot } = await world.join(server);
		expect(snapshot.questionSettings).toEqual([
			{ trackId: TRACK, premoderated: false, closedSlotIds: [] }
		]);
		const later = await asked(attendee, { slotId: UPCOMING });
		expect(later.status).toBe('open');
		await until(() => seen.updated.length === 2);
		expect(seen.updated.map((u) => u.id)).toEqual([q.id, later.id]);
		expect(seen.settings).toEqual([]);
	});

	it('cannot export, with no cookie or a forged one', async () => {
		const server = await world.start();
		for (const cookie of [undefined, 'dais_chair=forged.value', 'dais_chair=']) {
			for (const query of ['format=csv', 'format=md', `format=md&slotId=${CURRENT}`]) {
				const res = await fetch(exportUrl(server.url, query), {
					headers: cookie ? { cookie } : {}
				});
				expect(res.status).toBe(403);
				expect(res.headers.get('content-disposition')).toBeNull();
				expect(await res.json()).toEqual({
					error: { code: 'forbidden', message: expect.any(String) }
				});
			}
		}
	});
});

describe('a chair who signed out', () => {
	it('can no longer moderate, export or see hidden questions on the same socket', async () => {
		const server = await world.start();
		const { socket: chair, cookie } = await world.joinAsChair(server);
		const attendee = (await world.join(server)).socket;
		const q = await asked(attendee);
		await moderate(chair, q.id, 'hide');
		expect((await list(chair)).questions.map((u) => u.status)).toEqual(['hidden']);

		const out = await fetch(`${server.url}/api/chair/session`, {
			method: 'DELETE',
			headers: { cookie }
		});
		expect(out.status).toBe(204);

		expect(await moderate(chair, q.id, 'unhide')).toMatchObject({ error: { code: 'forbidden' } });
		expect((await list(chair)).questions).toEqual([]);
		expect((await fetch(exportUrl(server.url), { headers: { cookie } })).status).toBe(403);
		// It stays in the track room, not in the chair room: a pending question passes it by,
		// and the public settings event sent after it is the barrier.
		const seen = recordQuestions(chair);
		const newChair = (await world.joinAsChair(server)).socket;
		await send(newChair, 'questions:configure', { trackId: TRACK, premoderated: true });
		expect((await asked(attendee)).status).toBe('pending');
		await send(newChair, 'questions:configure', { trackId: TRACK, premoderated: false });
		await until(() => seen.settings.length === 2);
		expect(seen.updated).toEqual([]);
	});
});
