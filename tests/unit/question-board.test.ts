import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ServerClock } from '$lib/client/connection/clock.svelte.ts';
import type { CommandAck, Connection } from '$lib/client/connection/connection.svelte.ts';
import type { Outbox } from '$lib/client/offline/outbox.svelte.ts';
import type { StoredQuestions } from '$lib/client/offline/db.ts';
import { QuestionBoard, type QuestionCopies } from '$lib/client/questions/question-board.svelte.ts';
import type { Question } from '$lib/shared/schema/question.ts';

const question = (slotId: string, text: string): Question => ({
	id: `q-${slotId}-${text}`,
	trackId: 'main',
	slotId,
	text,
	authorName: null,
	createdAt: 1_000,
	status: 'open',
	pinned: false,
	votes: 0
});

const listed = (...questions: Question[]): CommandAck<'question:list'> => ({
	ok: true,
	data: { questions, mine: [], voted: [] }
});
const refused = (
	code: 'rate_limited' | 'internal' | 'timeout' | 'offline' | 'invalid',
	retryAfterMs?: number
) => ({ ok: false, error: { code, message: code, retryAfterMs } }) as CommandAck<'question:list'>;

type ListCommand = (
	name: string,
	payload: { slotId: string }
) => Promise<CommandAck<'question:list'>>;

const boardWith = (command: ListCommand) =>
	new QuestionBoard({
		connection: { command, on: () => () => true } as unknown as Connection,
		outbox: { queued: [] } as unknown as Outbox,
		clock: { offsetMs: 0 } as ServerClock,
		trackId: () => 'main'
	});

/**
 * A board whose server answers each slot's lists from a script, in order (a slot with no
 * answer left lists nothing), noting when each list was sent by the fake clock.
 */
function server(answers: Record<string, CommandAck<'question:list'>[]>) {
	const sent: { slotId: string; at: number }[] = [];
	const board = boardWith(async (name, { slotId }) => {
		expect(name).toBe('question:list');
		sent.push({ slotId, at: Date.now() });
		return answers[slotId]?.shift() ?? listed();
	});
	return { board, sent };
}

const texts = (board: QuestionBoard) => board.rows.map((row) => row.text);

describe('a slot question list', () => {
	beforeEach(() => {
		vi.useFakeTimers();
		vi.setSystemTime(0);
		vi.spyOn(Math, 'random').mockReturnValue(0.5);
	});
	afterEach(() => {
		vi.useRealTimers();
		vi.restoreAllMocks();
	});

	it('is asked for again after a refusal, as late as the server said and later each time', async () => {
		const { board, sent } = server({
			s1: [
				refused('rate_limited', 5_000),
				refused('timeout'),
				refused('internal'),
				listed(question('s1', 'Why?'))
			]
		});
		const done = board.load('s1');
		await vi.advanceTimersByTimeAsync(4_999);
		expect(sent).toHaveLength(1);
		await vi.advanceTimersByTimeAsync(60_000);
		await done;

		expect(sent.map((s) => s.slotId)).toEqual(['s1', 's1', 's1', 's1']);
		// then the outbox's backoff (2 s doubling, times a jitter of 0.5 + Math.random())
		const waits = sent.slice(1).map((s, i) => s.at - sent[i]!.at);
		expect(waits).toEqual([5_000, 4_000, 8_000]);
		expect(texts(board)).toEqual(['Why?']);
	});

	it('lost with the connection, is left to the rejoin, which lists again', async () => {
		const { board, sent } = server({ s1: [refused('offline')] });
		await board.load('s1');
		await vi.advanceTimersByTimeAsync(10 * 60_000);
		expect(sent).toHaveLength(1);
	});

	it('refused for good, is not asked for again', async () => {
		const { board, sent } = server({ s1: [refused('invalid')] });
		await board.load('s1');
		await vi.advanceTimersByTimeAsync(10 * 60_000);
		expect(sent).toHaveLength(1);
		expect(texts(board)).toEqual([]);
	});

	it('stops being asked for once another slot is shown', async () => {
		const { board, sent } = server({
			s1: [refused('internal'), refused('internal'), refused('internal')],
			s2: [listed(question('s2', 'Next?'))]
		});
		void board.load('s1');
		await vi.advanceTimersByTimeAsync(0);
		await board.load('s2');
		await vi.advanceTimersByTimeAsync(10 * 60_000);

		expect(sent.map((s) => s.slotId)).toEqual(['s1', 's2']);
		expect(texts(board)).toEqual(['Next?']);
	});

	it('answered late for a slot no longer shown, is not shown', async () => {
		let answer!: (ack: CommandAck<'question:list'>) => void;
		const board = boardWith((_name, { slotId }) =>
			slotId === 's1'
				? new Promise((resolve) => (answer = resolve))
				: Promise.resolve(listed(question('s2', 'Shown')))
		);
		const first = board.load('s1');
		await board.load('s2');
		answer(listed(question('s1', 'Stale')));
		await first;
		expect(texts(board)).toEqual(['Shown']);
	});

	it('stops being asked for once the board is no longer listened to', async () => {
		const { board, sent } = server({ s1: [refused('internal'), refused('internal')] });
		const stop = board.listen();
		void board.load('s1');
		await vi.advanceTimersByTimeAsync(0);
		stop();
		await vi.advanceTimersByTimeAsync(10 * 60_000);
		expect(sent).toHaveLength(1);
	});
});

