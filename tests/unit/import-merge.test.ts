// A re-import applies the difference and never moves what is running or done.
import { describe, expect, it } from 'vitest';
import type { EventInfo } from '../../src/lib/shared/schema/event.ts';
import type { Slot } from '../../src/lib/shared/schema/slot.ts';
import type { TimerState } from '../../src/lib/shared/schema/timer.ts';
import { plannedTimer } from '../../src/lib/shared/timer.ts';
import { mergeImport } from '../../server/interchange/merge.ts';

const MIN = 60_000;
const T0 = Date.UTC(2019, 8, 10, 9, 0);
const slot = (id: string, startMin: number, minutes = 15, title = id): Slot => ({
	id,
	kind: 'talk',
	title,
	speakers: [],
	abstract: '',
	plannedStart: T0 + startMin * MIN,
	plannedMinutes: minutes,
	position: 0
});
const event = (tracks: Record<string, Slot[]>, rehearsal = false): EventInfo => ({
	id: 'lpc',
	title: 'LPC',
	timezone: 'Europe/Lisbon',
	venue: '',
	rehearsal,
	agendaVersion: 4,
	tracks: Object.entries(tracks).map(([id, slots]) => ({
		id,
		name: id,
		room: id,
		slots: slots.map((s, position) => ({ ...s, position }))
	}))
});
const running = (trackId: string, slotId: string): TimerState => ({
	...plannedTimer(trackId, 3),
	slotId,
	phase: 'running',
	startedAt: T0,
	durationMs: 15 * MIN
});
const titles = (e: EventInfo, track: string) =>
	e.tracks
		.find((t) => t.id === track)!
		.slots.map((s) => [s.id, (s.plannedStart - T0) / MIN, s.position]);

describe('re-importing a changed programme', () => {
	it('adds, moves, changes and removes slots and keeps the event id', () => {
		const stored = event({ jade: [slot('a', 0), slot('b', 15), slot('c', 30)] });
		const next = event({ jade: [slot('a', 0, 15, 'A renamed'), slot('c', 15), slot('d', 45)] });
		const merged = mergeImport(stored, { ...next, id: 'other' }, [plannedTimer('jade')], T0 - MIN);
		expect(merged.event.id).toBe('lpc');
		expect(merged.event.agendaVersion).toBe(5);
		expect(titles(merged.event, 'jade')).toEqual([
			['a', 0, 0],
			['c', 15, 1],
			['d', 45, 2]
		]);
		expect(merged.changes.map((c) => [c.type, c.slotId])).toEqual([
			['changed', 'a'],
			['moved', 'c'],
			['added', 'd'],
			['removed', 'b']
		]);
		expect(merged.timers).toEqual([]);
	});

	it('never moves, changes or drops a slot that is running or done', () => {
		const stored = event({ jade: [slot('a', 0), slot('b', 15), slot('c', 30)] });
		const next = event({ jade: [slot('b', 20, 30, 'B moved'), slot('c', 50)] });
		const merged = mergeImport(stored, next, [running('jade', 'b')], T0 + 16 * MIN);
		expect(titles(merged.event, 'jade')).toEqual([
			['a', 0, 0],
			['b', 15, 1],
			['c', 50, 2]
		]);
		expect(merged.event.tracks[0]!.slots[1]!.title).toBe('b');
		expect(merged.changes.map((c) => [c.type, c.slotId])).toEqual([
			['kept', 'a'],
			['kept', 'b'],
			['moved', 'c']
		]);
	});

	it('keeps a track the file drops while it holds done slots, and gives new tracks timers', () => {
		const stored = event({ jade: [slot('a', 0), slot('b', 60)] });
		const merged = mergeImport(
			stored,
			event({ hall: [slot('h', 60)] }),
			[plannedTimer('jade')],
			T0 + 30 * MIN
		);
		expect(merged.event.tracks.map((t) => [t.id, t.slots.map((s) => s.id)])).toEqual([
			['hall', ['h']],
			['jade', ['a']]
		]);
		expect(merged.tracksAdded).toEqual(['hall']);
		expect(merged.timers.map((t) => [t.trackId, t.phase])).toEqual([['hall', 'planned']]);
	});

	it('replaces a rehearsal event, or any event when asked, whole', () => {
		const demo = event({ main: [slot('a', 0)] }, true);
		const imported = event({ hall: [slot('h', 0)] });
		for (const merged of [
			mergeImport(demo, { ...imported, id: 'camp' }, [running('main', 'a')], T0 + MIN),
			mergeImport(
				{ ...demo, rehearsal: false },
				{ ...imported, id: 'camp' },
				[],
				T0 + 30 * MIN,
				true
			)
		]) {
			expect(merged.event.id).toBe('camp');
			expect(merged.event.tracks.map((t) => t.id)).toEqual(['hall']);
			expect(merged.tracksRemoved).toEqual(['main']);
		}
	});
});
