// Imports a schedule file into the stored event. `preview` reads, converts and diffs it and
// writes nothing; `apply` does the same and then stores the merged event (with the timers of
// new tracks) and one event-wide audit entry in one transaction, hands both to the publisher (with the tracks
// kept and dropped), and resolves the report. `replace` swaps the whole event instead (refused while a timer is
// live). An unreadable file is a DomainError `invalid` naming the line or
// field, and nothing changes. Imports and agenda edits of the event run one at a time.
import { z } from 'zod';
import type { AuditEntry } from '#shared/schema/audit.ts';
import type { EventInfo } from '#shared/schema/event.ts';
import type { Clock } from '../clock.ts';
import { ImportError, type ImportOptions } from '../interchange/imported.ts';
import { mergeImport, type Merged } from '../interchange/merge.ts';
import { parseSchedule } from '../interchange/parse.ts';
import { importReport, importSummary, type ImportReport } from '../interchange/report.ts';
import { idFrom, toEvent } from '../interchange/to-event.ts';
import type { Store } from '../store/store.ts';
import { replaceAudited, type AgendaService } from './agenda.service.ts';
import { EVENT_KEY } from './agenda-edit.service.ts';
import type { Actor } from './audit.service.ts';
import { DomainError } from './errors.ts';
import type { Serial } from './serial.ts';

/** Where an imported event and its audit entry go (the app: the track and chair rooms). */
export type ImportPublisher = (
	event: EventInfo,
	entry: AuditEntry,
	tracks: { kept: readonly string[]; removed: readonly string[] }
) => void;

export class ImportService {
	constructor(
		private readonly store: Store,
		private readonly agenda: AgendaService | null,
		private readonly clock: Clock,
		private readonly serial: Serial,
		private readonly publish: ImportPublisher = () => {}
	) {}

	preview(bytes: Uint8Array, options: ImportOptions = {}): Promise<ImportReport> {
		return this.serial.run(EVENT_KEY, async () => (await this.plan(bytes, options)).report);
	}

	apply(bytes: Uint8Array, options: ImportOptions, actor: Actor): Promise<ImportReport> {
		return this.serial.run(EVENT_KEY, async () => {
			const { merged, report } = await this.plan(bytes, options);
			const audit = {
				at: this.clock.now(),
				trackId: null,
				action: 'agenda:import',
				summary: importSummary(report, options.name).slice(0, 500),
				chair: actor.chair
			};
			const entry = this.agenda
				? await this.agenda.replace(merged.event, merged.timers, audit)
				: await replaceAudited(this.store, merged.event, merged.timers, audit);
			const kept = merged.event.tracks.map((t) => t.id);
			this.publish(merged.event, entry, { kept, removed: merged.tracksRemoved });
			return report;
		});
	}

	private async plan(
		bytes: Uint8Array,
		options: ImportOptions
	): Promise<{ merged: Merged; report: ImportReport }> {
		let converted;
		try {
			const schedule = parseSchedule(bytes, options);
			converted = toEvent(schedule, idFrom(schedule.title.toLowerCase(), 64));
		} catch (err) {
			if (err instanceof ImportError) throw new DomainError('invalid', err.message);
			if (err instanceof z.ZodError) {
				const issue = err.issues[0]!;
				throw new DomainError('invalid', `${issue.path.join('.')}: ${issue.message}`);
			}
			throw err;
		}
		const stored = this.agenda ? await this.agenda.event() : await this.store.events.get();
		const merged = mergeImport(
			stored,
			converted.event,
			await this.store.timers.list(),
			this.clock.now()
		);
		return { merged, report: importReport(merged, converted.notes) };
	}
}
