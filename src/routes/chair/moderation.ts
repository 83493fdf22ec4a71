// What a chair can do with a question in the console, with the words each button and status
// shows. Pure. The buttons are the actions the server's rule (`moderate`, #shared/
// moderation.ts) would apply to the question as it stands.
import { moderate } from '$lib/shared/moderation.ts';
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

/** The order of the buttons: the next step first (approve, reopen, unhide), hiding last. */
const ORDER: readonly ModerationAction[] = [
	'approve',
	'reopen',
	'unhide',
	'answer',
	'pin',
	'unpin',
	'hide'
];

/** The actions that would change `question` (a repeat the server ignores is not offered). */
export function moderationButtons(question: Question): ModerationButton[] {
	return ORDER.filter((action) => {
		const result = moderate(question, action);
		return result.ok && result.changed;
	}).map((action) => ({ action, label: LABELS[action] }));
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
