// What each moderation action does to a question: the server applies it, and the chair's
// console offers only the actions that would change something (src/routes/chair/
// moderation.ts). Pure: it answers a new question or an error, and mutates nothing. Apart
// from questions.ts so that the attendee page, which loads that module, does not load this.
import { isPublic } from './questions.ts';
import type { ModerationAction, Question } from './schema/question.ts';

export type ModerationResult =
	| { ok: true; question: Question; changed: boolean }
	| { ok: false; error: { code: 'invalid_state'; message: string } };

const unchanged = (question: Question): ModerationResult => ({
	ok: true,
	question,
	changed: false
});
const changed = (question: Question): ModerationResult => ({ ok: true, question, changed: true });
const refuse = (message: string): ModerationResult => ({
	ok: false,
	error: { code: 'invalid_state', message }
});

/**
 * Applies a chair's action. Repeating an action is harmless (`changed: false`). Hiding
 * unpins; only a public question can be pinned; unhide brings a question back as open.
 * Pinning here does not touch the track's other questions: the caller unpins them.
 */
export function moderate(question: Question, action: ModerationAction): ModerationResult {
	const { status } = question;
	switch (action) {
		case 'approve':
			if (status === 'open') return unchanged(question);
			if (status !== 'pending') return refuse(`a ${status} question cannot be approved`);
			return changed({ ...question, status: 'open' });
		case 'hide':
			if (status === 'hidden') return unchanged(question);
			return changed({ ...question, status: 'hidden', pinned: false });
		case 'unhide':
			if (status === 'open') return unchanged(question);
			if (status !== 'hidden') return refuse('the question is not hidden');
			return changed({ ...question, status: 'open' });
		case 'answer':
			if (status === 'answered') return unchanged(question);
			if (status === 'hidden') return refuse('unhide the question first');
			return changed({ ...question, status: 'answered' });
		case 'reopen':
			if (status === 'open') return unchanged(question);
			if (status !== 'answered') return refuse('only an answered question can be reopened');
			return changed({ ...question, status: 'open' });
		case 'pin':
			if (!isPublic(status)) return refuse(`a ${status} question cannot be pinned`);
			return question.pinned ? unchanged(question) : changed({ ...question, pinned: true });
		case 'unpin':
			return question.pinned ? changed({ ...question, pinned: false }) : unchanged(question);
		default:
			return action satisfies never;
	}
}
