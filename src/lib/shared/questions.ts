// Pure question rules: who sees which question, whether a slot takes questions at `now`
// (UTC epoch ms, server clock), and list ordering (what each moderation action does is in
// moderation.ts). Nothing here mutates its arguments.
import type { Slot } from './schema/slot.ts';
import type { TimerState } from './schema/timer.ts';
import type { Question, QuestionSettings, QuestionStatus } from './schema/question.ts';
import { projectTrack } from './schedule.ts';

export const defaultQuestionSettings = (trackId: string): QuestionSettings => ({
	trackId,
	premoderated: false,
	closedSlotIds: []
});

/** Open and answered questions are public; pending and hidden ones are for chairs. */
export const PUBLIC_STATUSES: readonly QuestionStatus[] = ['open', 'answered'];

export const isPublic = (status: QuestionStatus): boolean => PUBLIC_STATUSES.includes(status);

/** Chairs see everything; anyone else the public questions and their own pending ones. */
export function canSee(question: Question, viewer: { chair: boolean; asked: boolean }): boolean {
	if (viewer.chair || isPublic(question.status)) return true;
	return viewer.asked && question.status === 'pending';
}

/**
 * Why the slot takes no new questions at `now`, or null when it does: breaks never do, a
 * slot a chair closed does not, and neither does a past one (ended per the timer or the
 * plan, see projectTrack). The running slot and every upcoming one do.
 */
export function askRefusal(
	slotId: string,
	slots: readonly Slot[],
	timer: TimerState,
	settings: QuestionSettings,
	now: number
): string | null {
	const projected = projectTrack(slots, timer, now).find((p) => p.slot.id === slotId);
	if (!projected) return 'the slot is not on this track';
	if (projected.slot.kind === 'break') return 'a break takes no questions';
	if (settings.closedSlotIds.includes(slotId)) return 'questions are closed for this slot';
	if (projected.status === 'past') return 'questions are closed: the slot has ended';
	if (projected.status === 'cancelled') return 'the slot is cancelled';
	return null;
}

/** The settings with `slotId` closed or reopened; the closed list stays sorted and unique. */
export function withSlotClosed(
	settings: QuestionSettings,
	slotId: string,
	closed: boolean
): QuestionSettings {
	const others = settings.closedSlotIds.filter((id) => id !== slotId);
	return { ...settings, closedSlotIds: closed ? [...others, slotId].sort() : others };
}

export type QuestionOrder = 'votes' | 'time';

/** A new array: most votes first (ties: oldest first), or oldest first; ids break ties. */
export function sortQuestions<Q extends Question>(
	questions: readonly Q[],
	order: QuestionOrder
): Q[] {
	const byTime = (a: Question, b: Question) =>
		a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
	return [...questions].sort((a, b) =>
		order === 'votes' ? b.votes - a.votes || byTime(a, b) : byTime(a, b)
	);
}
