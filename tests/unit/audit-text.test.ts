import { describe, expect, it } from 'vitest';
import { agendaSummary, formatDelta, stageSummary, timerSummary } from '#shared/audit-text.ts';
import { idleStage } from '#shared/stage.ts';
import { plannedTimer } from '#shared/timer.ts';
import { MIN, T0, agenda, apply, extend, live } from './fixtures.ts';

describe('audit summaries of timer commands', () => {
	it('say how much time was added or taken, on which slot', () => {
		const longer = apply(live(), extend(5 * MIN), T0 + MIN);
		expect(timerSummary(extend(5 * MIN), live(), longer, agenda)).toBe('+5 min on “talk 0”');
		const shorter = apply(live(), extend(-MIN), T0 + MIN);
		expect(timerSummary(extend(-MIN), live(), shorter, agenda)).toBe('−1 min on “talk 0”');
	});

	it('name the command given and what really changed when shortening stopped at time up', () => {
		const shorter = apply(live(), extend(-5 * MIN), T0 + 13 * MIN);
		expect(timerSummary(extend(-5 * MIN), live(), shorter, agenda)).toBe(
			'−5 min on “talk 0” (stopped at time up: −2 min)'
		);
	});

	it('log a −1 min in overtime as −1 min that took nothing, never as +0', () => {
		const over = apply(live(), extend(-MIN), T0 + 17 * MIN);
		expect(timerSummary(extend(-MIN), live(), over, agenda)).toBe(
			'−1 min on “talk 0” (already at time up: nothing taken)'
		);
	});

	it('log +5 min on a track no chair has taken as +5 min', () => {
		const planned = plannedTimer('main');
		const onTalk = apply(planned, extend(5 * MIN), T0 + 5 * MIN);
		expect(timerSummary(extend(5 * MIN), planned, onTalk, agenda)).toBe('+5 min on “talk 0”');
		const onDiscussion = apply(planned, extend(5 * MIN), T0 + 20 * MIN);
		expect(timerSummary(extend(5 * MIN), planned, onDiscussion, agenda)).toBe(
			'+5 min on “discussion 1”'
		);
	});

	it('say that Previous restarts the previous slot from 0', () => {
		const back = apply(
			live({ slotId: 's1', startedAt: T0 + 15 * MIN }),
			{ type: 'previous' },
			T0 + 16 * MIN
		);
		expect(timerSummary({ type: 'previous' }, live({ slotId: 's1' }), back, agenda)).toBe(
			'Previous: “discussion 1” → “talk 0”, restarted from 0'
		);
	});

	it('name both slots of a move', () => {
		const next = apply(live(), { type: 'next' }, T0 + MIN);
		expect(timerSummary({ type: 'next' }, live(), next, agenda)).toBe(
			'Next: “talk 0” → “discussion 1”'
		);
		const first = apply(plannedTimer('main'), { type: 'next' }, T0 + MIN);
		expect(timerSummary({ type: 'next' }, plannedTimer('main'), first, agenda)).toBe(
			'Next: the plan → “discussion 1”'
		);
	});

	it('say where an undo went back to', () => {
		expect(timerSummary({ type: 'undo' }, live(), live({ phase: 'paused' }), agenda)).toBe(
			'Undo: back to “talk 0” (paused)'
		);
		expect(timerSummary({ type: 'undo' }, live(), plannedTimer('main'), agenda)).toBe(
			'Undo: back to following the plan'
		);
	});
});

describe('audit summaries of agenda and stage commands', () => {
	it('list the fields an update changed, with old and new minutes', () => {
		const edit = {
			type: 'update',
			slotId: 's1',
			patch: { title: 'New', plannedMinutes: 20 }
		} as const;
		expect(agendaSummary(edit, agenda)).toBe('Edit “discussion 1”: title, minutes 30 → 20');
	});

	it('say what was inserted where, removed, or moved to which position', () => {
		const slot = {
			kind: 'talk' as const,
			title: 'Lightning',
			speakers: [],
			abstract: '',
			plannedMinutes: 5
		};
		expect(agendaSummary({ type: 'insert', afterSlotId: 's2', slot, id: 'n' }, agenda)).toBe(
			'Insert “Lightning” (5 min) after “talk 2”'
		);
		expect(agendaSummary({ type: 'remove', slotId: 's3' }, agenda)).toBe('Remove “break 3”');
		expect(agendaSummary({ type: 'move', slotId: 's4', toIndex: 1 }, agenda)).toBe(
			'Move “talk 4” to position 2'
		);
	});

	it('name the signal sent to the stage and the flash setting', () => {
		const stage = idleStage('main');
		expect(stageSummary({ type: 'signal', id: 'a', kind: 'wrap-up', text: '' }, stage)).toBe(
			'Signal the stage: wrap up'
		);
		expect(stageSummary({ type: 'signal', id: 'a', kind: 'text', text: 'Mic!' }, stage)).toBe(
			'Signal the stage: “Mic!”'
		);
		expect(stageSummary({ type: 'flash', enabled: false }, { ...stage, flash: false })).toBe(
			'Overtime flash off'
		);
	});

	it('cut long titles so that a line stays short', () => {
		const long = [{ ...agenda[0]!, title: 'x'.repeat(300) }];
		expect(agendaSummary({ type: 'remove', slotId: 's0' }, long).length).toBeLessThan(100);
		expect(formatDelta(30_000)).toBe('+30 s');
	});

	it('cut a title at 80 characters, the last an ellipsis, and keep one of 80 whole', () => {
		const titled = (title: string) =>
			agendaSummary({ type: 'remove', slotId: 's0' }, [{ ...agenda[0]!, title }]);
		expect(titled('x'.repeat(81))).toContain(`“${'x'.repeat(79)}…”`);
		expect(titled('x'.repeat(80))).toContain(`“${'x'.repeat(80)}”`);
	});
});
