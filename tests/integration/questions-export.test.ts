import { afterEach, describe, expect, it } from 'vitest';
import { CSV_HEADER } from '#shared/question-export.ts';
import { asked, CURRENT, moderate, UPCOMING, vote } from './support/questions.ts';
import { NOW, signIn, World, type TestServer } from './world.ts';

const world = new World();
afterEach(() => world.cleanup());

/** A strict RFC 4180 reader: CRLF rows, quoted fields with doubled quotes. */
function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let i = 0;
	while (i < text.length) {
		let field = '';
		if (text[i] === '"') {
			i++;
			while (!(text[i] === '"' && text[i + 1] !== '"')) {
				if (i >= text.length) throw new Error('unterminated quoted field');
				field += text[i];
				i += text[i] === '"' ? 2 : 1;
			}
			i++;
		} else {
			while (i < text.length && text[i] !== ',' && text[i] !== '\r') {
				if (text[i] === '"' || text[i] === '\n') throw new Error(`bare ${text[i]} at ${i}`);
				field += text[i++];
			}
		}
		row.push(field);
		if (text[i] === ',') i++;
		else if (text.startsWith('\r\n', i)) {
			rows.push(row);
			row = [];
			i += 2;
		} else throw new Error(`unexpected character at ${i}`);
	}
	return rows;
}

async function exported(server: TestServer, query: string, cookie: string) {
	return fetch(`${server.url}/api/questions/export?${query}`, { headers: { cookie } });
}

/** A track with questions in two slots, votes, and every status. */
async function seeded() {
	const server = await world.start();
	const cookie = await signIn(server);
	const chair = (await world.join(server, { cookie })).socket;
	const asker = (await world.join(server)).socket;
	const ask = async (text: string, authorName?: string) => {
		server.clock.advance(1000);
		return asked(asker, { text, authorName });
	};
	const top = await ask('Will "cgroup v2", finally,\nwin?', 'Ada');
	const formula = await ask('=HYPERLINK("http://evil.example","click")');
	const hidden = await ask('@SUM(1+1) <script>alert(1)</script>');
	const plus = await ask('+1 -1 *bold* [link](javascript:x) # no heading');
	server.clock.advance(60_000);
	const later = await asked(asker, { slotId: UPCOMING, text: '-2+3', authorName: '=cmd' });
	for (let i = 0; i < 3; i++) await vote((await world.join(server)).socket, top.id);
	await vote((await world.join(server)).socket, plus.id);
	await moderate(chair, hidden.id, 'hide');
	await moderate(chair, top.id, 'answer');
	await moderate(chair, plus.id, 'pin');
	return { server, cookie, top, formula, hidden, plus, later };
}

describe('the chairs’ export', () => {
	it('gives a track as RFC 4180 CSV, most votes first, formulas neutralised', async () => {
		const { server, cookie, top, formula, hidden, plus, later } = await seeded();
		const res = await exported(server, 'format=csv', cookie);

		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
		expect(res.headers.get('content-disposition')).toBe(
			'attachment; filename="questions-main.csv"'
		);
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		const rows = parseCsv(await res.text());
		expect(rows[0]).toEqual([...CSV_HEADER]);
		const at = (q: { createdAt: number }) => new Date(q.createdAt).toISOString();
		const slot2 = [
			'2',
			CURRENT,
			'Moving container workloads to cgroup v2',
			'2025-05-20T10:15:00.000Z'
		];
		expect(rows.slice(1)).toEqual([
			[...slot2, top.id, at(top), 'answered', 'false', '3', 'Ada', top.text],
			[...slot2, plus.id, at(plus), 'open', 'true', '1', '', `'${plus.text}`],
			[...slot2, formula.id, at(formula), 'open', 'false', '0', '', `'${formula.text}`],
			[...slot2, hidden.id, at(hidden), 'hidden', 'false', '0', '', `'${hidden.text}`],
			[
				'3',
				UPCOMING,
				'A new clone syscall',
				'2025-05-20T10:45:00.000Z',
				later.id,
				at(later),
				'open',
				'false',
				'0',
				"'=cmd",
				"'-2+3"
			]
		]);
	});

	it('gives one slot as Markdown: a heading, then questions with votes and status', async () => {
		const { server, cookie, top, plus } = await seeded();
		const res = await exported(server, `format=md&slotId=${CURRENT}`, cookie);

		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
		expect(res.headers.get('content-disposition')).toBe(
			`attachment; filename="questions-${CURRENT}.md"`
		);
		const md = await res.text();
		expect(md).toContain('## 11:15 Moving container workloads to cgroup v2\n');
		expect(md).not.toContain('A new clone syscall');
		const items = md.split('\n').filter((line) => line.startsWith('- '));
		expect(items).toEqual([
			'- **3 votes** · answered · asked 11:20 · by Ada',
			'- **1 vote** · open · pinned · asked 11:20',
			'- **0 votes** · open · asked 11:20',
			'- **0 votes** · hidden · asked 11:20'
		]);
		expect(md).toContain('  Will "cgroup v2", finally,\\\n  win?\n');
		expect(md).toContain('  @SUM(1+1) \\<script\\>alert(1)\\</script\\>');
		expect(md).toContain('  \\+1 -1 \\*bold\\* \\[link\\](javascript:x) \\# no heading');
		expect(md).not.toContain('<script>');
		expect(top.text).toBe('Will "cgroup v2", finally,\nwin?');
		expect(plus.createdAt).toBe(NOW + 4000);
	});

	it('answers invalid for a bad query and not_found for an unknown slot or track', async () => {
		const { server, cookie } = await seeded();
		for (const query of [
			'',
			'format=pdf',
			'format=csv&format=md',
			'format=csv&extra=1',
			'format=md&slotId=../../etc',
			`format=md&slotId=${'s'.repeat(65)}`,
			'format=md&trackId='
		]) {
			const res = await exported(server, query, cookie);
			expect(res.status, query).toBe(400);
			expect(await res.json()).toMatchObject({ error: { code: 'invalid' } });
		}
		for (const query of [
			'format=md&slotId=s99-nowhere',
			'format=csv&trackId=nowhere',
			`format=csv&slotId=${CURRENT}&trackId=other`
		]) {
			const res = await exported(server, query, cookie);
			expect(res.status, query).toBe(404);
			expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
		}
	});

	it('says so when a track has no questions yet', async () => {
		const server = await world.start();
		const cookie = await signIn(server);
		const md = await (await exported(server, 'format=md', cookie)).text();
		const csv = await (await exported(server, 'format=csv', cookie)).text();
		expect(md).toContain('_No questions yet._');
		expect(parseCsv(csv)).toEqual([[...CSV_HEADER]]);
	});
});
