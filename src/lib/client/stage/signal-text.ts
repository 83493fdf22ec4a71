// How a stage signal reads, for the stage display and the chair's console. Pure; apart from
// labels.ts so that the attendee page does not carry it.
import type { StageSignal } from '$lib/shared/schema/stage.ts';

/** What a stage signal says on the display: "5 minutes", "Wrap up", "Time is up" or the text. */
export function signalText(signal: Pick<StageSignal, 'kind' | 'text'>): string {
	switch (signal.kind) {
		case 'five-minutes':
			return '5 minutes';
		case 'wrap-up':
			return 'Wrap up';
		case 'time-up':
			return 'Time is up';
		case 'text':
			return signal.text;
		default:
			return signal.kind satisfies never;
	}
}
