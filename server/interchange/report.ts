// What an import would do, for people: one line per change, in the event's zone, and a
// one-line summary for the audit log. Shared by `npm run import` and the chair console.
import { formatClock, formatDay } from '#shared/time-format.ts';
import type { ImportReport } from '#shared/import-report.ts';
import type { EventInfo } from '#shared/schema/event.ts';
import type { Change, Merged } from './merge.ts';

export type { ImportReport };

const when = (t: { plannedStart: number; plannedMinutes: number } | undefined, zone: string) =>
	t
		? `${formatDay(t.plannedStart, zone)} ${formatClock(t.plannedStart, zone)} (${t.plannedMinutes} min)`
		: '';

function line(change: Change, event: EventInfo, zone: string): string {
	const track = event.tracks.find((t) => t.id === change.trackId)?.name ?? change.trackId;
	const title = `“${change.title}”`;
	switch (change.type) {
		case 'added':
			return `+ ${track}: ${title} ${when(change.to, zone)}`;
		case 'removed':
			return `- ${track}: ${title} ${when(change.from, zone)}`;
		case 'moved':
			return `~ ${track}: ${title} moved from ${when(change.from, zone)} to ${when(change.to, zone)}`;
		case 'changed':
			return `~ ${track}: ${title} text or speakers changed`;
		case 'kept':
			return `= ${track}: ${title} is running or done: left as it is`;
		default:
			return change.type satisfies never;
	}
}

export function importReport(merged: Merged, notes: readonly string[]): ImportReport {
	const { event } = merged;
	const counts = { added: 0, removed: 0, moved: 0, changed: 0, kept: 0 };
	for (const c of merged.changes) counts[c.type]++;
	return {
		title: event.title,
		timezone: event.timezone,
		tracks: event.tracks.length,
		slots: event.tracks.reduce((n, t) => n + t.slots.length, 0),
		counts,
		tracksAdded: merged.tracksAdded,
		tracksRemoved: merged.tracksRemoved,
		lines: merged.changes.map((c) => line(c, event, event.timezone)),
		notes: [...notes]
	};
}

/** e.g. "Imported “FOSDEM 2026”: 12 added, 3 moved, 1 removed, 2 left as they were" */
export function importSummary(report: ImportReport, name?: string): string {
	const { added, moved, changed, removed, kept } = report.counts;
	const parts = [`${added} added`, `${moved} moved`, `${changed} changed`, `${removed} removed`];
	if (kept) parts.push(`${kept} running or done left as they were`);
	return `Imported “${report.title}”${name ? ` from ${name}` : ''}: ${parts.join(', ')}`;
}
