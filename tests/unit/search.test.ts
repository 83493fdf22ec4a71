import { describe, expect, it } from 'vitest';
import { searchSlots } from '#shared/search.ts';
import type { Track } from '#shared/schema/event.ts';
import { slot } from './fixtures.ts';

const tracks: Track[] = [
	{
		id: 'main',
		name: 'Main',
		room: '',
		slots: [
			{ ...slot(0, 'talk', 0, 15), title: 'CRIU in production', speakers: ['Adrian Reber'] },
			{ ...slot(1, 'discussion', 15, 30), title: 'Open floor', abstract: 'Checkpoint ideas' },
			{ ...slot(2, 'talk', 45, 15), title: 'cgroups v2', speakers: ['Zoë Smith'] }
		]
	},
	{
		id: 'b',
		name: 'B',
		room: '',
		slots: [{ ...slot(0, 'talk', 0, 15), id: 'b0', title: 'Checkpoint all the things' }]
	}
];
const ids = (query: string, kind = 'all' as const, trackId = 'all') =>
	searchSlots(tracks, { query, kind, trackId }).map((f) => f.slot.id);

describe('finding slots', () => {
	it('matches titles, speakers and abstracts, every word, ignoring case and accents', () => {
		expect(ids('checkpoint')).toEqual(['s1', 'b0']);
		expect(ids('reber criu')).toEqual(['s0']);
		expect(ids('zoe')).toEqual(['s2']);
		expect(ids('')).toEqual(['s0', 's1', 's2', 'b0']);
	});

	it('filters by kind and by track', () => {
		expect(
			searchSlots(tracks, { query: 'checkpoint', kind: 'talk', trackId: 'all' }).map(
				(f) => f.slot.id
			)
		).toEqual(['b0']);
		expect(ids('checkpoint', 'all', 'main')).toEqual(['s1']);
	});
});
