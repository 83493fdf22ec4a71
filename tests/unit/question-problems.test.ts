// The attendee form checks a question with the server's own rules, without zod.
import { describe, expect, it } from 'vitest';
import { authorProblem, questionProblem } from '#shared/question-text.ts';
import { AuthorName, QuestionText } from '#shared/schema/question.ts';

describe('checking a question before it is queued', () => {
	const cases = [
		'',
		'   ',
		'Why?',
		'a'.repeat(500),
		'a'.repeat(501),
		'😀'.repeat(500),
		'bell\u0007',
		'two\r\nlines'
	];
	it.each(cases)('agrees with the server schema on %j', (text) => {
		expect(questionProblem(text) === null).toBe(QuestionText.safeParse(text).success);
	});

	it('says how many characters too many', () => {
		expect(questionProblem('a'.repeat(503))).toBe('The question is 3 characters too long.');
	});

	const names = ['', 'Ada', 'a'.repeat(60), 'a'.repeat(61), 'two\nlines'];
	it.each(names)('agrees with the server schema on the name %j', (name) => {
		expect(authorProblem(name) === null).toBe(AuthorName.safeParse(name).success);
	});
});
