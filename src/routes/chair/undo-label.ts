// Which timer command `timer:undo` would take back, read from the audit log: replay the
// track's timer entries oldest first, each undo cancelling the latest command still standing.
// The log the console holds may be cut short, so this can be null when undo is still possible.
import type { AuditEntry } from '$lib/shared/schema/audit.ts';
import { deltaLabel, intentLabel, type TimerIntent } from './change-summary.ts';

const simple: Record<string, Exclude<TimerIntent['type'], 'extend'>> = {
	'timer:start': 'start',
	'timer:pause': 'pause',
	'timer:resume': 'resume',
	'timer:next': 'next',
	'timer:previous': 'previous',
	'timer:end': 'end',
	'timer:reset': 'reset'
};

/** The audit entry of the timer command an undo on `trackId` would revert, or null. */
export function undoTarget(entries: readonly AuditEntry[], trackId: string): AuditEntry | null {
	const standing: AuditEntry[] = [];
	const ordered = entries.filter((e) => e.trackId === trackId).sort((a, b) => a.id - b.id);
	for (const entry of ordered) {
		if (entry.action === 'timer:undo') standing.pop();
		else if (entry.action === 'timer:extend' || Object.hasOwn(simple, entry.action))
			standing.push(entry);
	}
	return standing.at(-1) ?? null;
}

/** "+5 min", "Next"... for an audited timer command; null when it is not one. */
export function auditedCommandLabel(entry: AuditEntry): string | null {
	if (entry.action === 'timer:extend') {
		const match = /^([+\-−])(\d+) min/.exec(entry.summary);
		if (!match) return 'time change';
		const minutes = Number(match[2]) * (match[1] === '+' ? 1 : -1);
		return deltaLabel(minutes * 60_000);
	}
	return Object.hasOwn(simple, entry.action) ? intentLabel({ type: simple[entry.action]! }) : null;
}
