import { describe, expect, it } from 'vitest';
import type { EventInfo } from '#shared/schema/event.ts';
import {
	HISTORY_GAP_MS,
	stateOf,
	withAgenda,
	withCopy,
	withTimer,
	type TrackState
} from '#shared/version-order.ts';
import { agenda, live, MIN, T0 } from './fixtures.ts';

const event = (agendaVersion: number, id = 'ev'): EventInfo => ({
	id,
	title: 'An event',
	timezone: 'Europe/Lisbon',
	venue: '',
	rehearsal: false,
	agendaVersion,
	tracks: [{ id: 'main', name: 'Main', room: '', slots: [...agenda] }]
});

const held: TrackState = stateOf({
	event: event(2),
	timers: [live({ version: 5 })],
	serverNow: T0 + 10 * MIN
});

describe('a broadcast timer', () => {
	it('replaces an older version and moves the known-current instant forward', () => {
		const next = withTimer(held, live({ version: 6, durationMs: 20 * MIN }), T0 + 11 * MIN);
		expect(next.timers.main).toEqual(live({ version: 6, durationMs: 20 * MIN }));
		expect(next.at).toBe(T0 + 11 * MIN);
	});

	it('never replaces the same or a newer version', () => {
		expect(withTimer(held, live({ version: 5, durationMs: 1 }), T0 + 11 * MIN)).toBe(held);
		expect(withTimer(held, live({ version: 4 }), T0 + 11 * MIN)).toBe(held);
	});

	it('is taken for a track the copy did not know yet', () => {
		const other = live({ trackId: 'side', version: 0 });
		expect(withTimer(held, other, T0).timers.side).toEqual(other);
	});
});

describe('a broadcast agenda', () => {
	it('replaces a smaller agendaVersion only', () => {
		expect(withAgenda(held, event(3), T0 + 11 * MIN).event.agendaVersion).toBe(3);
		expect(withAgenda(held, event(2), T0 + 11 * MIN)).toBe(held);
		expect(withAgenda(held, event(1), T0 + 11 * MIN)).toBe(held);
	});
});

describe('a snapshot or stored copy', () => {
	it('keeps a timer that is newer than the one in a snapshot which arrived late', () => {
		const broadcast = withTimer(held, live({ version: 7, pausedAt: T0 }), T0 + 12 * MIN);
		const late = stateOf({
			event: event(2),
			timers: [live({ version: 6 })],
			serverNow: T0 + 12 * MIN - 500
		});
		expect(withCopy(broadcast, late).timers.main).toEqual(live({ version: 7, pausedAt: T0 }));
	});

	it('takes the newer part of each side', () => {
		const copy = stateOf({
			event: event(1),
			timers: [live({ version: 9 })],
			serverNow: T0 + 10 * MIN + 2000
		});
		const merged = withCopy(held, copy);
		expect(merged.event.agendaVersion).toBe(2);
		expect(merged.timers.main?.version).toBe(9);
		expect(merged.at).toBe(T0 + 10 * MIN + 2000);
	});

	it('takes a copy at the same versions (it is the same state)', () => {
		const same = stateOf({ event: event(2), timers: [live({ version: 5 })], serverNow: held.at });
		expect(withCopy(held, same).timers.main).toBe(same.timers.main);
	});

	it('replaces everything when it is from much later, even at lower versions (a reset server)', () => {
		const reset = stateOf({
			event: event(0),
			timers: [live({ version: 0, slotId: 's2' })],
			serverNow: held.at + HISTORY_GAP_MS + 1
		});
		expect(withCopy(held, reset)).toEqual(reset);
	});

	it('changes nothing when it is from much earlier, even at higher versions', () => {
		const old = stateOf({
			event: event(9),
			timers: [live({ version: 50 })],
			serverNow: held.at - HISTORY_GAP_MS - 1
		});
		expect(withCopy(held, old)).toBe(held);
	});

	it('replaces everything when it is of another event', () => {
		const other = stateOf({ event: event(0, 'other'), timers: [], serverNow: T0 });
		expect(withCopy(held, other)).toBe(other);
	});
});

describe("the event's tag", () => {
	const tagged = stateOf({
		event: event(2),
		eventTag: 'tag-of-v2',
		timers: [live({ version: 5 })],
		serverNow: T0 + 10 * MIN
	});

	it('comes with the event of a snapshot and stays through timer broadcasts', () => {
		expect(tagged.eventTag).toBe('tag-of-v2');
		expect(withTimer(tagged, live({ version: 6 }), T0 + 11 * MIN).eventTag).toBe('tag-of-v2');
	});

	it('is dropped when a broadcast agenda replaces the event (the broadcast has none)', () => {
		const next = withAgenda(tagged, event(3), T0 + 11 * MIN);
		expect(next.event.agendaVersion).toBe(3);
		expect(next.eventTag).toBeUndefined();
		expect(withAgenda(tagged, event(2), T0 + 11 * MIN).eventTag).toBe('tag-of-v2');
	});

	it('follows the side whose event a merge keeps', () => {
		const untaggedNewer: TrackState = { event: event(3), timers: {}, at: T0 + 10 * MIN };
		const untaggedOlder: TrackState = { event: event(1), timers: {}, at: T0 + 10 * MIN };
		expect(withCopy(tagged, untaggedNewer).eventTag).toBeUndefined();
		expect(withCopy(tagged, untaggedOlder).eventTag).toBe('tag-of-v2');
		expect(withCopy(untaggedOlder, tagged).eventTag).toBe('tag-of-v2');
	});
});
