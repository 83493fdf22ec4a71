// The chairs' export of a slot's or a track's questions, as Markdown (MC notes: a heading
// per slot, questions by votes with status) or CSV (RFC 4180, CRLF rows, one header row).
// User text is escaped so it stays text: Markdown punctuation is backslash-escaped, and CSV
// cells that a spreadsheet would run as a formula (= + - @ tab CR) get a leading '.
// Instants are epoch ms: local wall-clock times in Markdown, ISO 8601 UTC in CSV.
import type { Question } from './schema/question.ts';
import type { Slot } from './schema/slot.ts';
import { sortQuestions } from './questions.ts';
import { formatClock, formatDay } from './time-format.ts';

export type ExportSection = { slot: Slot; questions: readonly Question[] };

export type ExportInput = {
	eventTitle: string;
	trackName: string;
	/** IANA zone of the event, for the times in Markdown */
	timezone: string;
	/** epoch ms */
	exportedAt: number;
	/** in agenda order */
	sections: readonly ExportSection[];
};

const INLINE = /[\\`*_[\]<>#|~&]/g;

/** Text that CommonMark renders literally, line by line (no HTML, links or block markup). */
export function escapeMarkdown(text: string): string {
	return text
		.split('\n')
		.map((line) =>
			line
				.replace(INLINE, '\\$&')
				.replace(/^(\s*)([-+=])/, '$1\\$2')
				.replace(/^(\s*\d+)([.)])/, '$1\\$2')
		)
		.join('\n');
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function markdownQuestion(q: Question, timezone: string): string {
	const facts = [
		`**${plural(q.votes, 'vote')}**`,
		q.status,
		...(q.pinned ? ['pinned'] : []),
		`asked ${formatClock(q.createdAt, timezone)}`,
		...(q.authorName ? [`by ${escapeMarkdown(q.authorName)}`] : [])
	];
	// Indented under the list item; a line followed by another ends in a hard break (\).
	const lines = escapeMarkdown(q.text).split('\n');
	const text = lines
		.map((line, i) => {
			if (line === '') return '';
			return lines[i + 1] ? `  ${line}\\` : `  ${line}`;
		})
		.join('\n');
	return `- ${facts.join(' · ')}\n\n${text}\n`;
}

export function questionsMarkdown(input: ExportInput): string {
	const { timezone } = input;
	const out = [
		`# Questions: ${escapeMarkdown(input.trackName)}`,
		'',
		`${escapeMarkdown(input.eventTitle)} · exported ${formatDay(input.exportedAt, timezone)} ` +
			`${formatClock(input.exportedAt, timezone)} (${timezone})`,
		''
	];
	for (const { slot, questions } of input.sections) {
		out.push(`## ${formatClock(slot.plannedStart, timezone)} ${escapeMarkdown(slot.title)}`, '');
		if (questions.length === 0) out.push('_No questions._', '');
		for (const q of sortQuestions(questions, 'votes')) out.push(markdownQuestion(q, timezone));
	}
	if (input.sections.length === 0) out.push('_No questions yet._', '');
	return out.join('\n');
}

const FORMULA = /^[=+\-@\t\r]/;

/** One CSV field: formula triggers neutralised, then quoted when it must be (RFC 4180). */
export function csvCell(value: string | number | boolean): string {
	const text = typeof value === 'string' && FORMULA.test(value) ? `'${value}` : String(value);
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const CSV_HEADER = [
	'slot_position',
	'slot_id',
	'slot_title',
	'slot_start',
	'question_id',
	'asked_at',
	'status',
	'pinned',
	'votes',
	'author',
	'text'
] as const;

export function questionsCsv(input: ExportInput): string {
	const iso = (ms: number) => new Date(ms).toISOString();
	const rows: (string | number | boolean)[][] = [[...CSV_HEADER]];
	for (const { slot, questions } of input.sections) {
		for (const q of sortQuestions(questions, 'votes')) {
			rows.push([
				slot.position + 1,
				slot.id,
				slot.title,
				iso(slot.plannedStart),
				q.id,
				iso(q.createdAt),
				q.status,
				q.pinned,
				q.votes,
				q.authorName ?? '',
				q.text
			]);
		}
	}
	return rows.map((row) => row.map(csvCell).join(',') + '\r\n').join('');
}
