// QuestionService over a stub store and agenda, with an explicit clock: the list throttles
// (and that a refused list reads nothing), and who hears of moderation (the asker's devices
// follow what the asker may see; other attendees only ever hear of public questions).
import { describe, expect, it } from 'vitest';
import type { Question } from '#shared/schema/question.ts';
import type { AgendaService } from '../../server/services/agenda.service.ts';
import { DomainError } from '../../server/services/errors.ts';
import { VOTES_INTERVAL_MS } from '#shared/protocol.ts';
import {
	DEFAULT_QUESTION_LIMITS,
	MAX_VOTES_INTERVAL_MS,
	QuestionService,
	votesInterval,
	type Audience,
	type QuestionLimits,
	type Requester
} from '../../server/services/question.service.ts';
import { silentLogger } from '../../server/logger.ts';
import type { StoredQuestion, Store } from '../../server/store/store.ts';
import { MIN, slot, T0 } from './fixtures.ts';

const SLOT = 's0';
const ASKER = 'device-asker';

type Published = [string, string, Audience][];

function service(limits: Partial<QuestionLimits> = {}, questions: StoredQuestion[] = []) {
	const clock = { now: () => T0 };
	const reads = { count: 0 };
	const held = new Map(questions.map((q) => [q.id, q]));
	const read = async () => {
		reads.count++;
		return [...held.values()];
	};
	const store = {
		questions: {
			get: async (id: string) => held.get(id) ?? null,
			setState: async (id: string, status: StoredQuestion['status'], pinned: boolean) => {
				const next = { ...held.get(id)!, status, pinned };
				held.set(id, next);
				return next;
			},
			listBySlot: read,
			listVisible: read,
			byDevice: async () => ({ asked: [], voted: [] })
		}
	} as unknown as Store;
	const agenda = {
		event: async () => ({ tracks: [{ id: 'main', slots: [slot(0, 'talk', 0, 15)] }] })
	} as unknown as AgendaService;
	const published: Published = [];
	const questionService = new QuestionService({
		store,
		agenda,
		clock,
		logger: silentLogger,
		limits,
		publisher: {
			updated: (q, audience) => void published.push(['updated', q.status, audience]),
			removed: (_track, body, audience) =>
				void published.push(['removed', body.questionId, audience]),
			votes: () => undefined,
			settings: () => undefined
		}
	});
	return { questions: questionService, clock, reads, published };
}

const attendee = (deviceId: string, address = '203.0.113.7'): Requester & { chair: boolean } => ({
	deviceId,
	address,
	chair: false
});

/** The rate_limited error a call rejects with (or fails the test). */
async function refusal(call: Promise<unknown>): Promise<DomainError> {
	const error = await call.then(
		() => null,
		(err: unknown) => err
	);
	expect(error).toBeInstanceOf(DomainError);
	return error as DomainError;
}

describe('question list limits', () => {
	it('defaults to 60 lists a minute per device and 3000 per address', () => {
		expect(DEFAULT_QUESTION_LIMITS).toMatchObject({ listPerDevice: 60, listPerAddress: 3000 });
	});

	it('refuses the 61st list from a device within a minute, without reading the store', async () => {
		const { questions, clock, reads } = service();
		for (let i = 0; i < 60; i++) {
			clock.now = () => T0 + i * 500;
			await questions.list(SLOT, attendee('phone'));
		}
		expect(reads.count).toBe(60);

		clock.now = () => T0 + 30_000;
		const error = await refusal(questions.list(SLOT, attendee('phone')));
		expect(error.toBody()).toEqual({
			code: 'rate_limited',
			message: 'too many question lists; try again in 30 s',
			retryAfterMs: 30_000
		});
		expect(reads.count).toBe(60);
		await questions.list(SLOT, attendee('another phone'));

		clock.now = () => T0 + MIN;
		await questions.list(SLOT, attendee('phone'));
		expect(reads.count).toBe(62);
	});

	it('refuses lists beyond the address limit across devices, other addresses unaffected', async () => {
		const { questions, reads } = service({ listPerAddress: 3 });
		for (const phone of ['a', 'b', 'c']) await questions.list(SLOT, attendee(phone, '10.0.0.1'));

		const error = await refusal(questions.list(SLOT, attendee('d', '10.0.0.1')));
		expect(error).toMatchObject({ code: 'rate_limited', retryAfterMs: MIN });
		await questions.list(SLOT, attendee('d', '10.0.0.2'));
		expect(reads.count).toBe(4);
	});
});

