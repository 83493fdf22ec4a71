// Chair edits of the event without a file (#shared/event-edit.ts): each is applied to the
// stored event, saved with the timers of new tracks and one event-wide audit entry, and
// handed to the same publisher as an import (tracks kept and dropped). They run one at a
// time with imports and agenda edits.
import { applyEventEdit, type EventEdit } from '#shared/event-edit.ts';
import { quoted } from '#shared/quoted.ts';
import type { EventInfo } from '#shared/schema/event.ts';
import { plannedTimer } from '#shared/timer.ts';
import type { Clock } from '../clock.ts';
import type { Store } from '../store/store.ts';
import { EVENT_KEY } from './agenda-edit.service.ts';
import type { AgendaService } from './agenda.service.ts';
import type { Actor } from './audit.service.ts';
import { DomainError } from './errors.ts';
import type { ImportPublisher } from './import.service.ts';
import type { Serial } from './serial.ts';

function summary(edit: EventEdit, before: EventInfo, after: EventInfo): string {
	const name = (id: string) => before.tracks.find((t) => t.id === id)?.name ?? id;
	switch (edit.action) {
		case 'create-event':
			return `Created ${quoted(after.title)} with ${after.tracks.length} tracks`;
		case 'update-event':
			return `Event set to ${quoted(after.title)}, ${after.timezone}${after.venue ? `, ${after.venue}` : ''}`;
		case 'add-track':
			return `Added track ${quoted(edit.name)}`;
		case 'rename-track':
			return `Renamed track ${quoted(name(edit.trackId))} to ${quoted(edit.name)}`;
		case 'remove-track':
			return `Removed track ${quoted(name(edit.trackId))}`;
		default:
			return edit satisfies never;
	}
}

export class EventEditService {
	constructor(
		private readonly store: Store,
		private readonly agenda: AgendaService,
		private readonly clock: Clock,
		private readonly serial: Serial,
		private readonly publish: ImportPublisher
	) {}

	edit(edit: EventEdit, actor: Actor): Promise<EventInfo> {
		return this.serial.run(EVENT_KEY, async () => {
			const before = await this.agenda.event();
			const timers = await this.store.timers.list();
			const live = new Set(
				timers.filter((t) => t.phase === 'running' || t.phase === 'paused').map((t) => t.trackId)
			);
			const result = applyEventEdit(before, edit, live);
			if (!result.ok) throw new DomainError(result.error.code, result.error.message);
			const next = result.event;
			const added = next.tracks
				.filter((t) => !before.tracks.some((b) => b.id === t.id))
				.map((t) => t.id);
			const removed = before.tracks
				.filter((b) => !next.tracks.some((t) => t.id === b.id))
				.map((t) => t.id);
			const version = (id: string) => (timers.find((t) => t.trackId === id)?.version ?? 0) + 1;
			await this.agenda.replace(
				next,
				added.map((id) => plannedTimer(id, version(id)))
			);
			const entry = await this.store.audit.append({
				at: this.clock.now(),
				trackId: null,
				action: `event:${edit.action}`,
				summary: summary(edit, before, next).slice(0, 500),
				chair: actor.chair
			});
			this.publish(next, entry, { kept: next.tracks.map((t) => t.id), removed });
			return next;
		});
	}
}
