// Chair edits of a track's agenda (#shared/agenda-edit.ts). An edit names the agendaVersion
// it was made against: it is a `conflict` when its track changed after that version (edits
// of other tracks do not count), and nothing is written. A saved edit bumps the event's
// agendaVersion and appends its audit entry in the same transaction, and both are then
// published to the track's rooms. Each slot it moves, resizes or adds carries the change for
// attendees (#shared/slot-changes.ts). Edits run one at a time per track (with its timer
// commands) and per event (the event is stored whole).
import crypto from 'node:crypto';
import { applyAgendaEdit, lockedSlotId, newSlotId, type AgendaEdit } from '#shared/agenda-edit.ts';
import { agendaSummary } from '#shared/audit-text.ts';
import type { SlotInsert } from '#shared/protocol.ts';
import { markChanges } from '#shared/slot-changes.ts';
import type { EventInfo } from '#shared/schema/event.ts';
import { plannedTimer } from '#shared/timer.ts';
import type { Clock } from '../clock.ts';
import type { Store } from '../store/store.ts';
import type { AgendaService } from './agenda.service.ts';
import type { Actor, AuditService } from './audit.service.ts';
import { DomainError } from './errors.ts';
import type { Serial } from './serial.ts';

/** Where a saved event goes next (the track's Socket.IO room, in the app). */
export type AgendaPublisher = (event: EventInfo, trackId: string) => void;

export const EVENT_KEY = '\0event';

/** An edit as the wire has it; an insert gets its slot id here. */
export type EditRequest =
	| Exclude<AgendaEdit, { type: 'insert' }>
	| ({ type: 'insert' } & Pick<SlotInsert, 'afterSlotId' | 'slot'>);

export class AgendaEditService {
	constructor(
		private readonly store: Store,
		private readonly agenda: AgendaService,
		private readonly clock: Clock,
		private readonly publish: AgendaPublisher,
		private readonly serial: Serial,
		private readonly audit: AuditService
	) {}

	/** Applies `request` to the track; resolves the saved, published event. */
	edit(
		trackId: string,
		expectedAgendaVersion: number,
		request: EditRequest,
		actor: Actor
	): Promise<EventInfo> {
		return this.serial.run(trackId, () =>
			this.serial.run(EVENT_KEY, () => this.run(trackId, expectedAgendaVersion, request, actor))
		);
	}

	private async run(
		trackId: string,
		expected: number,
		request: EditRequest,
		actor: Actor
	): Promise<EventInfo> {
		const event = await this.agenda.event();
		const track = await this.agenda.track(trackId);
		const changedIn = await this.store.events.trackChangedIn(trackId);
		if (expected < changedIn || expected > event.agendaVersion) {
			throw new DomainError(
				'conflict',
				`the agenda of this track changed in version ${changedIn}; you have ${expected}`
			);
		}
		const edit = this.withId(event, request);
		const timer = (await this.store.timers.get(trackId)) ?? plannedTimer(trackId);
		const now = this.clock.now();
		const result = applyAgendaEdit(track, edit, lockedSlotId(timer, track.slots, now), now);
		if (!result.ok) throw new DomainError(result.error.code, result.error.message);
		const next: EventInfo = markChanges(event, {
			...event,
			agendaVersion: event.agendaVersion + 1,
			tracks: event.tracks.map((t) => (t.id === trackId ? result.track : t))
		});
		const summary = agendaSummary(edit, track.slots);
		const audit = this.audit.along(actor, trackId, `agenda:${edit.type}-slot`, summary);
		if (!(await this.agenda.saveEdit(next, trackId, event.agendaVersion, audit.record))) {
			throw new DomainError('conflict', 'the agenda changed meanwhile; try again');
		}
		this.publish(next, trackId);
		audit.publish();
		return next;
	}

	private withId(event: EventInfo, request: EditRequest): AgendaEdit {
		if (request.type !== 'insert') return request;
		const taken = new Set(event.tracks.flatMap((t) => t.slots.map((s) => s.id)));
		const nonce = crypto.randomBytes(4).toString('hex');
		return { ...request, id: newSlotId(request.slot.title, nonce, taken) };
	}
}