describe('who hears of moderation', () => {
	const question = (status: Question['status']): StoredQuestion => ({
		id: 'q1',
		trackId: 'main',
		slotId: SLOT,
		text: 'Why?',
		authorName: null,
		createdAt: T0,
		status,
		pinned: false,
		votes: 0,
		deviceId: ASKER
	});

	it("tells a pending question's asker, not the attendees, that it was approved", async () => {
		const { questions, published } = service({}, [question('pending')]);
		await questions.moderate('q1', 'approve');
		expect(published).toEqual([['updated', 'open', { attendees: true, asker: ASKER }]]);
	});

	it('removes a hidden pending question from its asker only', async () => {
		const { questions, published } = service({}, [question('pending')]);
		await questions.moderate('q1', 'hide');
		expect(published).toEqual([
			['updated', 'hidden', { attendees: false, asker: null }],
			['removed', 'q1', { attendees: false, asker: ASKER }]
		]);
	});

	it('removes a hidden public question from the attendees and its asker', async () => {
		const { questions, published } = service({}, [question('open')]);
		await questions.moderate('q1', 'hide');
		expect(published).toEqual([
			['updated', 'hidden', { attendees: false, asker: null }],
			['removed', 'q1', { attendees: true, asker: ASKER }]
		]);
	});

	it('tells attendees and the asker of an answered pending question', async () => {
		const { questions, published } = service({}, [question('pending')]);
		await questions.moderate('q1', 'answer');
		expect(published).toEqual([['updated', 'answered', { attendees: true, asker: ASKER }]]);
	});
});

/** A stored open question of SLOT with no votes. */
const openQuestion = (id: string): StoredQuestion => ({
	id,
	trackId: 'main',
	slotId: SLOT,
	text: 'q',
	authorName: null,
	createdAt: T0,
	status: 'open',
	pinned: false,
	votes: 0,
	deviceId: ASKER
});

