// The polite sentence for an error a command or request answered with (labels.ts names
// them). Never the server's text for a malformed request: that names schemas, not things a
// person did. Pure; pages that show errors only at times load it when they do.
import type { ClientError } from './labels.ts';

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
			return sentence(error.message) || 'That is not possible right now.';
		// its words for a malformed request name schemas and fields, not for a person
		case 'invalid':
			return 'The server could not accept it as it was sent.';
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