describe('a slot question board offline', () => {
	const enqueued: { name: string; payload: Record<string, unknown> }[] = [];
	const kept = new Map<string, StoredQuestions>();
	const copies: QuestionCopies = {
		loadQuestions: async (slotId) => kept.get(slotId) ?? null,
		saveQuestions: async (list) => void kept.set(list.slotId, list)
	};
	const board = (command: ListCommand = async () => refused('offline')) =>
		new QuestionBoard({
			connection: { command, on: () => () => true } as unknown as Connection,
			outbox: {
				queued: [],
				enqueue: async (name: string, payload: Record<string, unknown>) =>
					void enqueued.push({ name, payload })
			} as unknown as Outbox,
			clock: { offsetMs: 0, now: () => 42_000 } as unknown as ServerClock,
			trackId: () => 'main',
			copies
		});
	beforeEach(() => {
		enqueued.length = 0;
		kept.clear();
	});

	it('asks for the slot shown even when no list ever arrived (a page opened offline)', async () => {
		const b = board();
		await b.show('s1');
		await b.ask('s1', '  Why now? ', '');
		expect(enqueued).toEqual([
			{
				name: 'question:ask',
				payload: { id: expect.any(String), slotId: 's1', text: 'Why now?', authorName: null }
			}
		]);
	});

	it('refuses to queue a question that names no slot', async () => {
		await expect(board().ask('', 'Lost?', '')).rejects.toThrow();
		expect(enqueued).toEqual([]);
	});

	it('keeps each list the server gives, as of the server’s clock', async () => {
		await board(async () => listed(question('s1', 'Kept?'))).load('s1');
		expect(kept.get('s1')).toMatchObject({ slotId: 's1', at: 42_000, mine: [], voted: [] });
		expect(kept.get('s1')?.questions.map((q) => q.text)).toEqual(['Kept?']);
	});

	it('shows the kept copy with its age until the server lists the slot again', async () => {
		await board(async () => listed(question('s1', 'Kept?'))).load('s1');
		const offline = board();
		await offline.show('s1');
		expect(texts(offline)).toEqual(['Kept?']);
		expect(offline.asOf).toBe(42_000);

		const back = board(async () => listed(question('s1', 'Kept?'), question('s1', 'New?')));
		await back.show('s1');
		await back.load('s1');
		expect(texts(back).sort()).toEqual(['Kept?', 'New?']);
		expect(back.asOf).toBeNull();
	});
});
