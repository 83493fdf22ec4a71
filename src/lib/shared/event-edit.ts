// Chair edits of the event itself, without a file: create one from nothing, change its
// title, zone or venue, and add, rename or remove tracks (rooms). Pure: takes the event and
// the tracks whose timer is live, returns the next event (agendaVersion + 1) or an error.
// A track with a live timer cannot be removed, nor can the last one; track ids come from
// the name and never repeat one in use.
import { z } from 'zod';
import { quoted } from './quoted.ts';
import { EventInfo, TrackId, type Track } from './schema/event.ts';
import { isTimeZone } from './time-format.ts';

const Name = z.string().trim().min(1).max(200);
const Zone = z.string().min(1).max(64).refine(isTimeZone, 'an IANA time zone');

export const EventEdit = z.discriminatedUnion('action', [
	z.strictObject({
		action: z.literal('create-event'),
		title: Name,
		timezone: Zone,
		venue: z.string().trim().max(200).default(''),
		tracks: z.array(Name).min(1).max(50)
	}),
	z.strictObject({
		action: z.literal('update-event'),
		title: Name.optional(),
		timezone: Zone.optional(),
		venue: z.string().trim().max(200).optional()
	}),
	z.strictObject({ action: z.literal('add-track'), name: Name }),
	z.strictObject({ action: z.literal('rename-track'), trackId: TrackId, name: Name }),
	z.strictObject({ action: z.literal('remove-track'), trackId: TrackId })
]);
export type EventEdit = z.infer<typeof EventEdit>;

export type EventEditError = { code: 'not_found' | 'invalid_state'; message: string };
export type EventEditResult = { ok: true; event: EventInfo } | { ok: false; error: EventEditError };

/** A track id from a name that no id in `taken` has. */
export function trackIdFor(name: string, taken: ReadonlySet<string>): string {
	const base =
		name
			.normalize('NFKD')
			.replace(/[\u0300-\u036f]/g, '')
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 56) || 'track';
	let id = base;
	for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
	return id;
}

const track = (id: string, name: string): Track => ({ id, name, room: name, slots: [] });

export function applyEventEdit(
	event: EventInfo,
	edit: EventEdit,
	liveTrackIds: ReadonlySet<string>
): EventEditResult {
	const next = (changes: Partial<EventInfo>): EventEditResult => ({
		ok: true,
		event: EventInfo.parse({ ...event, ...changes, agendaVersion: event.agendaVersion + 1 })
	});
	const taken = new Set(event.tracks.map((t) => t.id));
	switch (edit.action) {
		case 'create-event': {
			const live = event.tracks.find((t) => liveTrackIds.has(t.id));
			if (live)
				return fail('invalid_state', `a timer is live on ${quoted(live.name)}: end it first`);
			const ids = new Set<string>();
			const tracks = edit.tracks.map((name) => {
				const id = trackIdFor(name, ids);
				ids.add(id);
				return track(id, name);
			});
			const id = trackIdFor(edit.title, new Set([event.id]));
			return next({
				id,
				title: edit.title,
				timezone: edit.timezone,
				venue: edit.venue,
				rehearsal: false,
				tracks
			});
		}
		case 'update-event': {
			const { action: _action, ...fields } = edit;
			return next(Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)));
		}
		case 'add-track':
			return next({ tracks: [...event.tracks, track(trackIdFor(edit.name, taken), edit.name)] });
		case 'rename-track':
			if (!taken.has(edit.trackId)) return fail('not_found', `there is no track "${edit.trackId}"`);
			return next({
				tracks: event.tracks.map((t) =>
					t.id === edit.trackId ? { ...t, name: edit.name, room: edit.name } : t
				)
			});
		case 'remove-track':
			if (!taken.has(edit.trackId)) return fail('not_found', `there is no track "${edit.trackId}"`);
			if (event.tracks.length === 1)
				return fail('invalid_state', 'an event keeps at least one track');
			if (liveTrackIds.has(edit.trackId))
				return fail('invalid_state', 'its timer is live: end it first');
			return next({ tracks: event.tracks.filter((t) => t.id !== edit.trackId) });
		default:
			return edit satisfies never;
	}
}

const fail = (code: EventEditError['code'], message: string): EventEditResult => ({
	ok: false,
	error: { code, message }
});
