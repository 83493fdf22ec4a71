// The chair audit log: every successful chair command is appended with when (the clock's
// epoch ms), what (the command and a human summary) and which chair session (a short label),
// then published to the chair room of its track, or of every track for event-wide entries.
import type { AuditEntry } from '#shared/schema/audit.ts';
import type { Clock } from '../clock.ts';
import type { AuditQuery, Store } from '../store/store.ts';
import type { AgendaService } from './agenda.service.ts';

/** Where an appended entry goes: the chair rooms of these tracks. */
export type AuditPublisher = (entry: AuditEntry, trackIds: readonly string[]) => void;

/** Who did it: the chair session's short, non-secret label (see chairLabel). */
export type Actor = { chair: string };

export class AuditService {
	constructor(
		private readonly store: Store,
		private readonly agenda: AgendaService,
		private readonly clock: Clock,
		private readonly publishTo: AuditPublisher
	) {}

	async record(
		actor: Actor,
		trackId: string | null,
		action: string,
		summary: string
	): Promise<AuditEntry> {
		const entry = await this.store.audit.append(this.draft(actor, trackId, action, summary));
		const trackIds = trackId ? [trackId] : (await this.agenda.event()).tracks.map((t) => t.id);
		this.publishTo(entry, trackIds);
		return entry;
	}

	/** The entry to append in a change's own transaction (publish it after the commit). */
	draft(
		actor: Actor,
		trackId: string | null,
		action: string,
		summary: string
	): Omit<AuditEntry, 'id'> {
		return {
			at: this.clock.now(),
			trackId,
			action,
			summary: summary.slice(0, 500),
			chair: actor.chair
		};
	}

	/** Tells the chair rooms of the entry's track of an entry appended in a transaction. */
	publish(entry: AuditEntry): void {
		if (entry.trackId) this.publishTo(entry, [entry.trackId]);
	}

	/** The newest entries, newest first; for a track, its own and the event-wide ones. */
	async list(query: AuditQuery): Promise<AuditEntry[]> {
		if (query.trackId !== undefined) await this.agenda.track(query.trackId);
		return this.store.audit.list(query);
	}
}
