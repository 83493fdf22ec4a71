import { describe, expect, it } from 'vitest';
import { describeChanges } from '$lib/client/offline/changes.ts';
import type { EventInfo } from '#shared/schema/event.ts';
import type { TimerState } from '#shared/schema/timer.ts';
import { plannedTimer } from '#shared/timer.ts';
import type { TrackState } from '#shared/version-order.ts';
import { agenda, live, MIN, T0 } from './fixtures.ts';

const event = (agendaVersion = 1): EventInfo => ({
	id: 'ev',
	title: 'An event',
	timezone: 'Europe/Lisbon',
	venue: '',
	rehearsal: false,
	agendaVersion,
	tracks: [{ id: 'main', name: 'Main', room: '', slots: [...agenda] }]
});
const state = (timer: TimerState, agendaVersion = 1): TrackState => ({
	event: event(agendaVersion),
	timers: { main: timer },
	at: T0
});
const changes = (was: TimerState, now: TimerState) =>
	describeChanges(state(was), state(now), 'main');

describe('what changed while away', () => {
	it('says a slot was extended or shortened, by how much', () => {
		expect(changes(live(), live({ version: 4, durationMs: 20 * MIN }))).toEqual([
			'“talk 0” was extended by 5 min.'
		]);
		expect(changes(live(), live({ version: 4, durationMs: 14 * MIN }))).toEqual([
			'“talk 0” was shortened by 1 min.'
		]);
	});

	it('measures an extension of a track that followed the plan from the planned length', () => {
		expect(changes(plannedTimer('main', 3), live({ version: 4, durationMs: 16 * MIN }))).toEqual([
			'“talk 0” was extended by 1 min.'
		]);
	});

	it('says a slot was paused, resumed or ended', () => {
		const paused = live({ version: 4, phase: 'paused', pausedAt: T0 + MIN });
		expect(changes(live(), paused)).toEqual(['“talk 0” was paused.']);
		expect(changes(paused, live({ version: 5, pausedMs: MIN }))).toEqual(['“talk 0” resumed.']);
		expect(changes(live(), live({ version: 4, phase: 'finished', pausedAt: T0 }))).toEqual([
			'“talk 0” ended.'
		]);
	});

	it('says another slot started', () => {
		expect(changes(live(), live({ version: 4, slotId: 's1' }))).toEqual([
			'“discussion 1” started.'
		]);
	});

	it('says the agenda was updated', () => {
		expect(describeChanges(state(live(), 1), state(live(), 2), 'main')).toEqual([
			'The agenda was updated.'
		]);
	});

	it('says nothing when nothing changed', () => {
		expect(changes(live(), live())).toEqual([]);
	});
});
