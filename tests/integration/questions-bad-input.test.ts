// The question commands fed malformed fields by a signed-in chair (so that a valid payload
// would be obeyed): each is acked `invalid` with a plain message, nothing is stored or
// broadcast, and the server logs no error. The valid payloads are obeyed afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_AUTHOR_CHARS, MAX_QUESTION_CHARS } from '#shared/schema/question.ts';
import type { QuestionListResult } from '#shared/protocol.ts';
import {
	asked,
	CURRENT,
	list,
	newId,
	recordQuestions,
	until,
	type Recorded
} from './support/questions.ts';
import { send, TRACK, World, type Client, type TestServer } from './world.ts';

const QUESTION = newId();
const HUGE = 'x'.repeat(12 * 1024);

const valid = {
	'question:ask': { id: newId(), slotId: CURRENT, text: 'Fine?', authorName: 'Ada' },
	'question:vote': { questionId: QUESTION, voted: true },
	'question:list': { slotId: CURRENT },
	'question:moderate': { questionId: QUESTION, action: 'answer' },
	'questions:configure': { trackId: TRACK, premoderated: true },
	'questions:close': { slotId: CURRENT, closed: true }
} as const;
type Name = keyof typeof valid;

const notObjects: unknown[] = [null, 'text', 42, [], true];

/** Payloads that must all be acked `invalid`. */
const malformed: Record<Name, unknown[]> = {
	'question:ask': [
		...notObjects,
		{},
		{ slotId: CURRENT, text: 'No id' },
		{ id: newId(), text: 'No slot' },
		{ id: newId(), slotId: CURRENT },
		{ ...valid['question:ask'], extra: 1 },
		{ ...valid['question:ask'], status: 'answered' },
		{ ...valid['question:ask'], votes: 100 },
		{ ...valid['question:ask'], id: 'not-a-uuid' },
		{ ...valid['question:ask'], id: 42 },
		{ ...valid['question:ask'], slotId: '../etc/passwd' },
		{ ...valid['question:ask'], slotId: 42 },
		{ ...valid['question:ask'], text: '' },
		{ ...valid['question:ask'], text: ' \n\t \r\n ' },
		{ ...valid['question:ask'], text: 'a'.repeat(MAX_QUESTION_CHARS + 1) },
		{ ...valid['question:ask'], text: `${'é'.repeat(MAX_QUESTION_CHARS)}e\u0301` },
		{ ...valid['question:ask'], text: HUGE },
		{ ...valid['question:ask'], text: 'nul\u0000byte' },
		{ ...valid['question:ask'], text: 'bell\u0007' },
		{ ...valid['question:ask'], text: '\u001b[31mred' },
		{ ...valid['question:ask'], text: 'tab\tinside' },
		{ ...valid['question:ask'], text: 'del\u007f' },
		{ ...valid['question:ask'], text: 'c1\u0085control' },
		{ ...valid['question:ask'], text: 'lone \ud800 surrogate' },
		{ ...valid['question:ask'], text: 42 },
		{ ...valid['question:ask'], text: ['a'] },
		{ ...valid['question:ask'], text: null },
		{ ...valid['question:ask'], authorName: 'n'.repeat(MAX_AUTHOR_CHARS + 1) },
		{ ...valid['question:ask'], authorName: 'Ada\u0000' },
		{ ...valid['question:ask'], authorName: 'Ada\nLovelace' },
		{ ...valid['question:ask'], authorName: 42 },
		{ ...valid['question:ask'], authorName: { first: 'Ada' } }
	],
	'question:vote': [
		...notObjects,
		{},
		{ questionId: QUESTION },
		{ voted: true },
		{ ...valid['question:vote'], voted: 'true' },
		{ ...valid['question:vote'], voted: 1 },
		{ ...valid['question:vote'], questionId: 'x' },
		{ ...valid['question:vote'], questionId: HUGE },
		{ ...valid['question:vote'], deviceId: 'someone-else' },
		{ ...valid['question:vote'], votes: 1000 }
	],
	'question:list': [
		...notObjects,
		{},
		{ slotId: 42 },
		{ slotId: '' },
		{ slotId: HUGE },
		{ slotId: CURRENT, role: 'chair' },
		{ slotId: CURRENT, all: true }
	],
	'question:moderate': [
		...notObjects,
		{},
		{ questionId: QUESTION },
		{ action: 'hide' },
		{ ...valid['question:moderate'], action: 'delete' },
		{ ...valid['question:moderate'], action: 'HIDE' },
		{ ...valid['question:moderate'], action: 1 },
		{ ...valid['question:moderate'], questionId: 'nope' },
		{ ...valid['question:moderate'], text: 'edited' }
	],
	'questions:configure': [
		...notObjects,
		{},
		{ trackId: TRACK },
		{ premoderated: true },
		{ ...valid['questions:configure'], premoderated: 'yes' },
		{ ...valid['questions:configure'], premoderated: null },
		{ ...valid['questions:configure'], trackId: 'main track' },
		{ ...valid['questions:configure'], closedSlotIds: [] }
	],
	'questions:close': [
		...notObjects,
		{},
		{ slotId: CURRENT },
		{ closed: true },
		{ ...valid['questions:close'], closed: 'true' },
		{ ...valid['questions:close'], slotId: [CURRENT] },
		{ ...valid['questions:close'], trackId: TRACK }
	]
};

