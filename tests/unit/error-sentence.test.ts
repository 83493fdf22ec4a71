import { describe, expect, it } from 'vitest';
import { errorSentence } from '$lib/client/error-sentence.ts';

describe('the sentence for a refused command', () => {
	it('tells an asker whose question id is taken what the server said, not about a timer', () => {
		const text = errorSentence({
			code: 'conflict',
			message: 'another question already has this id'
		});
		expect(text).toBe('Another question already has this id.');
	});

	it('gives a wrong passcode and a lapsed chair session in the server’s words', () => {
		expect(errorSentence({ code: 'unauthorized', message: 'that passcode is not right' })).toBe(
			'That passcode is not right.'
		);
		expect(
			errorSentence({
				code: 'forbidden',
				message: 'only a signed-in chair can do that; please sign in again'
			})
		).toBe('Only a signed-in chair can do that; please sign in again.');
	});

	it('falls back to a sentence of its own when the server gave no words', () => {
		expect(errorSentence({ code: 'conflict', message: '  ' })).toBe(
			'That is not possible right now.'
		);
	});

	it('words what the page noticed itself and what the server could not do', () => {
		expect(errorSentence({ code: 'offline', message: '' })).toMatch(/^Not connected/);
		expect(errorSentence({ code: 'timeout', message: '' })).toMatch(/did not answer in time/);
		expect(errorSentence({ code: 'internal', message: 'boom' })).toBe(
			'Something went wrong on the server. Please try again.'
		);
		expect(errorSentence({ code: 'rate_limited', message: '', retryAfterMs: 2_500 })).toBe(
			'Too many attempts. Please wait 3 s and try again.'
		);
	});

	it('never shows a person the server’s words for a malformed request', () => {
		const text = errorSentence({
			code: 'invalid',
			message: 'question:ask takes one payload object matching its schema, then an ack'
		});
		expect(text).toBe('The server could not accept it as it was sent.');
	});
});
