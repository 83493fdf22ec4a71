// The contract every Store implementation must pass (STYLE habit 7); today the SQLite one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventInfo } from '#shared/schema/event.ts';
import { idleStage } from '#shared/stage.ts';
import type { TimerState } from '#shared/schema/timer.ts';
import { plannedTimer } from '#shared/timer.ts';
import { pushUndo, UNDO_LIMIT, undoTimer } from '#shared/undo.ts';
import { loadMigrations, migrate } from '../../server/store/sqlite/migrate.ts';
import { DB_FILE, openSqliteStore } from '../../server/store/sqlite/sqlite.store.ts';
import type { Store, StoredQuestion } from '../../server/store/store.ts';

const event: EventInfo = {
	id: 'ev',
	title: 'An event',
	timezone: 'Europe/Lisbon',
	venue: 'Somewhere',
	rehearsal: false,
	agendaVersion: 1,
	tracks: [{ id: 'main', name: 'Main', room: 'A', slots: [] }]
};

const question = (id: string, overrides: Partial<StoredQuestion> = {}): StoredQuestion => ({
	id,
	trackId: 'main',
	slotId: 's1',
	text: `question ${id}`,
	authorName: null,
	createdAt: 1000,
	status: 'open',
	pinned: false,
	votes: 0,
	deviceId: 'device-a',
	...overrides
});
const range = (from: number, to: number) =>
	Array.from({ length: to - from + 1 }, (_, i) => from + i);
const Q1 = '00000000-0000-4000-8000-000000000001';
const Q2 = '00000000-0000-4000-8000-000000000002';
const Q3 = '00000000-0000-4000-8000-000000000003';

