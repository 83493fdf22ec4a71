import { describe, expect, it } from 'vitest';
import {
	askRefusal,
	canSee,
	defaultQuestionSettings,
	sortQuestions,
	withSlotClosed
} from '#shared/questions.ts';
import { moderate } from '#shared/moderation.ts';
import type { ModerationAction, Question, QuestionStatus } from '#shared/schema/question.ts';
import { plannedTimer } from '#shared/timer.ts';
import { MIN, T0, agenda, live } from './fixtures.ts';

const question = (overrides: Partial<Question> = {}): Question => ({
	id: '00000000-0000-4000-8000-000000000001',
	trackId: 'main',
	slotId: 's1',
	text: 'Why?',
	authorName: null,
	createdAt: T0,
	status: 'open',
	pinned: false,
	votes: 0,
	...overrides
});

describe('who sees a question', () => {
	it('shows open and answered questions to all, pending ones to their asker, all to chairs', () => {
		const seen = (status: QuestionStatus, viewer: { chair: boolean; asked: boolean }) =>
			canSee(question({ status }), viewer);
		const attendee = { chair: false, asked: false };
		const asker = { chair: false, asked: true };
		const chair = { chair: true, asked: false };
		expect(
			['pending', 'open', 'answered', 'hidden'].map((s) => seen(s as QuestionStatus, attendee))
		).toEqual([false, true, true, false]);
		expect(
			['pending', 'open', 'answered', 'hidden'].map((s) => seen(s as QuestionStatus, asker))
		).toEqual([true, true, true, false]);
		expect(
			['pending', 'open', 'answered', 'hidden'].map((s) => seen(s as QuestionStatus, chair))
		).toEqual([true, true, true, true]);
	});
});

describe('moderation', () => {
	const outcome = (status: QuestionStatus, action: ModerationAction, pinned = false) => {
		const result = moderate(question({ status, pinned }), action);
		if (!result.ok) return result.error.code;
		return `${result.question.status}${result.question.pinned ? '+pin' : ''}${result.changed ? '' : ' (same)'}`;
	};

	it('moves between statuses as the table says', () => {
		const statuses: QuestionStatus[] = ['pending', 'open', 'answered', 'hidden'];
		const table = Object.fromEntries(
			(['approve', 'hide', 'unhide', 'answer', 'reopen'] as const).map((action) => [
				action,
				statuses.map((s) => outcome(s, action))
			])
		);
		expect(table).toEqual({
			approve: ['open', 'open (same)', 'invalid_state', 'invalid_state'],
			hide: ['hidden', 'hidden', 'hidden', 'hidden (same)'],
			unhide: ['invalid_state', 'open (same)', 'invalid_state', 'open'],
			answer: ['answered', 'answered', 'answered (same)', 'invalid_state'],
			reopen: ['invalid_state', 'open (same)', 'open', 'invalid_state']
		});
	});

	it('pins only public questions, unpins on hide, and repeats harmlessly', () => {
		expect(outcome('open', 'pin')).toBe('open+pin');
		expect(outcome('answered', 'pin')).toBe('answered+pin');
		expect(outcome('open', 'pin', true)).toBe('open+pin (same)');
		expect(outcome('pending', 'pin')).toBe('invalid_state');
		expect(outcome('hidden', 'pin')).toBe('invalid_state');
		expect(outcome('open', 'unpin', true)).toBe('open');
		expect(outcome('open', 'unpin')).toBe('open (same)');
		expect(outcome('open', 'hide', true)).toBe('hidden');
		expect(outcome('answered', 'answer', true)).toBe('answered+pin (same)');
	});

	it('never mutates the question it is given', () => {
		const q = question();
		moderate(q, 'hide');
		expect(q).toEqual(question());
	});
});

describe('which slots take questions', () => {
	const settings = defaultQuestionSettings('main');
	const planned = plannedTimer('main');

	it('takes them for the running and upcoming slots of the plan, not past ones or breaks', () => {
		const at = T0 + 20 * MIN; // s1 (15–45) is on
		expect(askRefusal('s0', agenda, planned, settings, at)).toMatch(/questions are closed/);
		expect(askRefusal('s1', agenda, planned, settings, at)).toBeNull();
		expect(askRefusal('s2', agenda, planned, settings, at)).toBeNull();
		expect(askRefusal('s3', agenda, planned, settings, at)).toMatch(/break/);
		expect(askRefusal('s4', agenda, planned, settings, at)).toBeNull();
		expect(askRefusal('s1', agenda, planned, settings, T0 + 45 * MIN)).toMatch(/closed/);
	});

	it('follows the live timer: an overrunning slot stays open, an ended one closes', () => {
		const overrun = live({ slotId: 's0', startedAt: T0 });
		expect(askRefusal('s0', agenda, overrun, settings, T0 + 20 * MIN)).toBeNull();
		const ended = live({ slotId: 's1', phase: 'finished', startedAt: T0, pausedAt: T0 + 5 * MIN });
		expect(askRefusal('s1', agenda, ended, settings, T0 + 6 * MIN)).toMatch(/closed/);
		expect(askRefusal('s0', agenda, ended, settings, T0 + 6 * MIN)).toMatch(/closed/);
		expect(askRefusal('s2', agenda, ended, settings, T0 + 6 * MIN)).toBeNull();
	});

	it('refuses a slot a chair closed until it is reopened', () => {
		const closed = withSlotClosed(settings, 's2', true);
		expect(closed.closedSlotIds).toEqual(['s2']);
		expect(withSlotClosed(closed, 's2', true).closedSlotIds).toEqual(['s2']);
		expect(withSlotClosed(closed, 's0', true).closedSlotIds).toEqual(['s0', 's2']);
		expect(askRefusal('s2', agenda, planned, closed, T0)).toMatch(/questions are closed/);
		expect(askRefusal('s2', agenda, planned, withSlotClosed(closed, 's2', false), T0)).toBeNull();
	});
});

describe('ordering', () => {
	const a = question({ id: 'a', votes: 2, createdAt: T0 + 2 });
	const b = question({ id: 'b', votes: 5, createdAt: T0 + 3 });
	const c = question({ id: 'c', votes: 2, createdAt: T0 + 1 });
	const d = question({ id: 'd', votes: 2, createdAt: T0 + 1 });

	it('puts most votes first, then the oldest, then by id', () => {
		expect(sortQuestions([a, b, d, c], 'votes').map((q) => q.id)).toEqual(['b', 'c', 'd', 'a']);
	});

	it('puts the oldest first by time', () => {
		expect(sortQuestions([a, b, d, c], 'time').map((q) => q.id)).toEqual(['c', 'd', 'a', 'b']);
	});
});
