// Agenda edits as pure functions over a Track: update, insert, remove and move a slot. Every
// edit keeps the other slots' planned starts, so shortening or dropping a slot leaves a gap in
// the plan that absorbs drift in the projection (a slot never starts before its planned
// start). A slot placed by insert or move is planned to start when the slot before it is
// planned to end; placed first, at the planned start of the slot it now precedes; in an empty
// track, at `now` rounded up to the minute. An update may set a planned start explicitly
// (any day): the slot then takes its place among the others by start. Positions are
// renumbered 0..n-1. The slot the timer is on (or, while planned, the one the plan has on)
// cannot be removed, moved, cancelled or given another start. A cancelled slot keeps its
// place and its planned times; it is skipped by the timer and the plan.
import type { SlotFields, SlotPatch } from './protocol.ts';
import type { Track } from './schema/event.ts';
import type { Slot } from './schema/slot.ts';
import type { TimerState } from './schema/timer.ts';
import { heldSlots, isCancelled } from './slot-changes.ts';
import { byPosition, plannedEnd, plannedIndexAt } from './timer.ts';

/** The most slots a track may hold. */
export const MAX_SLOTS = 200;

export type AgendaEdit =
	| { type: 'update'; slotId: string; patch: SlotPatch }
	| { type: 'insert'; afterSlotId: string | null; slot: SlotFields; id: string }
	| { type: 'remove'; slotId: string }
	| { type: 'move'; slotId: string; toIndex: number };

export type EditError = { code: 'not_found' | 'invalid_state' | 'invalid'; message: string };
export type EditResult = { ok: true; track: Track } | { ok: false; error: EditError };

const MINUTE_MS = 60_000;

/** The slot the timer holds (on, paused or just ended), else the one the plan has on at `now`. */
export function lockedSlotId(
	timer: TimerState,
	slots: readonly Slot[],
	now: number
): string | null {
	if (timer.phase !== 'planned') return timer.slotId;
	const held = byPosition(heldSlots(slots));
	return held[plannedIndexAt(held, now)]?.id ?? null;
}

/**
 * Applies `edit` to `track`. `locked` is the slot that must stay put (see lockedSlotId);
 * `now` (epoch ms) only places a slot inserted into an empty track.
 */
export function applyAgendaEdit(
	track: Track,
	edit: AgendaEdit,
	locked: string | null,
	now: number
): EditResult {
	const slots = byPosition(track.slots);
	const index = 'slotId' in edit ? slots.findIndex((s) => s.id === edit.slotId) : -1;
	if ('slotId' in edit && index < 0) return fail('not_found', 'that slot is not on this track');
	switch (edit.type) {
		case 'update': {
			const { cancelled, ...patch } = edit.patch;
			const { cancelled: _was, ...slot } = { ...slots[index]!, ...patch };
			const updated: Slot =
				(cancelled ?? isCancelled(slots[index]!)) ? { ...slot, cancelled: true } : slot;
			if (cancelled !== undefined && edit.slotId === locked) {
				return fail('invalid_state', 'that slot is on now');
			}
			if (updated.plannedStart === slots[index]!.plannedStart) {
				return done(
					track,
					slots.map((s, i) => (i === index ? updated : s))
				);
			}
			if (edit.slotId === locked) return fail('invalid_state', 'that slot is on now');
			const rest = slots.filter((_, i) => i !== index);
			const at = rest.findIndex((s) => s.plannedStart > updated.plannedStart);
			return done(track, [
				...rest.slice(0, at < 0 ? rest.length : at),
				updated,
				...rest.slice(at < 0 ? rest.length : at)
			]);
		}
		case 'insert':
			return insert(track, slots, edit, now);
		case 'remove':
			if (edit.slotId === locked) return fail('invalid_state', 'that slot is on now');
			return done(
				track,
				slots.filter((_, i) => i !== index)
			);
		case 'move': {
			if (edit.toIndex >= slots.length) {
				return fail('invalid', `toIndex must be below ${slots.length}`);
			}
			if (edit.toIndex === index) return done(track, slots);
			if (edit.slotId === locked) return fail('invalid_state', 'that slot is on now');
			const rest = slots.filter((_, i) => i !== index);
			return done(track, place(rest, slots[index]!, edit.toIndex, now));
		}
		default:
			return edit satisfies never;
	}
}

function insert(
	track: Track,
	slots: Slot[],
	edit: Extract<AgendaEdit, { type: 'insert' }>,
	now: number
): EditResult {
	if (slots.length >= MAX_SLOTS) {
		return fail('invalid_state', `a track holds at most ${MAX_SLOTS} slots`);
	}
	const after = edit.afterSlotId === null ? -1 : slots.findIndex((s) => s.id === edit.afterSlotId);
	if (edit.afterSlotId !== null && after < 0) {
		return fail('not_found', 'the slot to insert after is not on this track');
	}
	const slot: Slot = { ...edit.slot, id: edit.id, plannedStart: 0, position: 0 };
	return done(track, place(slots, slot, after + 1, now));
}

/** `slots` with `slot` at `index`, planned to start as the module header says. */
function place(slots: readonly Slot[], slot: Slot, index: number, now: number): Slot[] {
	const before = slots[index - 1];
	const following = slots[index];
	const plannedStart = before
		? plannedEnd(before)
		: (following?.plannedStart ?? Math.ceil(now / MINUTE_MS) * MINUTE_MS);
	return [...slots.slice(0, index), { ...slot, plannedStart }, ...slots.slice(index)];
}

const done = (track: Track, ordered: readonly Slot[]): EditResult => ({
	ok: true,
	track: { ...track, slots: ordered.map((s, position) => ({ ...s, position })) }
});

const fail = (code: EditError['code'], message: string): EditResult => ({
	ok: false,
	error: { code, message }
});

/**
 * A URL-safe slot id that no slot in `taken` has: "x-" plus the first words of the title and
 * a random `nonce` (the caller's), so an id is never reused for a different slot.
 */
export function newSlotId(title: string, nonce: string, taken: ReadonlySet<string>): string {
	const words = title
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.split(/[^a-z0-9]+/)
		.filter(Boolean)
		.slice(0, 3)
		.join('-')
		.slice(0, 32);
	const base = ['x', words, nonce.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 16)]
		.filter(Boolean)
		.join('-');
	let id = base;
	for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
	return id;
}