function storeContract(name: string, open: (dir: string) => Store) {
	describe(`${name} store`, () => {
		const dirs: string[] = [];
		const stores: Store[] = [];
		const fresh = (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dais-store-'))) => {
			dirs.push(dir);
			const store = open(dir);
			stores.push(store);
			return { store, dir };
		};
		afterEach(async () => {
			await Promise.all(stores.splice(0).map((s) => s.close()));
			for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
		});

		it('starts empty', async () => {
			const { store } = fresh();
			expect(await store.events.get()).toBeNull();
			expect(await store.timers.list()).toEqual([]);
		});

		it('replaces the event together with its timers', async () => {
			const { store } = fresh();
			await store.events.replace(event, [plannedTimer('main', 3)]);
			expect(await store.events.get()).toEqual(event);
			expect(await store.timers.get('main')).toEqual(plannedTimer('main', 3));
		});

		it('writes a timer only when the expected version still holds', async () => {
			const { store } = fresh();
			expect(await store.timers.compareAndSet(plannedTimer('main', 0), null)).toBe(true);
			expect(await store.timers.compareAndSet(plannedTimer('main', 9), null)).toBe(false);
			expect(await store.timers.compareAndSet(plannedTimer('main', 1), 0)).toBe(true);
			expect(await store.timers.compareAndSet(plannedTimer('main', 2), 0)).toBe(false);
			expect(await store.timers.get('main')).toEqual(plannedTimer('main', 1));
		});

		it('records a command together with its timer write, and refuses its id a second time', async () => {
			const { store } = fresh();
			const recorded = {
				id: 'c1',
				name: 'timer:start',
				fingerprint: 'f',
				result: '{}',
				createdAt: 5
			};
			const command = { ...recorded, result: () => '{}' };
			expect(
				await store.timers.compareAndSet(plannedTimer('main', 0), null, undefined, command)
			).toBe(true);
			expect(await store.commands.get('c1')).toEqual(recorded);
			expect(await store.timers.compareAndSet(plannedTimer('main', 1), 0, undefined, command)).toBe(
				false
			);
			expect(await store.timers.get('main')).toEqual(plannedTimer('main', 0));
		});

		it('records no command when its timer write loses', async () => {
			const { store } = fresh();
			await store.timers.compareAndSet(plannedTimer('main', 0), null);
			const command = {
				id: 'c2',
				name: 'timer:start',
				fingerprint: 'f',
				result: () => '{}',
				createdAt: 5
			};
			expect(await store.timers.compareAndSet(plannedTimer('main', 3), 2, undefined, command)).toBe(
				false
			);
			expect(await store.commands.get('c2')).toBeNull();
		});

		const auditAt = (at: number) => {
			const appended: unknown[] = [];
			return {
				appended,
				record: {
					entry: { at, trackId: 'main', action: 'timer:start', summary: 'Started', chair: 'c1' },
					appended: (entry: unknown) => appended.push(entry)
				}
			};
		};
		/** the timer at `version` if the stored one is at `expected`, with an audit entry */
		const setAudited = (
			store: Store,
			version: number,
			expected: number | null,
			record: ReturnType<typeof auditAt>['record']
		) =>
			store.timers.compareAndSet(
				plannedTimer('main', version),
				expected,
				undefined,
				undefined,
				record
			);

		it('appends an audit entry in the same transaction as its timer write', async () => {
			const { store, dir } = fresh();
			const audit = auditAt(7);
			expect(await setAudited(store, 0, null, audit.record)).toBe(true);
			const [entry] = await store.audit.list({ limit: 5 });
			expect(entry).toMatchObject({ ...audit.record.entry, id: expect.any(Number) });
			expect(audit.appended).toEqual([entry]);
			// a write the audit log refuses takes the timer write back with it: one transaction
			const other = new Database(path.join(dir, DB_FILE));
			other.exec(`CREATE TRIGGER refuse BEFORE INSERT ON audit
				BEGIN SELECT RAISE(ABORT, 'audit refused'); END`);
			other.close();
			await expect(setAudited(store, 1, 0, auditAt(8).record)).rejects.toThrow(/audit refused/);
			expect(await store.timers.get('main')).toEqual(plannedTimer('main', 0));
			expect(await store.audit.list({ limit: 5 })).toEqual([entry]);
		});

		it('appends no audit entry when its timer write loses', async () => {
			const { store } = fresh();
			await store.timers.compareAndSet(plannedTimer('main', 0), null);
			const audit = auditAt(9);
			expect(await setAudited(store, 3, 2, audit.record)).toBe(false);
			expect(audit.appended).toEqual([]);
			expect(await store.audit.list({ limit: 5 })).toEqual([]);
		});

		it('adds a processed command once and prunes old ones', async () => {
			const { store } = fresh();
			const old = { id: 'old', name: 'n', fingerprint: 'f', result: '1', createdAt: 100 };
			const recent = { ...old, id: 'recent', createdAt: 300 };
			expect(await store.commands.add(old)).toBe(true);
			expect(await store.commands.add({ ...old, result: '2' })).toBe(false);
			expect(await store.commands.add(recent)).toBe(true);
			expect(await store.commands.get('old')).toEqual(old);
			await store.commands.prune(200);
			expect(await store.commands.get('old')).toBeNull();
			expect(await store.commands.get('recent')).toEqual(recent);
		});

		it('keeps the first value of an initialised setting', async () => {
			const { store } = fresh();
			expect(await store.settings.getOrInit('k', 'first')).toBe('first');
			expect(await store.settings.getOrInit('k', 'second')).toBe('first');
			await store.settings.set('k', 'third');
			expect(await store.settings.get('k')).toBe('third');
		});

		it('creates, expires, deletes and clears sessions', async () => {
			const { store } = fresh();
			await store.sessions.create({ id: 'a', createdAt: 0, expiresAt: 100 });
			await store.sessions.create({ id: 'b', createdAt: 0, expiresAt: 300 });
			await store.sessions.create({ id: 'c', createdAt: 0, expiresAt: 300 });
			await store.sessions.prune(200);
			expect(await store.sessions.get('a')).toBeNull();
			expect(await store.sessions.get('b')).toEqual({ id: 'b', createdAt: 0, expiresAt: 300 });
			await store.sessions.delete('b');
			expect(await store.sessions.get('b')).toBeNull();
			await store.sessions.clear();
			expect(await store.sessions.get('c')).toBeNull();
		});

		it('replaces the undo stack together with the timer, and not when the write loses', async () => {
			const { store } = fresh();
			const v = (version: number) => plannedTimer('main', version);
			expect(await store.timers.compareAndSet(v(1), null, [v(0)])).toBe(true);
			expect(await store.timers.compareAndSet(v(2), 1, [v(0), v(1)])).toBe(true);
			expect(await store.timers.compareAndSet(v(3), 1, [])).toBe(false);
			expect(await store.timers.history('main')).toEqual([v(0), v(1)]);
			expect(await store.timers.compareAndSet(v(3), 2)).toBe(true);
			expect(await store.timers.history('main')).toEqual([v(0), v(1)]);
			expect(await store.timers.history('other')).toEqual([]);
		});

		it('keeps an undo stack as each command leaves it, oldest first, across a reopen', async () => {
			const { store, dir } = fresh();
			let current = plannedTimer('main', 0);
			let stack: TimerState[] = [];
			expect(await store.timers.compareAndSet(current, null)).toBe(true);
			for (let version = 1; version <= UNDO_LIMIT + 5; version++) {
				stack = pushUndo(stack, current);
				const next = { ...current, version, durationMs: current.durationMs + 60_000 };
				expect(await store.timers.compareAndSet(next, current.version, stack)).toBe(true);
				current = next;
			}
			const undone = undoTimer(current, stack, []);
			if (!undone.ok) throw new Error('nothing to undo');
			expect(await store.timers.compareAndSet(undone.state, current.version, undone.history)).toBe(
				true
			);
			expect(undone.history.map((t) => t.version)).toEqual(range(5, UNDO_LIMIT + 3));
			expect(await store.timers.history('main')).toEqual(undone.history);
			await store.close();
			expect(await fresh(dir).store.timers.history('main')).toEqual(undone.history);
		});

		it('refuses an undo stack that is not oldest first, writing nothing', async () => {
			const { store } = fresh();
			const v = (version: number) => plannedTimer('main', version);
			await store.timers.compareAndSet(v(3), null, [v(1), v(2)]);
			await expect(store.timers.compareAndSet(v(4), 3, [v(2), v(1), v(3)])).rejects.toThrow(
				/oldest first/
			);
			await expect(store.timers.compareAndSet(v(4), 3, [v(2), v(2)])).rejects.toThrow(
				/oldest first/
			);
			expect(await store.timers.get('main')).toEqual(v(3));
			expect(await store.timers.history('main')).toEqual([v(1), v(2)]);
		});

		it('empties the undo stacks of the timers an event replacement sets', async () => {
			const { store } = fresh();
			await store.timers.compareAndSet(plannedTimer('main', 1), null, [plannedTimer('main', 0)]);
			await store.events.replace(event, [plannedTimer('main', 2)]);
			expect(await store.timers.history('main')).toEqual([]);
		});

		it("tells the stored event's version, also one another connection wrote", async () => {
			const { store, dir } = fresh();
			expect(await store.events.version()).toBeNull();
			await store.events.replace({ ...event, agendaVersion: 4 }, []);
			expect(await store.events.version()).toBe(4);
			const other = fresh(dir).store;
			await other.events.replace({ ...event, agendaVersion: 7 }, []);
			expect(await store.events.version()).toBe(7);
		});

		it('saves an agenda edit only against the stored version and marks its track', async () => {
			const { store } = fresh();
			const two = { ...event, tracks: [...event.tracks, { ...event.tracks[0]!, id: 'b' }] };
			await store.events.replace(two, []);
			expect(await store.events.trackChangedIn('b')).toBe(1);
			const edited = { ...two, agendaVersion: 2, title: 'Edited' };
			expect(await store.events.saveEdit(edited, 'b', 1)).toBe(true);
			expect(await store.events.saveEdit({ ...edited, agendaVersion: 3 }, 'main', 1)).toBe(false);
			expect(await store.events.get()).toEqual(edited);
			expect(await store.events.trackChangedIn('b')).toBe(2);
			expect(await store.events.trackChangedIn('main')).toBe(1);
			expect(await store.events.trackChangedIn('nowhere')).toBe(0);
		});

		it("appends an agenda edit's audit entry in the edit's transaction, and none when it loses", async () => {
			const { store, dir } = fresh();
			await store.events.replace(event, []);
			const record = (at: number) => {
				const audit = auditAt(at);
				const entry = { ...audit.record.entry, action: 'agenda:move-slot' };
				return { ...audit, record: { ...audit.record, entry } };
			};
			const edited = (version: number) => ({
				...event,
				agendaVersion: version,
				title: `v${version}`
			});
			const saved = record(3);
			expect(await store.events.saveEdit(edited(2), 'main', 1, saved.record)).toBe(true);
			const [entry] = await store.audit.list({ limit: 5 });
			expect(entry).toMatchObject({ ...saved.record.entry, id: expect.any(Number) });
			expect(saved.appended).toEqual([entry]);
			const lost = record(4);
			expect(await store.events.saveEdit(edited(3), 'main', 1, lost.record)).toBe(false);
			expect(lost.appended).toEqual([]);
			const other = new Database(path.join(dir, DB_FILE));
			other.exec(`CREATE TRIGGER refuse BEFORE INSERT ON audit
				BEGIN SELECT RAISE(ABORT, 'audit refused'); END`);
			other.close();
			await expect(store.events.saveEdit(edited(3), 'main', 2, record(5).record)).rejects.toThrow(
				/audit refused/
			);
			expect(await store.events.get()).toEqual(edited(2));
			expect(await store.events.trackChangedIn('main')).toBe(2);
			expect(await store.audit.list({ limit: 5 })).toEqual([entry]);
		});

		it('writes a stage state only when the expected version still holds', async () => {
			const { store } = fresh();
			const stage = (version: number) => ({ ...idleStage('main'), version });
			expect(await store.stages.compareAndSet(stage(0), null)).toBe(true);
			expect(await store.stages.compareAndSet(stage(5), null)).toBe(false);
			expect(await store.stages.compareAndSet(stage(1), 0)).toBe(true);
			expect(await store.stages.compareAndSet(stage(2), 0)).toBe(false);
			expect(await store.stages.get('main')).toEqual(stage(1));
			expect(await store.stages.list()).toEqual([stage(1)]);
			expect(await store.stages.get('other')).toBeNull();
		});

		it("appends a stage command's audit entry in the stage's transaction, and none when it loses", async () => {
			const { store, dir } = fresh();
			const stage = (version: number) => ({ ...idleStage('main'), version });
			const audit = auditAt(3);
			const record = { ...audit.record, entry: { ...audit.record.entry, action: 'stage:send' } };
			expect(await store.stages.compareAndSet(stage(0), null, record)).toBe(true);
			const [entry] = await store.audit.list({ limit: 5 });
			expect(entry).toMatchObject({ ...record.entry, id: expect.any(Number) });
			expect(audit.appended).toEqual([entry]);
			const lost = auditAt(4);
			expect(await store.stages.compareAndSet(stage(2), 5, lost.record)).toBe(false);
			expect(lost.appended).toEqual([]);
			const other = new Database(path.join(dir, DB_FILE));
			other.exec(`CREATE TRIGGER refuse BEFORE INSERT ON audit
				BEGIN SELECT RAISE(ABORT, 'audit refused'); END`);
			other.close();
			await expect(store.stages.compareAndSet(stage(1), 0, auditAt(5).record)).rejects.toThrow(
				/audit refused/
			);
			expect(await store.stages.get('main')).toEqual(stage(0));
			expect(await store.audit.list({ limit: 5 })).toEqual([entry]);
		});

		it('appends audit entries with growing ids and lists them newest first', async () => {
			const { store } = fresh();
			const entry = (trackId: string | null, at: number) => ({
				at,
				trackId,
				action: 'timer:start',
				summary: `at ${at}`,
				chair: 'chair 1a2b'
			});
			const first = await store.audit.append(entry('main', 1));
			await store.audit.append(entry(null, 2));
			await store.audit.append(entry('other', 3));
			const last = await store.audit.append(entry('main', 4));
			expect(last.id).toBeGreaterThan(first.id);
			expect((await store.audit.list({ limit: 10 })).map((e) => e.at)).toEqual([4, 3, 2, 1]);
			expect((await store.audit.list({ trackId: 'main', limit: 10 })).map((e) => e.at)).toEqual([
				4, 2, 1
			]);
			expect(await store.audit.list({ trackId: 'main', limit: 1 })).toEqual([last]);
		});

		it('inserts a question once: a second insert with its id resolves the stored one', async () => {
			const { store } = fresh();
			const first = await store.questions.insert(question(Q1, { authorName: 'Ada' }));
			const again = await store.questions.insert(question(Q1, { text: 'other', deviceId: 'b' }));
			expect(first).toEqual({ inserted: true, stored: question(Q1, { authorName: 'Ada' }) });
			expect(again).toEqual({ inserted: false, stored: question(Q1, { authorName: 'Ada' }) });
			expect(await store.questions.listBySlot('s1')).toEqual([question(Q1, { authorName: 'Ada' })]);
		});

		it('records a vote command with the count it produced, in the same write', async () => {
			const { store } = fresh();
			await store.questions.insert(question(Q1));
			const command = {
				id: 'vote-1',
				name: 'question:vote',
				fingerprint: 'f',
				createdAt: 5,
				result: ({ votes }: { votes: number }) => JSON.stringify({ votes })
			};
			expect(await store.questions.setVote(Q1, 'a', true, 1, command)).toEqual({
				votes: 1,
				changed: true
			});
			expect((await store.commands.get('vote-1'))?.result).toBe('{"votes":1}');

			await expect(store.questions.setVote(Q1, 'b', true, 2, command)).rejects.toThrow();
			expect((await store.questions.get(Q1))?.votes).toBe(1);
			expect(await store.questions.byDevice('b', 's1')).toEqual({ asked: [], voted: [] });
		});

		it('counts one vote per device and question, and withdraws it once', async () => {
			const { store } = fresh();
			await store.questions.insert(question(Q1));
			const votes = store.questions;
			expect(await votes.setVote(Q1, 'a', true, 1)).toEqual({ votes: 1, changed: true });
			expect(await votes.setVote(Q1, 'a', true, 2)).toEqual({ votes: 1, changed: false });
			expect(await votes.setVote(Q1, 'b', true, 3)).toEqual({ votes: 2, changed: true });
			expect(await votes.setVote(Q1, 'a', false, 4)).toEqual({ votes: 1, changed: true });
			expect(await votes.setVote(Q1, 'a', false, 5)).toEqual({ votes: 1, changed: false });
			expect(await votes.byDevice('b', 's1')).toEqual({ asked: [], voted: [Q1] });
			expect(await votes.byDevice('device-a', 's1')).toEqual({ asked: [Q1], voted: [] });
			expect((await votes.get(Q1))?.votes).toBe(1);
		});

		it('keeps one pinned question per track', async () => {
			const { store } = fresh();
			await store.questions.insert(question(Q1));
			await store.questions.insert(question(Q2, { createdAt: 2000 }));
			await store.questions.insert(question(Q3, { trackId: 'other', slotId: 's9' }));
			await store.questions.pin(Q1);
			await store.questions.pin(Q3);
			const second = await store.questions.pin(Q2);
			expect(second?.pinned).toMatchObject({ id: Q2, pinned: true });
			expect(second?.unpinned.map((q) => [q.id, q.pinned])).toEqual([[Q1, false]]);
			const pinned = async (id: string) => (await store.questions.get(id))?.pinned;
			expect([await pinned(Q1), await pinned(Q2), await pinned(Q3)]).toEqual([false, true, true]);
			expect(await store.questions.pin('00000000-0000-4000-8000-00000000000f')).toBeNull();
		});

		it('sets status and pin without touching votes, and counts by status', async () => {
			const { store } = fresh();
			await store.questions.insert(question(Q1));
			await store.questions.insert(question(Q2, { status: 'pending' }));
			await store.questions.setVote(Q1, 'a', true, 1);
			const hidden = await store.questions.setState(Q1, 'hidden', false);
			expect(hidden).toMatchObject({ status: 'hidden', votes: 1 });
			expect(await store.questions.voteCounts([Q1, Q2], ['hidden', 'pending'])).toEqual({
				[Q1]: 1,
				[Q2]: 0
			});
			expect(await store.questions.voteCounts([Q1, Q2], ['open'])).toEqual({});
			expect(await store.questions.listByTrack('main')).toHaveLength(2);
		});

		it('counts the votes of only the questions asked for', async () => {
			const { store } = fresh();
			await store.questions.insert(question(Q1));
			await store.questions.insert(question(Q2));
			await store.questions.insert(question(Q3, { trackId: 'other', slotId: 's9' }));
			for (const id of [Q1, Q2, Q3]) await store.questions.setVote(id, 'a', true, 1);
			await store.questions.setVote(Q2, 'b', true, 1);
			const unknown = '00000000-0000-4000-8000-00000000000f';
			expect(await store.questions.voteCounts([Q2, Q3, unknown], ['open'])).toEqual({
				[Q2]: 2,
				[Q3]: 1
			});
			expect(await store.questions.voteCounts([], ['open'])).toEqual({});
		});

		it('updates question settings atomically from the initial value', async () => {
			const { store } = fresh();
			const initial = { trackId: 'main', premoderated: false, closedSlotIds: [] };
			expect(await store.questionSettings.get('main')).toBeNull();
			await store.questionSettings.update(initial, (s) => ({ ...s, premoderated: true }));
			const next = await store.questionSettings.update(initial, (s) => ({
				...s,
				closedSlotIds: ['s1']
			}));
			expect(next).toEqual({ trackId: 'main', premoderated: true, closedSlotIds: ['s1'] });
			expect(await store.questionSettings.list()).toEqual([next]);
		});

		it('finds everything again after reopening', async () => {
			const { store, dir } = fresh();
			await store.events.replace(event, [plannedTimer('main', 5)]);
			await store.settings.set('k', 'v');
			await store.timers.compareAndSet(plannedTimer('main', 6), 5, [plannedTimer('main', 5)]);
			await store.stages.compareAndSet(idleStage('main'), null);
			const entry = { at: 1, trackId: null, action: 'chair:sign-in', summary: 'Signed in' };
			const appended = await store.audit.append({ ...entry, chair: 'chair 0f0f' });
			await store.questions.insert(question(Q1));
			await store.questions.setVote(Q1, 'a', true, 1);
			await store.close();
			const { store: again } = fresh(dir);
			expect(await again.events.get()).toEqual(event);
			expect(await again.timers.list()).toEqual([plannedTimer('main', 6)]);
			expect(await again.timers.history('main')).toEqual([plannedTimer('main', 5)]);
			expect(await again.stages.list()).toEqual([idleStage('main')]);
			expect(await again.audit.list({ limit: 5 })).toEqual([appended]);
			expect(await again.settings.get('k')).toBe('v');
			expect(await again.questions.get(Q1)).toEqual(question(Q1, { votes: 1 }));
		});
	});
}

