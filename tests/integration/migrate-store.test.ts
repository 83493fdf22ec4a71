// `npm run migrate-store` moves a populated SQLite store into a fresh PostgreSQL database:
// every table of the SQLite schema comes across row for row, the PostgreSQL store reads back
// what the SQLite one held, a target with data is refused unless --replace, and the audit
// log keeps counting up after the copied ids.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventInfo } from '#shared/schema/event.ts';
import { idleStage } from '#shared/stage.ts';
import { plannedTimer } from '#shared/timer.ts';
import { openPostgresStore } from '../../server/store/postgres/postgres.store.ts';
import { DB_FILE, openSqliteStore } from '../../server/store/sqlite/sqlite.store.ts';
import type { Store } from '../../server/store/store.ts';
import { createTestDatabase, dropTestDatabase } from './support/postgres.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const event: EventInfo = {
	id: 'ev',
	title: 'An event',
	timezone: 'Europe/Lisbon',
	venue: 'Somewhere',
	rehearsal: false,
	agendaVersion: 1,
	tracks: [{ id: 'main', name: 'Main', room: 'A', slots: [] }]
};
const Q1 = '00000000-0000-4000-8000-000000000001';
const Q2 = '00000000-0000-4000-8000-000000000002';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
	for (const clean of cleanups.splice(0)) await clean();
});

/** A SQLite store holding a row in every table; resolves its dir. */
async function populated(): Promise<string> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dais-migrate-'));
	cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
	const store = openSqliteStore(dir);
	await store.events.replace(event, [plannedTimer('main', 0)]);
	await store.events.saveEdit({ ...event, agendaVersion: 2 }, 'main', 1);
	await store.transaction(async (tx) => {
		await tx.timers.compareAndSet(plannedTimer('main', 1), 0);
		await tx.timers.setHistory('main', [plannedTimer('main', 0)]);
		await tx.audit.append({
			at: 5,
			trackId: 'main',
			action: 'timer:start',
			summary: 'Started',
			chair: 'c1'
		});
	});
	await store.stages.compareAndSet(idleStage('main'), null);
	await store.audit.append({
		at: 6,
		trackId: null,
		action: 'chair:sign-in',
		summary: 'In',
		chair: 'c1'
	});
	const question = {
		trackId: 'main',
		slotId: 's1',
		authorName: null,
		createdAt: 10,
		status: 'open' as const,
		pinned: false,
		votes: 0,
		deviceId: 'dev-a'
	};
	await store.questions.insert({ ...question, id: Q1, text: 'Why?' });
	await store.questions.insert({
		...question,
		id: Q2,
		text: 'How?',
		authorName: 'Ada',
		status: 'pending'
	});
	await store.questions.setVote(Q1, 'dev-b', true, 11);
	await store.questions.pin(Q1);
	await store.questionSettings.update(
		{ trackId: 'main', premoderated: false, closedSlotIds: [] },
		(s) => ({ ...s, premoderated: true })
	);
	await store.settings.set('hmac-secret', 'a secret');
	await store.settings.set('cookie-secret', 'another secret');
	await store.sessions.create({ id: 'session-1', createdAt: 1, expiresAt: 10_000_000_000_000 });
	await store.commands.add({
		id: 'cmd-1',
		name: 'timer:start',
		fingerprint: 'f',
		result: '{}',
		createdAt: 5
	});
	await store.push.put({
		subscription: { endpoint: 'https://push.example.org/1', keys: { p256dh: 'k', auth: 'a' } },
		starred: [],
		leadMinutes: 5,
		sent: ['r1']
	});
	await store.close();
	return dir;
}

function migrateStore(
	args: string[]
): Promise<{ code: number | null; stdout: string; stderr: string }> {
	const child = spawn(
		process.execPath,
		['--import', 'tsx', 'server/migrate-store-cli.ts', ...args],
		{
			cwd: ROOT,
			stdio: ['ignore', 'pipe', 'pipe']
		}
	);
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (d) => (stdout += d));
	child.stderr.on('data', (d) => (stderr += d));
	return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** Rows per table of the SQLite file, and of the same tables in PostgreSQL. */
