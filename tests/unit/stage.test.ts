import { describe, expect, it } from 'vitest';
import type { StageState } from '#shared/schema/stage.ts';
import { applyStageAction, idleStage, type StageAction, type StageResult } from '#shared/stage.ts';
import { MIN, T0 } from './fixtures.ts';

function applied(state: StageState, action: StageAction, now = T0): StageState {
	const result = applyStageAction(state, action, now);
	if (!result.ok) throw new Error(`refused: ${result.error.code}`);
	return result.state;
}
const codeOf = (r: StageResult) => (r.ok ? null : r.error.code);
const wrapUp: StageAction = { type: 'signal', id: 'sig-1', kind: 'wrap-up', text: '' };

describe('the stage state', () => {
	it('starts with no signal and the overtime flash on', () => {
		expect(idleStage('main')).toEqual({ trackId: 'main', signal: null, flash: true, version: 0 });
	});

	it('shows a signal, unseen, from the instant it was sent', () => {
		expect(applied(idleStage('main'), wrapUp, T0 + MIN)).toEqual({
			trackId: 'main',
			signal: { id: 'sig-1', kind: 'wrap-up', text: '', sentAt: T0 + MIN, seenAt: null },
			flash: true,
			version: 1
		});
	});

	it('keeps free text only for a text signal', () => {
		const text = applied(idleStage('main'), {
			type: 'signal',
			id: 'a',
			kind: 'text',
			text: 'Q&A now'
		});
		expect(text.signal?.text).toBe('Q&A now');
		const other = applied(idleStage('main'), {
			type: 'signal',
			id: 'b',
			kind: 'time-up',
			text: 'x'
		});
		expect(other.signal?.text).toBe('');
	});

	it('replaces a signal with a newer one', () => {
		const first = applied(idleStage('main'), wrapUp);
		const second = applied(
			first,
			{ type: 'signal', id: 'sig-2', kind: 'time-up', text: '' },
			T0 + MIN
		);
		expect(second.signal).toMatchObject({ id: 'sig-2', kind: 'time-up', seenAt: null });
		expect(second.version).toBe(2);
	});

	it('records the first time a display showed the signal, and only that', () => {
		const sent = applied(idleStage('main'), wrapUp, T0);
		const seen = applied(sent, { type: 'seen', signalId: 'sig-1' }, T0 + 900);
		expect(seen.signal?.seenAt).toBe(T0 + 900);
		expect(seen.version).toBe(2);
		expect(applied(seen, { type: 'seen', signalId: 'sig-1' }, T0 + 5000)).toBe(seen);
	});

	it('answers not_found when a display reports a signal that is no longer shown', () => {
		const sent = applied(idleStage('main'), wrapUp);
		expect(codeOf(applyStageAction(sent, { type: 'seen', signalId: 'old' }, T0))).toBe('not_found');
		const cleared = applied(sent, { type: 'clear' });
		expect(codeOf(applyStageAction(cleared, { type: 'seen', signalId: 'sig-1' }, T0))).toBe(
			'not_found'
		);
	});

	it('clears the signal until the chair sends another, and refuses to clear nothing', () => {
		const cleared = applied(applied(idleStage('main'), wrapUp), { type: 'clear' });
		expect(cleared).toMatchObject({ signal: null, version: 2 });
		expect(codeOf(applyStageAction(cleared, { type: 'clear' }, T0))).toBe('invalid_state');
	});

	it('turns the overtime flash off and on without touching the signal', () => {
		const sent = applied(idleStage('main'), wrapUp);
		const off = applied(sent, { type: 'flash', enabled: false });
		expect(off).toEqual({ ...sent, flash: false, version: 2 });
		expect(applied(off, { type: 'flash', enabled: true }).flash).toBe(true);
	});

	it('blacks out or shows the holding card, keeping the signal, and repeating changes nothing', () => {
		const sent = applied(idleStage('main'), wrapUp);
		expect(applied(sent, { type: 'standby', mode: 'off' })).toBe(sent);
		const black = applied(sent, { type: 'standby', mode: 'black' });
		expect(black).toEqual({ ...sent, standby: 'black', version: 2 });
		expect(applied(black, { type: 'standby', mode: 'black' })).toBe(black);
		const holding = applied(black, { type: 'standby', mode: 'holding' });
		expect(holding).toMatchObject({ standby: 'holding', version: 3, signal: sent.signal });
		expect(applied(holding, { type: 'standby', mode: 'off' })).toMatchObject({
			standby: 'off',
			version: 4
		});
	});
});
