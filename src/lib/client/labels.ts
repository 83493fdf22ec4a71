// Human wording shared by the pages: slot kinds and error codes. Pure. (Stage signals are
// worded in signal-text.ts, which only the console and the stage display load.)
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

/** A polite sentence for an error a command or request answered with. */
export function errorSentence(error: ClientError): string {
	switch (error.code) {
		case 'offline':
			return 'Not connected to the server. The command was not sent; try again once live.';
		case 'timeout':
			return 'The server did not answer in time. Check the connection and try again.';
		case 'rate_limited': {
			if (!('retryAfterMs' in error)) return 'Too many attempts. Please wait and try again.';
			const seconds = Math.ceil((error.retryAfterMs ?? 0) / 1000);
			return seconds > 0
				? `Too many attempts. Please wait ${seconds} s and try again.`
				: 'Too many attempts. Please wait a moment and try again.';
		}
		// the server's own words: a wrong passcode, a chair session gone, a question id or
		// command id already taken (the console words a chair's conflicts itself), a refused
		// or impossible request
		case 'unauthorized':
		case 'forbidden':
		case 'conflict':
		case 'invalid_state':
		case 'not_found':
		case 'invalid':
			return sentence(error.message) || 'That is not possible right now.';
		case 'protocol_mismatch':
			return 'A new version of Dais is available. Please reload the page.';
		case 'internal':
			return 'Something went wrong on the server. Please try again.';
		default:
			return error satisfies never;
	}
}

function sentence(text: string): string {
	const trimmed = text.trim();
	if (!trimmed) return '';
	const capital = trimmed[0]!.toUpperCase() + trimmed.slice(1);
	return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