storeContract('SQLite', openSqliteStore);

describe('the SQLite file', () => {
	it('is in WAL mode with synchronous=FULL and at the latest schema version', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dais-store-'));
		const store = openSqliteStore(dir);
		await store.close();
		const db = new Database(path.join(dir, DB_FILE));
		expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
		expect(db.pragma('user_version', { simple: true })).toBe(loadMigrations().at(-1)!.version);
		db.close();
		fs.rmSync(dir, { recursive: true, force: true });
	});

	it('migrates a database of the first schema, keeping its data', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dais-store-'));
		const db = new Database(path.join(dir, DB_FILE));
		migrate(
			db,
			loadMigrations().filter((m) => m.version === 1)
		);
		db.prepare("INSERT INTO setting (key, value) VALUES ('k', 'v')").run();
		db.close();
		const store = openSqliteStore(dir);
		expect(await store.settings.get('k')).toBe('v');
		expect((await store.questions.insert(question(Q1))).inserted).toBe(true);
		await store.close();
		fs.rmSync(dir, { recursive: true, force: true });
	});

	it('migrates undo stacks kept by place into ones kept by version, in the same order', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dais-store-'));
		const db = new Database(path.join(dir, DB_FILE));
		migrate(
			db,
			loadMigrations().filter((m) => m.version <= 5)
		);
		const stack = [plannedTimer('main', 4), plannedTimer('main', 7), plannedTimer('main', 9)];
		const put = db.prepare('INSERT INTO timer_history (track_id, seq, body) VALUES (?, ?, ?)');
		// inserted newest first, so that rowid order is not stack order
		for (const seq of [2, 1, 0]) put.run('main', seq, JSON.stringify(stack[seq]));
		put.run('other', 0, JSON.stringify(plannedTimer('other', 1)));
		db.close();
		const store = openSqliteStore(dir);
		expect(await store.timers.history('main')).toEqual(stack);
		expect(await store.timers.history('other')).toEqual([plannedTimer('other', 1)]);
		await store.close();
		fs.rmSync(dir, { recursive: true, force: true });
	});

	it('refuses a database written by a newer Dais', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dais-store-'));
		const db = new Database(path.join(dir, DB_FILE));
		db.pragma('user_version = 99');
		db.close();
		expect(() => openSqliteStore(dir)).toThrow(/newer than this Dais/);
		fs.rmSync(dir, { recursive: true, force: true });
	});
});
