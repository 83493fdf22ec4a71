// Audience questions (DESIGN §5). A question belongs to one slot of one track; its id is a
// UUID the client makes, so a retry can never create a duplicate. Text is cleaned the same
// way on both sides (the zod-free rules are in ../question-text.ts, which the attendee page
// uses): NFC, CRLF to LF, trimmed; control characters other than newline (and lone
// surrogates) are refused, and a name is one line. Lengths count Unicode code points.
import { z } from 'zod';
import { TrackId } from './event.ts';
import { SlotId } from './slot.ts';
import {
	charCount,
	cleanText,
	hasOnlyPrintable,
	isOneLine,
	MAX_AUTHOR_CHARS,
	MAX_QUESTION_CHARS
} from '../question-text.ts';

export {
	charCount,
	cleanText,
	hasOnlyPrintable,
	isOneLine,
	MAX_AUTHOR_CHARS,
	MAX_QUESTION_CHARS
} from '../question-text.ts';

/** User text cleaned by cleanText and checked; `min` and `max` count code points. */
function userText(min: number, max: number, lines: 'multi' | 'one') {
	return z
		.string()
		.max(max * 4)
		.overwrite(cleanText)
		.refine(
			lines === 'multi' ? hasOnlyPrintable : isOneLine,
			lines === 'multi'
				? 'no control characters except newlines'
				: 'one line, no control characters'
		)
		.refine((s) => charCount(s) >= min && charCount(s) <= max, `${min} to ${max} characters`);
}

export const QuestionText = userText(1, MAX_QUESTION_CHARS, 'multi');
/** A display name on one line; empty means anonymous. */
export const AuthorName = userText(0, MAX_AUTHOR_CHARS, 'one');

/** A client-made UUID, compared in lower case. */
export const QuestionId = z.uuid().overwrite((id) => id.toLowerCase());
export type QuestionId = z.infer<typeof QuestionId>;

/** pending: waits for a chair (pre-moderation); open and answered: public; hidden: chairs only. */
export const QuestionStatus = z.enum(['pending', 'open', 'answered', 'hidden']);
export type QuestionStatus = z.infer<typeof QuestionStatus>;

export const Question = z.strictObject({
	id: QuestionId,
	trackId: TrackId,
	slotId: SlotId,
	text: QuestionText,
	/** null: anonymous */
	authorName: AuthorName.refine((s) => s !== '', 'empty').nullable(),
	/** server clock, epoch ms */
	createdAt: z.number().int(),
	status: QuestionStatus,
	/** shown on the stage display; at most one per track */
	pinned: z.boolean(),
	votes: z.number().int().min(0)
});
export type Question = z.infer<typeof Question>;

export const ModerationAction = z.enum([
	'approve',
	'hide',
	'unhide',
	'answer',
	'reopen',
	'pin',
	'unpin'
]);
export type ModerationAction = z.infer<typeof ModerationAction>;

/** A track's question rules; slots in closedSlotIds take no new questions. */
export const QuestionSettings = z.strictObject({
	trackId: TrackId,
	premoderated: z.boolean(),
	closedSlotIds: z.array(SlotId)
});
export type QuestionSettings = z.infer<typeof QuestionSettings>;
