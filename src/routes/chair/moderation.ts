// What a chair can do with a question in the console, with the words each button and status
// shows. Pure. The table follows the server's rules (`moderate` in #shared/questions.ts; a unit
// test holds them together) without importing them: that module is in the attendee page's
// core chunk, where an import from here would add the function to every phone's download.
import type { ModerationAction, Question, QuestionStatus } from '$lib/shared/schema/question.ts';

export type ModerationButton = { action: ModerationAction; label: string };

const LABELS: Record<ModerationAction, string> = {
	approve: 'Approve',
	answer: 'Mark answered',
	reopen: 'Reopen',
	pin: 'Pin to stage',
	unpin: 'Unpin',
	unhide: 'Unhide',
	hide: 'Hide'
};

/** In the order the buttons appear: the next step first, hiding last; `pin` flips to unpin. */
const BY_STATUS: Record<QuestionStatus, readonly ModerationAction[]> = {
	pending: ['approve', 'answer', 'hide'],
	open: ['answer', 'pin', 'hide'],
	answered: ['reopen', 'pin', 'hide'],
	hidden: ['unhide']
};

/** The actions that would change `question` (a repeat the server ignores is not offered). */
export function moderationButtons(question: Question): ModerationButton[] {
	return BY_STATUS[question.status].map((wanted) => {
		const action = wanted === 'pin' && question.pinned ? 'unpin' : wanted;
		return { action, label: LABELS[action] };
	});
}

/** The status as the console words it. */
export function statusLabel(status: QuestionStatus): string {
	switch (status) {
		case 'pending':
			return 'Waiting for approval';
		case 'open':
			return 'Open';
		case 'answered':
			return 'Answered';
		case 'hidden':
			return 'Hidden';
		default:
			return status satisfies never;
	}
}

/** The rows a chair sees: hidden ones only when asked for. */
export const visibleToChair = <Q extends Question>(rows: readonly Q[], showHidden: boolean): Q[] =>
	showHidden ? [...rows] : rows.filter((q) => q.status !== 'hidden');
