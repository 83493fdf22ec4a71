import { describe, expect, it } from 'vitest';
import {
	AuthorName,
	charCount,
	cleanText,
	hasOnlyPrintable,
	QuestionId,
	QuestionText
} from '#shared/schema/question.ts';

describe('cleaning question text', () => {
	it('composes to NFC, turns CRLF and CR into LF, and trims', () => {
		expect(cleanText('  Cafe\u0301\r\nnext\rlast \t')).toBe('Café\nnext\nlast');
		expect(cleanText('\u00a0\u2003x\ufeff')).toBe('x');
	});

	it('counts code points, so an emoji or a composed letter is one character', () => {
		expect(charCount('😀é')).toBe(2);
		expect(charCount('e\u0301')).toBe(2);
		expect(charCount(cleanText('e\u0301'))).toBe(1);
	});

	it('allows newlines but no other control character or lone surrogate', () => {
		expect(hasOnlyPrintable('one\ntwo 😀 <b>&amp;</b>')).toBe(true);
		for (const bad of [
			'\u0000',
			'\t',
			'\u0007',
			'\u001b',
			'\u007f',
			'\u0085',
			'\ud800',
			'\udfff'
		]) {
			expect(hasOnlyPrintable(`a${bad}b`), JSON.stringify(bad)).toBe(false);
		}
	});
});

describe('the text schemas', () => {
	it('accept 1 to 500 characters after cleaning, and return the cleaned text', () => {
		expect(QuestionText.parse('  Why?  ')).toBe('Why?');
		expect(QuestionText.safeParse('   ').success).toBe(false);
		expect(QuestionText.safeParse('x'.repeat(500)).success).toBe(true);
		expect(QuestionText.safeParse('x'.repeat(501)).success).toBe(false);
		expect(QuestionText.safeParse(`${'x'.repeat(499)}  \r\n`).success).toBe(true);
	});

	it('take a name of up to 60 characters on one line; empty is allowed (anonymous)', () => {
		expect(AuthorName.parse('  ')).toBe('');
		expect(AuthorName.parse(' Zoe\u0308 ')).toBe('Zoë');
		expect(AuthorName.safeParse('n'.repeat(61)).success).toBe(false);
		expect(AuthorName.safeParse('Ada\nLovelace').success).toBe(false);
	});

	it('compare question ids in lower case and refuse anything but a UUID', () => {
		expect(QuestionId.parse('6F9619FF-8B86-4011-B42D-00C04FC964FF')).toBe(
			'6f9619ff-8b86-4011-b42d-00c04fc964ff'
		);
		expect(QuestionId.safeParse('6f9619ff8b864011b42d00c04fc964ff').success).toBe(false);
	});
});
