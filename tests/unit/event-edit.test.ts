// Editing the event without a file: create, change, add, rename and remove tracks.
import { describe, expect, it } from 'vitest';
import { applyEventEdit, EventEdit, trackIdFor } from '../../src/lib/shared/event-edit.ts';
import type { EventInfo } from '../../src/lib/shared/schema/event.ts';

const event: EventInfo = {
	id: 'lpc',
	title: 'LPC',
	timezone: 'Europe/Lisbon',
	venue: 'Corinthia',
	rehearsal: true,
	agendaVersion: 3,
	tracks: [{ id: 'main', name: 'Jade', room: 'Jade', slots: [] }]
};
const apply = (edit: unknown, live: string[] = []) =>
	applyEventEdit(event, EventEdit.parse(edit), new Set(live));

describe('editing the event', () => {
	it('creates an event from nothing with its tracks, and no rehearsal', () => {
		const result = apply({
			action: 'create-event',
			title: 'Kernel Camp',
			timezone: 'Asia/Kolkata',
			tracks: ['Hall A', 'Hall A', 'Café']
		});
		expect(result).toMatchObject({
			ok: true,
			event: {
				id: 'kernel-camp',
				title: 'Kernel Camp',
				timezone: 'Asia/Kolkata',
				venue: '',
				rehearsal: false,
				agendaVersion: 4
			}
		});
		if (result.ok)
			expect(result.event.tracks.map((t) => [t.id, t.name])).toEqual([
				['hall-a', 'Hall A'],
				['hall-a-2', 'Hall A'],
				['cafe', 'Café']
			]);
	});

	it('adds, renames and removes tracks, refusing the last one and one with a live timer', () => {
		const added = apply({ action: 'add-track', name: 'Room 2' });
		expect(added.ok && added.event.tracks.map((t) => t.id)).toEqual(['main', 'room-2']);
		expect(apply({ action: 'rename-track', trackId: 'main', name: 'Jade II' })).toMatchObject({
			ok: true,
			event: { tracks: [{ id: 'main', name: 'Jade II', room: 'Jade II' }] }
		});
		expect(apply({ action: 'remove-track', trackId: 'main' })).toMatchObject({
			ok: false,
			error: { code: 'invalid_state' }
		});
		expect(apply({ action: 'remove-track', trackId: 'nope' })).toMatchObject({
			ok: false,
			error: { code: 'not_found' }
		});
		if (!added.ok) throw new Error('add failed');
		const two = applyEventEdit(
			added.event,
			{ action: 'remove-track', trackId: 'main' },
			new Set(['main'])
		);
		expect(two).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
		expect(
			apply({ action: 'create-event', title: 'X', timezone: 'UTC', tracks: ['A'] }, ['main'])
		).toMatchObject({ ok: false });
	});

	it('changes only the fields given, and refuses an unknown zone or an empty name', () => {
		expect(apply({ action: 'update-event', venue: 'Online' })).toMatchObject({
			ok: true,
			event: { title: 'LPC', venue: 'Online' }
		});
		expect(EventEdit.safeParse({ action: 'update-event', timezone: 'Mars/Olympus' }).success).toBe(
			false
		);
		expect(EventEdit.safeParse({ action: 'add-track', name: '  ' }).success).toBe(false);
		expect(trackIdFor('!!!', new Set())).toBe('track');
	});
});
