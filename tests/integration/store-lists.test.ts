// The lists every snapshot reads (timers, stages, question settings), each track's undo
// stack, which every timer command reads, and each slot's public questions, which every page
// lists when it joins, are never older than the stored data, whoever wrote it: on both
// stores, with a second store on the same data as a second server would open it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventInfo } from '#shared/schema/event.ts';
import { idleStage } from '#shared/stage.ts';
import { plannedTimer } from '#shared/timer.ts';
import { openSqliteStore } from '../../server/store/sqlite/sqlite.store.ts';
import type { StoredQuestion, Store } from '../../server/store/store.ts';
import type { TimerState } from '#shared/schema/timer.ts';
import { openPostgresStore } from '../../server/store/postgres/postgres.store.ts';
import { createTestDatabase, dropTestDatabase } from './support/postgres.ts';

const event: EventInfo = {
	id: 'ev',
	title: 'An event',
	timezone: 'Europe/Lisbon',
	venue: '',
	rehearsal: false,
	agendaVersion: 1,
	tracks: [{ id: 'main', name: 'Main', room: 'A', slots: [] }]
};
const settings = { trackId: 'main', premoderated: false, closedSlotIds: [] };
const question = (n: number, overrides: Partial<StoredQuestion> = {}): StoredQuestion => ({
	id: `00000000-0000-4000-8000-00000000000${n}`,
	trackId: 'main',
	slotId: 's1',
	text: `question ${n}`,
	authorName: null,
	createdAt: 1000 + n,
	status: 'open',
	pinned: false,
	votes: 0,
	deviceId: 'asker',
	...overrides
});
const ids = (questions: StoredQuestion[]) => questions.map((q) => q.id);

const opened: Store[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
	await Promise.all(opened.splice(0).map((s) => s.close()));
	for (const clean of cleanups.splice(0)) await clean();
});

const engines = {
	SQLite: async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dais-lists-'));
		cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
		return () => Promise.resolve(openSqliteStore(dir));
	},
	PostgreSQL: async () => {
		const url = await createTestDatabase();
		cleanups.push(() => dropTestDatabase(url));
		return () => openPostgresStore(url);
	}
};

/** A timer write with its undo stack, in one transaction, as TimerService makes it. */
const setTimer = (
	store: Store,
	next: TimerState,
	expected: number | null,
	history: readonly TimerState[]
) =>
	store.transaction(async (tx) => {
		if (!(await tx.timers.compareAndSet(next, expected))) return false;
		await tx.timers.setHistory(next.trackId, history);
		return true;
	});

/** A vote with its command record, in one transaction; a recorded id throws. */
const recordedVote = (
	store: Store,
	questionId: string,
	deviceId: string,
	now: number,
	id: string
) =>
	store.grouped(async (tx) => {
		await tx.questions.setVote(questionId, deviceId, true, now);
		const record = { id, name: 'question:vote', fingerprint: 'f', createdAt: now, result: 'x' };
		if (!(await tx.commands.add(record))) throw new Error(`command ${id} is recorded already`);
	});

