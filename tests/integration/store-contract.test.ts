// The contract every Store implementation must pass (STYLE habit 7); today the SQLite one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventInfo } from '#shared/schema/event.ts';
import { plannedTimer } from '#shared/timer.ts';
import { DB_FILE, openSqliteStore } from '../../server/store/sqlite/sqlite.store.ts';
import type { Store } from '../../server/store/store.ts';

const event: EventInfo = {
	id: 'ev',
	title: 'An event',
	timezone: 'Europe/Lisbon',
	venue: 'Somewhere',
	rehearsal: false,
	agendaVersion: 1,
	tracks: [{ id: 'main', name: 'Main', room: 'A', slots: [] }]
};

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
			const command = {
				id: 'c1',
				name: 'timer:start',
				fingerprint: 'f',
				result: '{}',
				createdAt: 5
			};
			expect(await store.timers.compareAndSet(plannedTimer('main', 0), null, command)).toBe(true);
			expect(await store.commands.get('c1')).toEqual(command);
			expect(await store.timers.compareAndSet(plannedTimer('main', 1), 0, command)).toBe(false);
			expect(await store.timers.get('main')).toEqual(plannedTimer('main', 0));
		});

		it('records no command when its timer write loses', async () => {
			const { store } = fresh();
			await store.timers.compareAndSet(plannedTimer('main', 0), null);
			const command = {
				id: 'c2',
				name: 'timer:start',
				fingerprint: 'f',
				result: '{}',
				createdAt: 5
			};
			expect(await store.timers.compareAndSet(plannedTimer('main', 3), 2, command)).toBe(false);
			expect(await store.commands.get('c2')).toBeNull();
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

		it('finds everything again after reopening', async () => {
			const { store, dir } = fresh();
			await store.events.replace(event, [plannedTimer('main', 5)]);
			await store.settings.set('k', 'v');
			await store.close();
			const { store: again } = fresh(dir);
			expect(await again.events.get()).toEqual(event);
			expect(await again.timers.list()).toEqual([plannedTimer('main', 5)]);
			expect(await again.settings.get('k')).toBe('v');
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
		expect(db.pragma('user_version', { simple: true })).toBe(2);
		db.close();
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
