// Human wording shared by the pages: slot kinds, and the errors a command can meet (worded
// in error-sentence.ts, which a page loads only when it has one to show). Pure. (Stage
// signals are worded in signal-text.ts, which only the console and the stage display load.)
import type { ErrorBody } from '$lib/shared/protocol.ts';
import type { Slot } from '$lib/shared/schema/slot.ts';

/** "15-min talk", "30-min discussion", "Break", "10 min". */
export function kindLabel(slot: Pick<Slot, 'kind' | 'plannedMinutes'>): string {
	const minutes = slot.plannedMinutes;
	switch (slot.kind) {
		case 'talk':
			return `${minutes}-min talk`;
		case 'discussion':
			return `${minutes}-min discussion`;
		case 'break':
			return 'Break';
		case 'other':
			return `${minutes} min`;
		default:
			return slot.kind satisfies never;
	}
}

/** An error from the server, or one the client noticed itself (no connection, no answer). */
export type ClientError = ErrorBody | { code: 'offline' | 'timeout'; message: string };
