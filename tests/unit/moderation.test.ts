import { describe, expect, it } from 'vitest';
import { moderationButtons, visibleToChair } from '../../src/routes/chair/moderation.ts';
import { moderate } from '../../src/lib/shared/moderation.ts';
import {
	ModerationAction,
	QuestionStatus,
	type Question
} from '../../src/lib/shared/schema/question.ts';

const question = (over: Partial<Question> = {}): Question => ({
	id: '6f1c2a52-2b57-4a8e-9a43-2f1d1b0f7c11',
	trackId: 't',
	slotId: 's',
	text: 'Why?',
	authorName: null,
	createdAt: 0,
	status: 'open',
	pinned: false,
	votes: 0,
	...over
});
const actions = (q: Question) => moderationButtons(q).map((b) => b.action);

describe('moderationButtons', () => {
	it('offers approve, answer and hide for a pending question, and no pin', () => {
		expect(actions(question({ status: 'pending' }))).toEqual(['approve', 'answer', 'hide']);
	});

	it('offers answer, pin and hide for an open question', () => {
		expect(actions(question())).toEqual(['answer', 'pin', 'hide']);
	});

	it('offers unpin instead of pin for the pinned question', () => {
		expect(actions(question({ pinned: true }))).toEqual(['answer', 'unpin', 'hide']);
	});

	it('offers reopen for an answered question, which can still be pinned', () => {
		expect(actions(question({ status: 'answered' }))).toEqual(['reopen', 'pin', 'hide']);
	});

	it('offers only unhide for a hidden question', () => {
		expect(actions(question({ status: 'hidden' }))).toEqual(['unhide']);
	});

	it("offers exactly the actions the server's rules would apply, in every state", () => {
		for (const status of QuestionStatus.options) {
			for (const pinned of status === 'open' || status === 'answered' ? [false, true] : [false]) {
				const q = question({ status, pinned });
				const applied = ModerationAction.options.filter((action) => {
					const result = moderate(q, action);
					return result.ok && result.changed;
				});
				expect(new Set(actions(q)), `${status}, pinned: ${pinned}`).toEqual(new Set(applied));
			}
		}
	});
});

describe('visibleToChair', () => {
	const rows = [question({ id: 'a' }), question({ id: 'b', status: 'hidden' })];

	it('leaves hidden questions out unless asked to show them', () => {
		expect(visibleToChair(rows, false).map((q) => q.id)).toEqual(['a']);
		expect(visibleToChair(rows, true).map((q) => q.id)).toEqual(['a', 'b']);
	});
});
