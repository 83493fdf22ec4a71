import { describe, expect, it } from 'vitest';
import { auditedCommandLabel, undoTarget } from '../../src/routes/chair/undo-label.ts';
import type { AuditEntry } from '#shared/schema/audit.ts';

let id = 0;
const entry = (action: string, summary = '', trackId: string | null = 'main'): AuditEntry => ({
	id: ++id,
	at: 0,
	trackId,
	action,
	summary,
	chair: 'chair 1a2b'
});

const label = (entries: AuditEntry[], trackId = 'main') => {
	const target = undoTarget(entries, trackId);
	return target ? auditedCommandLabel(target) : null;
};

describe('the command Undo would take back', () => {
	it('is the latest timer command of the track, with an extension named by its minutes', () => {
		const log = [entry('timer:next'), entry('timer:extend', '+5 min on “A talk”')];
		expect(label(log)).toBe('+5 min');
		expect(label([...log, entry('timer:extend', '−1 min on “A talk”')])).toBe('−1 min');
	});

	it('names an extension of seconds or of an hour as the log wrote it', () => {
		expect(label([entry('timer:extend', '+1 min 30 s on “A talk”')])).toBe('+1 min 30 s');
		expect(label([entry('timer:extend', '−1 h on the plan')])).toBe('−1 h');
		expect(label([entry('timer:extend', 'something else')])).toBe('time change');
	});

	it('names a shortening that stopped at time up by the command given', () => {
		const log = [entry('timer:extend', '−1 min on “A talk” (already at time up: nothing taken)')];
		expect(label(log)).toBe('−1 min');
		const stopped = entry('timer:extend', '−5 min on “+2 min talk” (stopped at time up: −2 min)');
		expect(label([stopped])).toBe('−5 min');
	});

	it('steps back one command for every undo already made', () => {
		const log = [
			entry('timer:start'),
			entry('timer:next'),
			entry('timer:pause'),
			entry('timer:undo', 'Undo: back to “A talk” (running)')
		];
		expect(label(log)).toBe('Next');
		expect(label([...log, entry('timer:undo'), entry('timer:undo')])).toBeNull();
	});

	it('ignores other tracks, agenda and stage entries, and reads entries in id order', () => {
		const reset = entry('timer:reset');
		const log = [
			entry('timer:end', '', 'other'),
			entry('stage:signal', 'Signal the stage: wrap up'),
			entry('agenda:remove-slot', 'Remove “Coffee”'),
			entry('chair:sign-in', 'Signed in', null)
		];
		expect(label([...log, reset].reverse())).toBe('Reset');
		expect(label(log)).toBeNull();
	});
});