async function counts(dir: string, url: string) {
	const db = new Database(path.join(dir, DB_FILE), { readonly: true });
	const tables = db
		.prepare<[], string>(
			`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`
		)
		.pluck()
		.all();
	const sqlite = Object.fromEntries(
		tables.map((t) => [t, db.prepare<[], number>(`SELECT count(*) FROM ${t}`).pluck().get()!])
	);
	db.close();
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	const postgres: Record<string, number> = {};
	for (const t of tables) {
		postgres[t] = Number((await client.query(`SELECT count(*) AS n FROM ${t}`)).rows[0].n);
	}
	await client.end();
	return { sqlite, postgres };
}

/** Everything a store holds, read through its repositories. */
async function contents(store: Store) {
	return {
		event: await store.events.get(),
		changedIn: await store.events.trackChangedIn('main'),
		timers: await store.timers.list(),
		history: await store.timers.history('main'),
		stages: await store.stages.list(),
		audit: await store.audit.list({ limit: 10 }),
		questions: await store.questions.listByTrack('main'),
		mine: await store.questions.byDevice('dev-b', 's1'),
		settings: await store.questionSettings.list(),
		secrets: [await store.settings.get('hmac-secret'), await store.settings.get('cookie-secret')],
		session: await store.sessions.get('session-1'),
		command: await store.commands.get('cmd-1'),
		push: await store.push.list()
	};
}

describe('npm run migrate-store', () => {
	it('copies every table of a SQLite store into PostgreSQL, and the store reads the same', async () => {
		const dir = await populated();
		const url = await createTestDatabase();
		cleanups.push(() => dropTestDatabase(url));

		const run = await migrateStore(['--from', path.join(dir, DB_FILE), '--to', url]);
		expect(run.stderr).toBe('');
		expect(run.code).toBe(0);

		const { sqlite, postgres } = await counts(dir, url);
		expect(Object.values(sqlite).every((n) => n > 0)).toBe(true);
		expect(postgres).toEqual(sqlite);

		const before = openSqliteStore(dir);
		const after = await openPostgresStore(url);
		try {
			expect(await contents(after)).toEqual(await contents(before));
			const [newest] = await after.audit.list({ limit: 1 });
			const next = await after.audit.append({
				at: 7,
				trackId: null,
				action: 'chair:sign-out',
				summary: 'Out',
				chair: 'c1'
			});
			expect(next.id).toBeGreaterThan(newest!.id);
		} finally {
			await before.close();
			await after.close();
		}
	});

	it('refuses a target that holds data unless told to replace it', async () => {
		const dir = await populated();
		const url = await createTestDatabase();
		cleanups.push(() => dropTestDatabase(url));
		expect((await migrateStore(['--from', dir, '--to', url])).code).toBe(0);

		const again = await migrateStore(['--from', dir, '--to', url]);
		expect(again.code).toBe(1);
		expect(again.stderr).toMatch(/^migrate-store: the target already holds data .*--replace/);

		expect((await migrateStore(['--from', dir, '--to', url, '--replace'])).code).toBe(0);
		const { sqlite, postgres } = await counts(dir, url);
		expect(postgres).toEqual(sqlite);
	});

	it('refuses a data dir without a store, and wrong arguments', async () => {
		const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'dais-migrate-'));
		cleanups.push(async () => fs.rmSync(empty, { recursive: true, force: true }));
		const none = await migrateStore(['--from', empty, '--to', 'postgres://127.0.0.1/x']);
		expect(none.code).toBe(1);
		expect(none.stderr).toMatch(/there is no dais\.sqlite/);
		expect(fs.readdirSync(empty)).toEqual([]);
		expect((await migrateStore(['--from', empty])).code).toBe(2);
	});
});
