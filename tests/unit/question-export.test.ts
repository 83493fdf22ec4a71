import { describe, expect, it } from 'vitest';
import {
	csvCell,
	escapeMarkdown,
	questionsCsv,
	questionsMarkdown,
	type ExportInput
} from '#shared/question-export.ts';
import type { Question } from '#shared/schema/question.ts';
import { MIN, T0, agenda } from './fixtures.ts';

const question = (overrides: Partial<Question>): Question => ({
	id: '00000000-0000-4000-8000-000000000001',
	trackId: 'main',
	slotId: 's1',
	text: 'Why?',
	authorName: null,
	createdAt: T0 + 20 * MIN,
	status: 'open',
	pinned: false,
	votes: 0,
	...overrides
});

const input = (sections: ExportInput['sections']): ExportInput => ({
	eventTitle: 'LPC',
	trackName: 'Containers',
	timezone: 'Europe/Lisbon',
	exportedAt: T0 + 60 * MIN,
	sections
});

describe('CSV cells', () => {
	it('quote commas, quotes and line breaks as RFC 4180 says', () => {
		expect(csvCell('plain')).toBe('plain');
		expect(csvCell('a,b')).toBe('"a,b"');
		expect(csvCell('say "hi"')).toBe('"say ""hi"""');
		expect(csvCell('one\ntwo')).toBe('"one\ntwo"');
		expect(csvCell(3)).toBe('3');
		expect(csvCell(false)).toBe('false');
	});

	it('neutralise cells a spreadsheet would run as a formula', () => {
		for (const start of ['=', '+', '-', '@', '\t', '\r']) {
			expect(csvCell(`${start}1+1`).replace(/^"/, '').startsWith(`'${start}`)).toBe(true);
		}
		expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
		expect(csvCell(' =not first')).toBe(' =not first');
	});
});

describe('the CSV export', () => {
	it('has a header and one CRLF row per question, most votes first', () => {
		const csv = questionsCsv(
			input([
				{
					slot: agenda[1]!,
					questions: [
						question({ id: 'q-low', votes: 1, text: 'low' }),
						question({ id: 'q-top', votes: 4, text: 'top, "quoted"', authorName: 'Ada' })
					]
				}
			])
		);
		expect(csv.split('\r\n')).toEqual([
			'slot_position,slot_id,slot_title,slot_start,question_id,asked_at,status,pinned,votes,author,text',
			`2,s1,discussion 1,2019-09-10T09:15:00.000Z,q-top,2019-09-10T09:20:00.000Z,open,false,4,Ada,"top, ""quoted"""`,
			'2,s1,discussion 1,2019-09-10T09:15:00.000Z,q-low,2019-09-10T09:20:00.000Z,open,false,1,,low',
			''
		]);
	});
});

describe('Markdown', () => {
	it('escapes markup so user text renders literally', () => {
		expect(escapeMarkdown('<img src=x onerror=alert(1)>')).toBe('\\<img src=x onerror=alert(1)\\>');
		expect(escapeMarkdown('[a](javascript:b) *c* _d_ `e` #f |g| ~h~ &amp;')).toBe(
			'\\[a\\](javascript:b) \\*c\\* \\_d\\_ \\`e\\` \\#f \\|g\\| \\~h\\~ \\&amp;'
		);
		expect(escapeMarkdown('- item\n+ item\n1. item\n2) item\n===\nback\\slash')).toBe(
			'\\- item\n\\+ item\n1\\. item\n2\\) item\n\\===\nback\\\\slash'
		);
	});

	it('gives a heading per slot with its local start, then questions with votes and status', () => {
		const md = questionsMarkdown(
			input([
				{
					slot: agenda[1]!,
					questions: [
						question({ id: 'a', votes: 1, text: 'first line\nsecond\n\nnew paragraph' }),
						question({ id: 'b', votes: 3, status: 'answered', pinned: true, authorName: 'Ada' })
					]
				},
				{ slot: agenda[2]!, questions: [] }
			])
		);
		expect(md).toBe(
			[
				'# Questions: Containers',
				'',
				'LPC · exported Tue 10 Sep 11:00 (Europe/Lisbon)',
				'',
				'## 10:15 discussion 1',
				'',
				'- **3 votes** · answered · pinned · asked 10:20 · by Ada',
				'',
				'  Why?',
				'',
				'- **1 vote** · open · asked 10:20',
				'',
				'  first line\\',
				'  second',
				'',
				'  new paragraph',
				'',
				'## 10:45 talk 2',
				'',
				'_No questions._',
				''
			].join('\n')
		);
	});
});
