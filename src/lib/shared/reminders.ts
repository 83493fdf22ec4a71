// Reminders for starred slots on their projected start. Pure: every function takes
// the tracks (slots + timer), the starred slots as the person saw them when starring, the
// keys already sent and `now` (UTC epoch ms on the server's clock). A reminder is due from
// `leadMs` before the projected start until the start, so a late track delays it; a starred
// slot whose plan changed (moved, extended) or that left the agenda (cancelled) is announced
// as such. Each reminder has a key naming its slot and its change; a key once sent is never
// due again, so a reminder goes out at most once per slot and change.
import { z } from 'zod';
import type { Slot } from './schema/slot.ts';
import { SlotId } from './schema/slot.ts';
import type { TimerState } from './schema/timer.ts';
import { projectTrack, type ProjectedSlot } from './schedule.ts';

const MINUTE_MS = 60_000;

/** Minutes before the projected start a reminder comes when the person does not choose. */
export const DEFAULT_LEAD_MINUTES = 5;

/** A starred slot as the person saw it when starring: the plan changes are measured from it. */
export const StarredSlot = z.strictObject({
	slotId: SlotId,
	title: z.string().min(1).max(200),
	/** UTC epoch ms */
	plannedStart: z.number().int(),
	plannedMinutes: z
		.number()
		.int()
		.min(1)
		.max(24 * 60)
});
export type StarredSlot = z.infer<typeof StarredSlot>;

export type ReminderKind = 'soon' | 'moved' | 'extended' | 'cancelled';

export type Reminder = {
	/** unique per slot and change: `slotId:kind:detail` */
	key: string;
	slotId: string;
	kind: ReminderKind;
	title: string;
	/** the projected start (epoch ms); null when cancelled */
	start: number | null;
	/** the slot's minutes now (planned or extended); null when cancelled */
	minutes: number | null;
};

export type TrackInput = { slots: readonly Slot[]; timer: TimerState };

export type ReminderInput = {
	tracks: readonly TrackInput[];
	starred: readonly StarredSlot[];
	/** keys of the reminders already shown or sent */
	sent: ReadonlySet<string>;
	/** ms before the projected start */
	leadMs: number;
	/** epoch ms */
	now: number;
};

/** The slot's minutes now: its plan, or the live timer's allotment when a chair extended it. */
function minutesNow(row: ProjectedSlot, timer: TimerState): number {
	const planned = row.slot.plannedMinutes;
	if (timer.slotId !== row.slot.id || timer.phase === 'planned') return planned;
	return Math.max(planned, Math.ceil(timer.durationMs / MINUTE_MS));
}

function remindersOf(
	star: StarredSlot,
	row: ProjectedSlot,
	timer: TimerState,
	input: ReminderInput
) {
	const out: Reminder[] = [];
	if (row.status === 'cancelled') return out;
	const base = { slotId: star.slotId, title: row.slot.title, start: row.start };
	const minutes = minutesNow(row, timer);
	if (row.status !== 'past' && row.slot.plannedStart !== star.plannedStart) {
		const key = `${star.slotId}:moved:${row.slot.plannedStart}`;
		out.push({ ...base, key, kind: 'moved', minutes });
	}
	if (row.status !== 'past' && minutes > star.plannedMinutes) {
		out.push({ ...base, key: `${star.slotId}:extended:${minutes}`, kind: 'extended', minutes });
	}
	const soon = row.status === 'upcoming' && row.start - input.leadMs <= input.now;
	if (soon && input.now < row.start) {
		const key = `${star.slotId}:soon:${row.slot.plannedStart}`;
		out.push({ ...base, key, kind: 'soon', minutes });
	}
	return out;
}

/** The reminders due at `now` that were not sent yet, in agenda order. */
export function dueReminders(input: ReminderInput): Reminder[] {
	const rows = new Map<string, { row: ProjectedSlot; timer: TimerState }>();
	for (const track of input.tracks) {
		for (const row of projectTrack(track.slots, track.timer, input.now)) {
			rows.set(row.slot.id, { row, timer: track.timer });
		}
	}
	const due: Reminder[] = [];
	for (const star of input.starred) {
		const found = rows.get(star.slotId);
		const reminders = found ? remindersOf(star, found.row, found.timer, input) : [cancelled(star)];
		due.push(...reminders.filter((r) => !input.sent.has(r.key)));
	}
	return due;
}

function cancelled(star: StarredSlot): Reminder {
	return {
		key: `${star.slotId}:cancelled`,
		slotId: star.slotId,
		kind: 'cancelled',
		title: star.title,
		start: null,
		minutes: null
	};
}

/** The words of a reminder's notification; `clock` formats an instant in the event's zone. */
export function reminderText(
	reminder: Reminder,
	now: number,
	clock: (at: number) => string
): { title: string; body: string } {
	const at = reminder.start === null ? '' : clock(reminder.start);
	switch (reminder.kind) {
		case 'soon': {
			const minutes = Math.max(0, Math.round(((reminder.start ?? now) - now) / MINUTE_MS));
			return { title: reminder.title, body: `Starts in ${minutes} min, at ${at}` };
		}
		case 'moved':
			return { title: `Moved: ${reminder.title}`, body: `Now starts at ${at}` };
		case 'extended':
			return { title: `Extended: ${reminder.title}`, body: `Now ${reminder.minutes} min` };
		case 'cancelled':
			return { title: `Cancelled: ${reminder.title}`, body: 'No longer on the agenda' };
		default:
			return reminder.kind satisfies never;
	}
}
