// One slot's questions on a device: broadcasts merged in, queued writes laid over them.
import { describe, expect, it } from 'vitest';
import {
	noQuestions,
	pinnedOf,
	questionRows,
	rowTags,
	withEvent,
	type SlotQuestions
} from '$lib/client/questions/question-list.ts';
import type { OutboxEntry } from '$lib/client/offline/outbox.ts';
import type { Question } from '$lib/shared/schema/question.ts';

const q = (id: string, over: Partial<Question> = {}): Question => ({
	id,
	trackId: 'main',
	slotId: 's1',
	text: `question ${id}`,
	authorName: null,
	createdAt: 1_000,
	status: 'open',
	pinned: false,
	votes: 0,
	...over
});
const list = (questions: Question[], over: Partial<SlotQuestions> = {}): SlotQuestions => ({
	...noQuestions('s1'),
	questions,
	...over
});
const entry = (id: string, name: string, payload: object, over: Partial<OutboxEntry> = {}) =>
	({ id, name, payload, createdAt: 5_000, attempts: 0, retryAt: 0, ...over }) as OutboxEntry;

describe('merging question broadcasts into a slot list', () => {
	it('adds a new question and replaces a known one', () => {
		const start = list([q('a')]);
		const added = withEvent(start, { type: 'updated', body: q('b') }, false);
		expect(added.questions.map((x) => x.id)).toEqual(['a', 'b']);
		const answered = withEvent(
			added,
			{ type: 'updated', body: q('a', { status: 'answered' }) },
			false
		);
		expect(answered.questions.find((x) => x.id === 'a')?.status).toBe('answered');
		expect(answered.questions).toHaveLength(2);
	});

	it('ignores questions of another slot', () => {
		const start = list([]);
		expect(withEvent(start, { type: 'updated', body: q('x', { slotId: 's2' }) }, false)).toBe(
			start
		);
	});

	it('drops a hidden question for attendees but keeps it for chairs', () => {
		const hidden = { type: 'updated', body: q('a', { status: 'hidden' }) } as const;
		expect(withEvent(list([q('a')]), hidden, false).questions).toEqual([]);
		expect(withEvent(list([q('a')]), hidden, true).questions[0]?.status).toBe('hidden');
	});

	it('removes a question on question:removed', () => {
		const removed = withEvent(
			list([q('a'), q('b')]),
			{ type: 'removed', body: { questionId: 'a', slotId: 's1' } },
			false
		);
		expect(removed.questions.map((x) => x.id)).toEqual(['b']);
	});

	it('takes the vote counts of its own slot only', () => {
		const start = list([q('a'), q('b', { votes: 2 })]);
		const counted = withEvent(
			start,
			{ type: 'votes', body: { slotId: 's1', votes: { a: 4 } } },
			false
		);
		expect(counted.questions.map((x) => x.votes)).toEqual([4, 2]);
		const other = { type: 'votes', body: { slotId: 's2', votes: { a: 9 } } } as const;
		expect(withEvent(start, other, false)).toBe(start);
	});
});

describe('the rows a slot shows', () => {
	it('sorts by votes (ties: oldest first) or by time', () => {
		const rows = (order: 'votes' | 'time') =>
			questionRows(
				list([q('old', { createdAt: 1, votes: 1 }), q('new', { createdAt: 2, votes: 3 })]),
				[],
				order,
				'main',
				0
			).map((r) => r.id);
		expect(rows('votes')).toEqual(['new', 'old']);
		expect(rows('time')).toEqual(['old', 'new']);
	});

	it('shows a queued question of this slot as queued and yours, in server time', () => {
		const ask = entry('e1', 'question:ask', { id: 'q9', slotId: 's1', text: '  Why? ' });
		const [row] = questionRows(list([]), [ask], 'time', 'main', 250);
		expect(row).toMatchObject({ id: 'q9', text: 'Why?', queued: true, mine: true });
		expect(row?.createdAt).toBe(5_250);
		expect(row?.waitUntil).toBeNull();
		expect(rowTags(row!)).toEqual(['Yours', 'Queued']);
	});

	it('says until when a rate-limited question waits', () => {
		const ask = entry(
			'e1',
			'question:ask',
			{ id: 'q9', slotId: 's1', text: 'Why?' },
			{ lastError: 'rate_limited', retryAt: 45_000, attempts: 1 }
		);
		expect(questionRows(list([]), [ask], 'time', 'main', 1_000)[0]?.waitUntil).toBe(46_000);
	});

	it('shows a question once when the server already holds a queued one', () => {
		const ask = entry('e1', 'question:ask', { id: 'a', slotId: 's1', text: 'question a' });
		const rows = questionRows(list([q('a')]), [ask], 'time', 'main', 0);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ queued: false, mine: true });
	});

	it('leaves out queued questions of other slots', () => {
		const ask = entry('e1', 'question:ask', { id: 'z', slotId: 's2', text: 'elsewhere' });
		expect(questionRows(list([]), [ask], 'time', 'main', 0)).toEqual([]);
	});

	it('counts the newest queued vote as this device’s vote', () => {
		const votes = [
			entry('v1', 'question:vote', { questionId: 'a', voted: true }),
			entry('v2', 'question:vote', { questionId: 'b', voted: false })
		];
		const rows = questionRows(list([q('a'), q('b')], { voted: ['b'] }), votes, 'time', 'main', 0);
		expect(rows.map((r) => [r.id, r.voted])).toEqual([
			['a', true],
			['b', false]
		]);
	});

	it('marks a pending question of yours as waiting for approval', () => {
		const rows = questionRows(
			list([q('p', { status: 'pending', pinned: false })], { mine: ['p'] }),
			[],
			'time',
			'main',
			0
		);
		expect(rowTags(rows[0]!)).toEqual(['Yours', 'Waiting for approval']);
	});
});

describe('the pinned question', () => {
	it('finds the pinned public question', () => {
		expect(pinnedOf([q('a'), q('b', { pinned: true })])?.id).toBe('b');
		expect(pinnedOf([q('a', { pinned: true, status: 'hidden' })])).toBeNull();
	});
});