describe('how often vote counts are broadcast', () => {
	it('waits 250 ms in a normal room and up to 2 s where a broadcast takes longer than 62.5 ms', () => {
		expect(votesInterval(0)).toBe(VOTES_INTERVAL_MS);
		expect(votesInterval(62)).toBe(VOTES_INTERVAL_MS);
		expect(votesInterval(100)).toBe(400);
		expect(votesInterval(250)).toBe(1_000);
		expect(votesInterval(5_000)).toBe(MAX_VOTES_INTERVAL_MS);
	});

	/** A service whose vote broadcasts take `costMs` of its clock each; timers run by hand. */
	function voting(costMs: number) {
		const t = { now: T0 };
		const timers: { at: number; run: () => void }[] = [];
		const scheduler = {
			setTimeout: (run: () => void, ms: number) => timers.push({ at: t.now + ms, run }),
			clearTimeout: () => undefined
		};
		const question = openQuestion('00000000-0000-4000-8000-000000000001');
		const broadcasts: number[] = [];
		const store = {
			grouped: (work: (tx: Store) => Promise<unknown>) => work(store),
			questions: {
				get: async () => question,
				setVote: async () => ({ votes: 1, changed: true }),
				voteCounts: async () => ({ [question.id]: 1 })
			}
		} as unknown as Store;
		const questions = new QuestionService({
			store,
			agenda: {} as AgendaService,
			clock: { now: () => t.now },
			logger: silentLogger,
			scheduler,
			publisher: {
				updated: () => undefined,
				removed: () => undefined,
				votes: () => {
					broadcasts.push(t.now);
					t.now += costMs;
				},
				settings: () => undefined
			}
		});
		const vote = (device: string) =>
			questions.vote({ questionId: question.id, voted: true }, attendee(device));
		/** moves the clock to `at`, running the timers due by then */
		const until = async (at: number) => {
			for (const timer of timers.sort((a, b) => a.at - b.at).filter((x) => x.at <= at)) {
				timers.splice(timers.indexOf(timer), 1);
				t.now = Math.max(t.now, timer.at);
				timer.run();
				await new Promise((resolve) => setImmediate(resolve));
			}
			t.now = Math.max(t.now, at);
		};
		return { t, vote, until, broadcasts };
	}

	it('waits four times as long as the last broadcast took after it, so a burst cannot saturate the server', async () => {
		const { vote, until, broadcasts } = voting(200);
		await vote('d1');
		await new Promise((resolve) => setImmediate(resolve));
		expect(broadcasts).toEqual([T0]);
		// a burst right after it: the counts wait 800 ms (4 × 200) after it ended, not 250
		await vote('d2');
		await until(T0 + 999);
		expect(broadcasts).toEqual([T0]);
		await until(T0 + 1_000);
		expect(broadcasts).toEqual([T0, T0 + 1_000]);
	});

	it('keeps 250 ms where broadcasts are quick', async () => {
		const { vote, until, broadcasts } = voting(10);
		await vote('d1');
		await new Promise((resolve) => setImmediate(resolve));
		await vote('d2');
		await until(T0 + 259);
		expect(broadcasts).toEqual([T0]);
		await until(T0 + 260);
		expect(broadcasts).toEqual([T0, T0 + 260]);
	});
});

describe('what a vote broadcast carries', () => {
	const ids = ['00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-00000000000b'];

	/** A service whose first count read fails; intervals end only when `endInterval` runs. */
	function failingOnce() {
		const reads: string[][] = [];
		const store = {
			grouped: (work: (tx: Store) => Promise<unknown>) => work(store),
			questions: {
				get: async (id: string) => openQuestion(id),
				setVote: async () => ({ votes: 1, changed: true }),
				voteCounts: async (asked: readonly string[]) => {
					reads.push([...asked].sort());
					if (reads.length === 1) throw new Error('disk gone');
					return Object.fromEntries(asked.map((id) => [id, 1]));
				}
			}
		} as unknown as Store;
		const intervals: (() => void)[] = [];
		const sent: Record<string, number>[] = [];
		const questions = new QuestionService({
			store,
			agenda: {} as AgendaService,
			clock: { now: () => T0 },
			logger: silentLogger,
			scheduler: { setTimeout: (run: () => void) => intervals.push(run), clearTimeout: () => {} },
			publisher: {
				updated: () => undefined,
				removed: () => undefined,
				votes: (_track, body) => void sent.push(body.votes),
				settings: () => undefined
			}
		});
		const vote = (id: string) => questions.vote({ questionId: id, voted: true }, attendee('d1'));
		const settle = () => new Promise((resolve) => setTimeout(resolve, 5));
		const endInterval = async () => {
			intervals.shift()!();
			await settle();
		};
		return { reads, sent, vote, settle, endInterval };
	}

	it('sends the counts of a broadcast that failed at the end of the interval, with the votes since', async () => {
		const { reads, sent, vote, settle, endInterval } = failingOnce();
		await vote(ids[0]!);
		await settle();
		expect(sent).toEqual([]);
		await vote(ids[1]!);
		await endInterval();
		expect(sent).toEqual([{ [ids[0]!]: 1, [ids[1]!]: 1 }]);
		expect(reads).toEqual([[ids[0]], [...ids].sort()]);
	});

	it('sends the counts of a broadcast that failed even when nobody votes again', async () => {
		const { sent, vote, settle, endInterval } = failingOnce();
		await vote(ids[0]!);
		await settle();
		expect(sent).toEqual([]);
		await endInterval();
		expect(sent).toEqual([{ [ids[0]!]: 1 }]);
	});
});
