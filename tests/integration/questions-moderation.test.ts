// Chairs moderating questions, seen from a chair, the asker and another attendee. Where an
// event must NOT reach an attendee, a later public event serves as the barrier: events to
// one socket arrive in order, so once the later one is there, the earlier one would be too.
import { afterEach, describe, expect, it } from 'vitest';
import {
	asked,
	CURRENT,
	list,
	moderate,
	newId,
	recordQuestions,
	until,
	UPCOMING,
	vote
} from './support/questions.ts';
import { deviceTokenOf, send, TRACK, World, type Client } from './world.ts';

const world = new World();
afterEach(() => world.cleanup());

async function room() {
	const server = await world.start();
	const chair = (await world.joinAsChair(server)).socket;
	const asker = (await world.join(server)).socket;
	const other = (await world.join(server)).socket;
	return {
		server,
		chair,
		asker,
		other,
		seenByChair: recordQuestions(chair),
		seenByAsker: recordQuestions(asker),
		seenByOther: recordQuestions(other)
	};
}

/** A public question from `socket`, waited for on `seen`; a barrier for earlier events. */
async function barrier(socket: Client, seen: { updated: { id: string }[] }[]) {
	const q = await asked(socket, { text: 'barrier' });
	await until(() => seen.every((s) => s.updated.some((u) => u.id === q.id)));
	return q;
}

describe('pre-moderation', () => {
	it('holds new questions as pending, for chairs and the asker only, until approved', async () => {
		const r = await room();
		const settings = await send(r.chair, 'questions:configure', {
			trackId: TRACK,
			premoderated: true
		});
		expect(settings).toEqual({
			ok: true,
			data: { trackId: TRACK, premoderated: true, closedSlotIds: [] }
		});
		await until(() => r.seenByOther.settings.length === 1);
		const { snapshot } = await world.join(r.server);
		expect(snapshot.questionSettings).toEqual([settings.ok && settings.data]);

		const pending = await asked(r.asker, { text: 'Is this allowed?' });
		expect(pending.status).toBe('pending');
		await until(() => r.seenByChair.updated.some((q) => q.id === pending.id));
		expect((await list(r.other)).questions).toEqual([]);
		expect(await list(r.asker)).toEqual({ questions: [pending], mine: [pending.id], voted: [] });
		expect((await list(r.chair)).questions).toEqual([pending]);

		const approved = await moderate(r.chair, pending.id, 'approve');
		expect(approved).toEqual({ ok: true, data: { ...pending, status: 'open' } });
		await until(() => r.seenByOther.updated.length === 1);
		expect(r.seenByOther.updated).toEqual([{ ...pending, status: 'open' }]);
		expect(r.seenByAsker.updated).toEqual([{ ...pending, status: 'open' }]);
		expect((await list(r.other)).questions).toEqual([{ ...pending, status: 'open' }]);
	});

	it("tells every socket of the asker's device at once when a pending question is approved or hidden, and no one else", async () => {
		const r = await room();
		await send(r.chair, 'questions:configure', { trackId: TRACK, premoderated: true });
		const deviceToken = await deviceTokenOf(r.asker);
		const secondTab = (await world.join(r.server, { deviceToken })).socket;
		const seenBySecondTab = recordQuestions(secondTab);
		const approved = await asked(r.asker, { text: 'Approve me' });
		const rejected = await asked(r.asker, { text: 'Hide me' });

		await moderate(r.chair, rejected.id, 'hide');
		const removal = [{ questionId: rejected.id, slotId: CURRENT }];
		await until(() => r.seenByAsker.removed.length + seenBySecondTab.removed.length === 2);
		expect(r.seenByAsker.removed).toEqual(removal);
		expect(seenBySecondTab.removed).toEqual(removal);

		await moderate(r.chair, approved.id, 'approve');
		await send(r.chair, 'questions:configure', { trackId: TRACK, premoderated: false });
		const last = await barrier(r.other, [r.seenByAsker, seenBySecondTab, r.seenByOther]);
		const expected = [
			[approved.id, 'open'],
			[last.id, 'open']
		];
		for (const seen of [r.seenByAsker, seenBySecondTab, r.seenByOther]) {
			expect(seen.updated.map((u) => [u.id, u.status])).toEqual(expected);
		}
		expect(r.seenByOther.removed).toEqual([]);
		// both were asked at the same test-clock instant, so their list order is by random id
		expect((await list(secondTab)).questions.map((q) => q.id).sort()).toEqual(
			[approved.id, last.id].sort()
		);
	});

	it('leaves questions asked while it was on pending after it is switched off', async () => {
		const r = await room();
		await send(r.chair, 'questions:configure', { trackId: TRACK, premoderated: true });
		const pending = await asked(r.asker);
		await send(r.chair, 'questions:configure', { trackId: TRACK, premoderated: false });
		const open = await asked(r.asker);
		expect([pending.status, open.status]).toEqual(['pending', 'open']);
		expect((await list(r.other)).questions.map((q) => q.id)).toEqual([open.id]);
	});
});