describe.each(Object.keys(engines) as (keyof typeof engines)[])('%s', (engine) => {
	/** Two stores on one data dir or database, as two servers sharing it would open it. */
	async function twoStores(): Promise<[Store, Store]> {
		const open = await engines[engine]();
		const first = await open();
		const second = await open();
		opened.push(first, second);
		await first.events.replace(event, [plannedTimer('main')]);
		return [first, second];
	}

	describe('a list the store keeps', () => {
		it("shows the store's own writes at once", async () => {
			const [store] = await twoStores();
			expect(await store.timers.list()).toEqual([plannedTimer('main')]);
			expect(await store.stages.list()).toEqual([]);
			expect(await store.questionSettings.list()).toEqual([]);

			const running = { ...plannedTimer('main'), phase: 'running' as const, version: 1 };
			await store.timers.compareAndSet(running, 0);
			await store.stages.compareAndSet(idleStage('main', 1), null);
			await store.questionSettings.update(settings, (s) => ({ ...s, premoderated: true }));

			expect(await store.timers.list()).toEqual([running]);
			expect(await store.stages.list()).toEqual([idleStage('main', 1)]);
			expect(await store.questionSettings.list()).toEqual([{ ...settings, premoderated: true }]);
			expect(await store.timers.get('main')).toEqual(running);
			expect(await store.questionSettings.get('main')).toEqual({ ...settings, premoderated: true });
			expect(await store.timers.get('other')).toBeNull();
			expect(await store.questionSettings.get('other')).toBeNull();

			// a kept row is replaced by the store's next write to it
			const paused = { ...running, phase: 'paused' as const, version: 2 };
			await store.timers.compareAndSet(paused, 1);
			await store.stages.compareAndSet(idleStage('main', 2), 1);
			expect(await store.timers.list()).toEqual([paused]);
			expect(await store.timers.get('main')).toEqual(paused);
			expect(await store.stages.list()).toEqual([idleStage('main', 2)]);
			expect(await store.stages.get('main')).toEqual(idleStage('main', 2));
		});

		it('shows what another server sharing the data dir wrote', async () => {
			const [mine, theirs] = await twoStores();
			await mine.timers.list();
			await mine.stages.list();
			await mine.questionSettings.list();
			expect(await mine.timers.get('main')).toEqual(plannedTimer('main'));
			expect(await mine.questionSettings.get('main')).toBeNull();

			const paused = { ...plannedTimer('main'), phase: 'paused' as const, version: 1 };
			await theirs.timers.compareAndSet(paused, 0);
			await theirs.stages.compareAndSet(idleStage('main', 1), null);
			await theirs.questionSettings.update(settings, (s) => ({ ...s, closedSlotIds: ['s1'] }));

			expect(await mine.timers.list()).toEqual([paused]);
			expect(await mine.stages.list()).toEqual([idleStage('main', 1)]);
			expect(await mine.questionSettings.list()).toEqual([{ ...settings, closedSlotIds: ['s1'] }]);
			expect(await mine.timers.get('main')).toEqual(paused);
			expect(await mine.questionSettings.get('main')).toEqual({
				...settings,
				closedSlotIds: ['s1']
			});
		});

		it("shows another server's write to one track after this store wrote another", async () => {
			const [mine, theirs] = await twoStores();
			await mine.timers.compareAndSet(plannedTimer('other'), null);
			expect(await mine.timers.list()).toEqual([plannedTimer('main'), plannedTimer('other')]);

			const theirMain = { ...plannedTimer('main'), phase: 'running' as const, version: 1 };
			await theirs.timers.compareAndSet(theirMain, 0);
			const myOther = { ...plannedTimer('other'), phase: 'paused' as const, version: 1 };
			await mine.timers.compareAndSet(myOther, 0);

			expect(await mine.timers.list()).toEqual([theirMain, myOther]);
			expect(await mine.timers.get('main')).toEqual(theirMain);
		});

		it('is unchanged by a write that was refused or threw', async () => {
			const [store] = await twoStores();
			const before = await store.timers.list();

			const stale = { ...plannedTimer('main'), phase: 'running' as const, version: 9 };
			expect(await store.timers.compareAndSet(stale, 7)).toBe(false);
			await expect(
				store.questionSettings.update(settings, () => {
					throw new Error('a rule refused it');
				})
			).rejects.toThrow('a rule refused it');

			expect(await store.timers.list()).toEqual(before);
			expect(await store.questionSettings.list()).toEqual([]);
		});

		it('cannot be changed by a reader for the others', async () => {
			const [store] = await twoStores();
			const [timer] = await store.timers.list();

			Object.assign(timer!, { version: 42 });
			expect((await store.timers.list())[0]!.version).toBe(0);
		});
	});

	describe("a track's undo stack as the store keeps it", () => {
		const v = (version: number) => plannedTimer('main', version);

		it("shows the store's own writes at once, and leaves the writer's entries its own", async () => {
			const [store] = await twoStores();
			expect(await store.timers.history('main')).toEqual([]);
			const pushed = v(0);
			await setTimer(store, v(1), 0, [pushed]);
			expect(await store.timers.history('main')).toEqual([v(0)]);
			await setTimer(store, v(2), 1, [v(0), v(1)]);
			expect(await store.timers.history('main')).toEqual([v(0), v(1)]);
			// an undo takes the newest entry back
			await setTimer(store, v(3), 2, [v(0)]);
			expect(await store.timers.history('main')).toEqual([v(0)]);

			expect(Object.isFrozen(pushed)).toBe(false);
			const [kept] = await store.timers.history('main');
			Object.assign(kept!, { version: 42 });
			expect(await store.timers.history('main')).toEqual([v(0)]);
		});

		it('shows what another server sharing the data dir wrote', async () => {
			const [mine, theirs] = await twoStores();
			await setTimer(mine, v(1), 0, [v(0)]);
			expect(await mine.timers.history('main')).toEqual([v(0)]);

			await setTimer(theirs, v(2), 1, [v(0), v(1)]);
			expect(await mine.timers.history('main')).toEqual([v(0), v(1)]);
			await setTimer(mine, v(3), 2, [v(0), v(1), v(2)]);
			expect(await theirs.timers.history('main')).toEqual([v(0), v(1), v(2)]);
		});

		it('is unchanged by a write that lost, and emptied by an event replacement', async () => {
			const [store] = await twoStores();
			await setTimer(store, v(1), 0, [v(0)]);
			expect(await setTimer(store, v(9), 7, [v(0), v(8)])).toBe(false);
			expect(await store.timers.history('main')).toEqual([v(0)]);

			await store.events.replace(event, [v(2)]);
			expect(await store.timers.history('main')).toEqual([]);
		});
	});

	describe("a slot's questions as the store keeps them for attendees", () => {
		it('shows asks, votes, moderation and pins at once, and pending ones only to their asker', async () => {
			const [store] = await twoStores();
			const [q1, q2, q3] = [question(1), question(2, { status: 'pending' }), question(3)];
			expect(await store.questions.listVisible('s1', 'viewer')).toEqual([]);

			await store.questions.insert(q1);
			await store.questions.insert(q2);
			expect(await store.questions.listVisible('s1', 'viewer')).toEqual([q1]);
			expect(ids(await store.questions.listVisible('s1', 'asker'))).toEqual([q1.id, q2.id]);

			await store.questions.setVote(q1.id, 'viewer', true, 5);
			expect(await store.questions.listVisible('s1', 'viewer')).toEqual([{ ...q1, votes: 1 }]);

			await store.questions.setState(q2.id, 'open', false);
			await store.questions.insert(q3);
			await store.questions.pin(q3.id);
			expect(await store.questions.listVisible('s1', 'viewer')).toEqual([
				{ ...q1, votes: 1 },
				{ ...q2, status: 'open' },
				{ ...q3, pinned: true }
			]);

			await store.questions.setState(q1.id, 'hidden', false);
			expect(ids(await store.questions.listVisible('s1', 'viewer'))).toEqual([q2.id, q3.id]);
			expect(await store.questions.listVisible('another slot', 'viewer')).toEqual([]);
		});

		it("puts the asker's pending questions in time order among the public ones", async () => {
			const [store] = await twoStores();
			for (const q of [question(1), question(2, { status: 'pending' }), question(3)]) {
				await store.questions.insert(q);
			}
			await store.questions.insert(question(4, { status: 'pending', deviceId: 'someone else' }));

			expect(ids(await store.questions.listVisible('s1', 'asker'))).toEqual(
				[1, 2, 3].map((n) => question(n).id)
			);
		});

		it('shows what another server sharing the data dir wrote', async () => {
			const [mine, theirs] = await twoStores();
			await mine.questions.insert(question(1));
			expect(await mine.questions.listVisible('s1', 'viewer')).toEqual([question(1)]);

			await theirs.questions.setVote(question(1).id, 'viewer', true, 5);
			await theirs.questions.insert(question(2));

			expect(await mine.questions.listVisible('s1', 'viewer')).toEqual([
				{ ...question(1), votes: 1 },
				question(2)
			]);
		});

		it('is unchanged by a write that threw, and cannot be changed by a reader', async () => {
			const [store] = await twoStores();
			await store.questions.insert(question(1));
			const [kept] = await store.questions.listVisible('s1', 'viewer');

			await recordedVote(store, question(1).id, 'a', 5, 'vote-1');
			// the same command id again: its record collides, so the whole vote rolls back
			await expect(recordedVote(store, question(1).id, 'b', 6, 'vote-1')).rejects.toThrow();

			expect(await store.questions.listVisible('s1', 'viewer')).toEqual([
				{ ...question(1), votes: 1 }
			]);
			Object.assign(kept!, { votes: 42 });
			expect(await store.questions.listVisible('s1', 'viewer')).toEqual([
				{ ...question(1), votes: 1 }
			]);
		});
	});
});
