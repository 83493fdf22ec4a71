// Pure rules of the stage display's state per track: the chair's signal (shown until
// cleared), whether overtime flashes, the blackout or holding card, and when a display
// first showed the signal. Commands return a new StageState with version + 1, or an error
// code; `now` is UTC epoch ms on the server's clock. A `seen` for a signal already seen changes nothing (same version).
import type { SignalKind, StageStandby, StageState } from './schema/stage.ts';

export type StageAction =
	| { type: 'signal'; id: string; kind: SignalKind; text: string }
	| { type: 'clear' }
	| { type: 'flash'; enabled: boolean }
	| { type: 'standby'; mode: StageStandby }
	| { type: 'seen'; signalId: string };

export type StageError = { code: 'invalid_state' | 'not_found'; message: string };
export type StageResult = { ok: true; state: StageState } | { ok: false; error: StageError };

/**
 * The state of a track's stage before any chair touched it: no signal, flash on, no standby
 * (left out: every page loads this, and the bytes count).
 */
export function idleStage(trackId: string, version = 0): StageState {
	return { trackId, signal: null, flash: true, version };
}

/** Applies `action` at `now` (epoch ms). */
export function applyStageAction(state: StageState, action: StageAction, now: number): StageResult {
	const next = (changes: Partial<StageState>): StageResult => ({
		ok: true,
		state: { ...state, ...changes, version: state.version + 1 }
	});
	switch (action.type) {
		case 'signal':
			return next({
				signal: {
					id: action.id,
					kind: action.kind,
					text: action.kind === 'text' ? action.text : '',
					sentAt: now,
					seenAt: null
				}
			});
		case 'clear':
			if (!state.signal) return fail('invalid_state', 'there is no signal to clear');
			return next({ signal: null });
		case 'flash':
			return next({ flash: action.enabled });
		case 'standby':
			if ((state.standby ?? 'off') === action.mode) return { ok: true, state };
			return next({ standby: action.mode });
		case 'seen':
			if (state.signal?.id !== action.signalId) {
				return fail('not_found', 'that signal is no longer on the stage');
			}
			if (state.signal.seenAt !== null) return { ok: true, state };
			return next({ signal: { ...state.signal, seenAt: now } });
		default:
			return action satisfies never;
	}
}

const fail = (code: StageError['code'], message: string): StageResult => ({
	ok: false,
	error: { code, message }
});