describe('hiding', () => {
	it('removes a public question from attendees and keeps it for chairs', async () => {
		const r = await room();
		const q = await asked(r.asker, { text: 'Something rude' });
		await vote(r.other, q.id);

		const hidden = await moderate(r.chair, q.id, 'hide');
		expect(hidden).toEqual({ ok: true, data: { ...q, status: 'hidden', votes: 1 } });
		await until(() => r.seenByOther.removed.length === 1);
		expect(r.seenByOther.removed).toEqual([{ questionId: q.id, slotId: CURRENT }]);
		await until(() => r.seenByChair.updated.some((u) => u.status === 'hidden'));
		await barrier(r.asker, [r.seenByChair, r.seenByOther]);
		expect(r.seenByChair.removed).toEqual([]);
		expect(r.seenByOther.updated.filter((u) => u.id === q.id).map((u) => u.status)).toEqual([
			'open'
		]);
		expect((await list(r.other)).questions.map((u) => u.id)).not.toContain(q.id);
		expect((await list(r.asker)).mine).toContain(q.id);
		expect((await list(r.chair)).questions.find((u) => u.id === q.id)?.status).toBe('hidden');

		const back = await moderate(r.chair, q.id, 'unhide');
		expect(back).toMatchObject({ ok: true, data: { status: 'open', votes: 1 } });
		await until(() => r.seenByOther.updated.some((u) => u.id === q.id && u.votes === 1));
	});

	it('hides a pending question from chairs only, never telling attendees about it', async () => {
		const r = await room();
		await send(r.chair, 'questions:configure', { trackId: TRACK, premoderated: true });
		const q = await asked(r.asker);
		await moderate(r.chair, q.id, 'hide');
		await send(r.chair, 'questions:configure', { trackId: TRACK, premoderated: false });
		await barrier(r.asker, [r.seenByChair, r.seenByOther]);
		expect(r.seenByOther.updated.map((u) => u.id)).not.toContain(q.id);
		expect(r.seenByOther.removed).toEqual([]);
		expect(r.seenByChair.updated.filter((u) => u.id === q.id).map((u) => u.status)).toEqual([
			'pending',
			'hidden'
		]);
	});

	it('leaves hidden questions out of the vote counts attendees receive', async () => {
		const r = await room();
		const kept = await asked(r.asker);
		const gone = await asked(r.asker);
		await moderate(r.chair, gone.id, 'hide');
		await vote(r.other, kept.id);
		await until(() => r.seenByOther.votes.length > 0);
		expect(r.seenByOther.votes.at(-1)).toEqual({ slotId: CURRENT, votes: { [kept.id]: 1 } });
	});
});

describe('answering and pinning', () => {
	it('marks a question answered and reopens it; repeating an action changes nothing', async () => {
		const r = await room();
		const q = await asked(r.asker);
		expect(await moderate(r.chair, q.id, 'answer')).toMatchObject({ data: { status: 'answered' } });
		expect(await moderate(r.chair, q.id, 'answer')).toMatchObject({ data: { status: 'answered' } });
		expect(await moderate(r.chair, q.id, 'approve')).toMatchObject({
			ok: false,
			error: { code: 'invalid_state' }
		});
		expect(await moderate(r.chair, q.id, 'reopen')).toMatchObject({ data: { status: 'open' } });
		await until(() => r.seenByOther.updated.filter((u) => u.id === q.id).length === 3);
		expect(r.seenByOther.updated.map((u) => u.status)).toEqual(['open', 'answered', 'open']);
	});

	it('pins one question per track: pinning another unpins the first, hiding unpins', async () => {
		const r = await room();
		const first = await asked(r.asker);
		const second = await asked(r.asker, { slotId: UPCOMING });
		expect(await moderate(r.chair, first.id, 'pin')).toMatchObject({ data: { pinned: true } });

		expect(await moderate(r.chair, second.id, 'pin')).toMatchObject({
			data: { id: second.id, pinned: true }
		});
		await until(() => r.seenByOther.updated.length === 5);
		expect(r.seenByOther.updated.slice(2).map((u) => [u.id, u.pinned])).toEqual([
			[first.id, true],
			[first.id, false],
			[second.id, true]
		]);
		expect((await list(r.other)).questions[0]?.pinned).toBe(false);

		expect(await moderate(r.chair, second.id, 'hide')).toMatchObject({
			data: { status: 'hidden', pinned: false }
		});
		expect(await moderate(r.chair, second.id, 'pin')).toMatchObject({
			ok: false,
			error: { code: 'invalid_state' }
		});
		expect(await moderate(r.chair, newId(), 'pin')).toMatchObject({
			ok: false,
			error: { code: 'not_found' }
		});
	});
});

describe('closing a slot', () => {
	it('closes and reopens a slot for new questions and tells the track', async () => {
		const r = await room();
		const closed = await send(r.chair, 'questions:close', { slotId: UPCOMING, closed: true });
		expect(closed).toEqual({
			ok: true,
			data: { trackId: TRACK, premoderated: false, closedSlotIds: [UPCOMING] }
		});
		expect(
			await send(r.asker, 'question:ask', {
				id: newId(),
				slotId: UPCOMING,
				text: 'Too late?'
			})
		).toMatchObject({ ok: false, error: { code: 'invalid_state' } });

		await send(r.chair, 'questions:close', { slotId: UPCOMING, closed: false });
		expect((await asked(r.asker, { slotId: UPCOMING })).slotId).toBe(UPCOMING);
		await until(() => r.seenByOther.settings.length === 2);
		expect(r.seenByOther.settings.map((s) => s.closedSlotIds)).toEqual([[UPCOMING], []]);
	});
});