describe.each(Object.keys(valid) as Name[])('%s with bad input', (name) => {
	const world = new World();
	let server: TestServer;
	let chair: Client;
	let seen: Recorded;
	let before: QuestionListResult;

	beforeAll(async () => {
		server = await world.start();
		chair = (await world.joinAsChair(server)).socket;
		await asked(chair, { id: QUESTION, text: 'The one question' });
		seen = recordQuestions((await world.join(server)).socket);
		before = await list(chair);
	});
	afterAll(() => world.cleanup());

	it('acks invalid for every malformed payload and changes nothing', async () => {
		for (const payload of malformed[name]) {
			const ack = await send(chair, name, payload);
			expect(ack, JSON.stringify(payload)?.slice(-80)).toMatchObject({
				ok: false,
				error: { code: 'invalid' }
			});
			expect(ack.ok || ack.error.message).not.toMatch(/ at |ZodError|\n/);
		}
		const marker = await asked(chair, { text: 'marker' });
		await until(() => seen.updated.some((q) => q.id === marker.id));
		expect(seen.updated.map((q) => q.id)).toEqual([marker.id]);
		expect([seen.votes, seen.removed, seen.settings]).toEqual([[], [], []]);
		const now = await list(chair);
		const withoutMarker = now.questions.filter((q) => q.id !== marker.id);
		expect({ ...now, questions: withoutMarker, mine: before.mine }).toEqual(before);
		expect([...now.mine].sort()).toEqual([...before.mine, marker.id].sort());
		expect(server.logs.filter((line) => line.includes(' ERROR '))).toEqual([]);
	});

	it('obeys the valid payload (so the checks above could fail)', async () => {
		expect(await send(chair, name, valid[name])).toMatchObject({ ok: true });
	});
});

describe('text at the limits', () => {
	const world = new World();
	afterAll(() => world.cleanup());

	it('accepts 500 characters counted as code points, emoji included, and a 60-character name', async () => {
		const server = await world.start();
		const { socket } = await world.join(server);
		const text = '😀'.repeat(MAX_QUESTION_CHARS);
		const name = 'é'.repeat(MAX_AUTHOR_CHARS);
		const q = await asked(socket, { text, authorName: name });
		expect([q.text, q.authorName]).toEqual([text, name]);
		const lines = await asked(socket, { text: 'one\ntwo\n\nthree' });
		expect(lines.text).toBe('one\ntwo\n\nthree');
	});
});
