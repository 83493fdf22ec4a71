// A well-formed payload for every command of the catalog, against the seeded track at NOW,
// for tests that must get past validation (bad input, authorization).
import type { CommandName } from '#shared/protocol.ts';
import { CURRENT, UPCOMING } from './support/questions.ts';
import { MIN, SLOTS, TRACK } from './world.ts';

/** The question `prepare` asks first, so that a valid vote or moderation finds it. */
export const QUESTION_ID = '0b6a4a5e-8f2e-4c59-9f5e-2d7f3f0c1a11';

const edit = { trackId: TRACK, expectedAgendaVersion: 1 };
export const newSlot = {
	kind: 'talk',
	title: 'New',
	speakers: [],
	abstract: '',
	plannedMinutes: 15
};

export const valid: Record<CommandName, Record<string, unknown>> = {
	'clock:ping': {},
	'track:join': { trackId: TRACK },
	'timer:start': { trackId: TRACK },
	'timer:pause': { trackId: TRACK },
	'timer:resume': { trackId: TRACK },
	'timer:extend': { trackId: TRACK, deltaMs: MIN },
	'timer:next': { trackId: TRACK },
	'timer:previous': { trackId: TRACK },
	'timer:end': { trackId: TRACK },
	'timer:reset': { trackId: TRACK },
	'timer:undo': { trackId: TRACK },
	'agenda:update-slot': { ...edit, slotId: SLOTS.next, patch: { title: 'Renamed' } },
	'agenda:insert-slot': { ...edit, afterSlotId: null, slot: newSlot },
	'agenda:remove-slot': { ...edit, slotId: SLOTS.next },
	'agenda:move-slot': { ...edit, slotId: SLOTS.next, toIndex: 3 },
	'stage:signal': { trackId: TRACK, kind: 'wrap-up' },
	'stage:clear': { trackId: TRACK },
	'stage:flash': { trackId: TRACK, enabled: false },
	'stage:standby': { trackId: TRACK, mode: 'black' },
	/** the signal id is filled in once a signal is on the stage */
	'stage:seen': { trackId: TRACK, signalId: '' },
	'stage:key': {},
	'stage:revoke-key': {},
	'audit:list': {},
	'question:ask': { id: 'c3a1d2e4-5b6f-4a70-8b91-0a1b2c3d4e5f', slotId: CURRENT, text: 'Why?' },
	'question:vote': { questionId: QUESTION_ID, voted: true },
	'question:list': { slotId: CURRENT },
	'question:moderate': { questionId: QUESTION_ID, action: 'answer' },
	'questions:configure': { trackId: TRACK, premoderated: true },
	'questions:close': { slotId: UPCOMING, closed: true }
};
