// Which timer command `timer:undo` would take back, read from the audit log: replay the
// track's timer entries oldest first, each undo cancelling the latest command still standing.
// The log the console holds may be cut short, so this can be null when undo is still possible.
import type { AuditEntry } from '$lib/shared/schema/audit.ts';
import type { TimerIntent } from '$lib/shared/timer.ts';
import { intentLabel } from './change-summary.ts';

type Simple = Exclude<TimerIntent['type'], 'extend' | 'undo'>;

/** The timer commands without a payload, by their audit action (checked against TimerIntent). */
const simple: { [T in Simple as `timer:${T}`]: T } = {
	'timer:start': 'start',
	'timer:pause': 'pause',
	'timer:resume': 'resume',
	'timer:next': 'next',
	'timer:previous': 'previous',
	'timer:end': 'end',
	'timer:reset': 'reset'
};
const simpleOf = (action: string): Simple | null =>
	Object.hasOwn(simple, action) ? simple[action as keyof typeof simple] : null;

/** The audit entry of the timer command an undo on `trackId` would revert, or null. */
export function undoTarget(entries: readonly AuditEntry[], trackId: string): AuditEntry | null {
	const standing: AuditEntry[] = [];
	const ordered = entries.filter((e) => e.trackId === trackId).sort((a, b) => a.id - b.id);
	for (const entry of ordered) {
		if (entry.action === 'timer:undo') standing.pop();
		else if (entry.action === 'timer:extend' || simpleOf(entry.action)) standing.push(entry);
	}
	return standing.at(-1) ?? null;
}

/** "+5 min", "Next"... for an audited timer command; null when it is not one. */
export function auditedCommandLabel(entry: AuditEntry): string | null {
	if (entry.action === 'timer:extend') {
		// the summary opens with the change as formatDelta wrote it: "+5 min on “A talk”"
		const match = /^([+\-−])(\d[\dhmins ]*?) on /.exec(entry.summary);
		if (!match) return 'time change';
		return `${match[1] === '+' ? '+' : '−'}${match[2]}`;
	}
	const type = simpleOf(entry.action);
	return type ? intentLabel({ type }) : null;
}
