// Group commit (the unit of work's grouped writes) on a real SQLite file (WAL, synchronous=FULL), watched from a second
// connection and the WAL file: writes made together share one commit (as many WAL frames as
// one lone write), each resolves only once committed, and a write that throws rolls back alone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { serialLease, sqliteSql } from '../../server/store/sqlite/connection.ts';
import { unitOfWork } from '../../server/store/sql/unit-of-work.ts';

/** The unit of work on `writer`, whose grouped writes are under test. */
function groupCommit(writer: Database.Database) {
	const work = unitOfWork(serialLease(sqliteSql(writer)), () => null, 'BEGIN IMMEDIATE');
	return {
		commit: <R>(write: () => R) => work.grouped(async () => write()),
		flush: work.flush
	};
}

const dirs: string[] = [];
const open: Database.Database[] = [];
afterEach(() => {
	for (const db of open.splice(0)) db.close();
	for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A writer and a reader connection on one new database file. */
function databases(): { writer: Database.Database; reader: Database.Database; wal: string } {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dais-group-commit-'));
	dirs.push(dir);
	const file = path.join(dir, 'test.sqlite');
	const writer = new Database(file);
	writer.pragma('journal_mode = WAL');
	writer.pragma('synchronous = FULL');
	writer.exec('CREATE TABLE item (id TEXT PRIMARY KEY)');
	const reader = new Database(file, { readonly: true });
	open.push(reader, writer);
	return { writer, reader, wal: `${file}-wal` };
}

const ids = (reader: Database.Database) =>
	reader
		.prepare<[], { id: string }>('SELECT id FROM item ORDER BY id')
		.all()
		.map((row) => row.id);

/** WAL frames: each commit appends one frame per page it changed (here the same pages). */
const frames = (wal: string, writer: Database.Database) =>
	(fs.statSync(wal).size - 32) / (Number(writer.pragma('page_size', { simple: true })) + 24);

/** One kind of write through the database's group commit. */
function writes<R>(writer: Database.Database, write: (id: string) => R) {
	const commits = groupCommit(writer);
	return { run: (id: string) => commits.commit(() => write(id)), flush: commits.flush };
}

describe('group commit', () => {
	it('commits writes made in the same turn together, once', async () => {
		const { writer, reader, wal } = databases();
		const insert = writer.prepare<[string]>('INSERT INTO item (id) VALUES (?)');
		const add = writes(writer, (id: string) => insert.run(id).changes);
		const start = frames(wal, writer);
		await add.run('a');
		const oneCommit = frames(wal, writer) - start;

		const results = await Promise.all(['b', 'c', 'd', 'e'].map((id) => add.run(id)));

		expect(results).toEqual([1, 1, 1, 1]);
		expect(ids(reader)).toEqual(['a', 'b', 'c', 'd', 'e']);
		expect(frames(wal, writer) - start).toBe(2 * oneCommit);
	});

	it('commits different kinds of writes made in the same turn together', async () => {
		const { writer, reader, wal } = databases();
		writer.exec('CREATE TABLE other (id TEXT PRIMARY KEY)');
		const insert = writer.prepare<[string]>('INSERT INTO item (id) VALUES (?)');
		const other = writer.prepare<[string]>('INSERT INTO other (id) VALUES (?)');
		const commits = groupCommit(writer);
		await commits.commit(() => insert.run('a') && other.run('a'));
		const start = frames(wal, writer);
		await commits.commit(() => insert.run('b') && other.run('b'));
		const oneCommit = frames(wal, writer) - start;

		await Promise.all([
			commits.commit(() => insert.run('c')),
			commits.commit(() => other.run('c')),
			commits.commit(() => insert.run('d') && other.run('d'))
		]);

		expect(ids(reader)).toEqual(['a', 'b', 'c', 'd']);
		expect(frames(wal, writer) - start).toBe(2 * oneCommit);
	});

	it('resolves a write only when another connection can already read it', async () => {
		const { writer, reader } = databases();
		const insert = writer.prepare<[string]>('INSERT INTO item (id) VALUES (?)');
		const add = writes(writer, (id: string) => insert.run(id).changes);
		const seen: string[][] = [];

		await Promise.all(['x', 'y'].map((id) => add.run(id).then(() => seen.push(ids(reader)))));

		expect(seen).toEqual([
			['x', 'y'],
			['x', 'y']
		]);
	});

	it('rolls back only the write that throws and rejects only its promise', async () => {
		const { writer, reader } = databases();
		const insert = writer.prepare<[string]>('INSERT INTO item (id) VALUES (?)');
		const add = writes(writer, (id: string) => {
			insert.run(id);
			if (id === 'bad') throw new Error('refused');
			return id;
		});

		const results = await Promise.allSettled(['a', 'bad', 'b'].map((id) => add.run(id)));

		expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
		expect(ids(reader)).toEqual(['a', 'b']);
	});

	it('commits the waiting writes at once on flush', async () => {
		const { writer, reader } = databases();
		const insert = writer.prepare<[string]>('INSERT INTO item (id) VALUES (?)');
		const add = writes(writer, (id: string) => insert.run(id).changes);

		const pending = add.run('late');
		expect(ids(reader)).toEqual([]);
		await add.flush();
		expect(ids(reader)).toEqual(['late']);
		await expect(pending).resolves.toBe(1);
	});
});

describe('a transaction the engine ended itself', () => {
	it('rejects with the error that ended it, and the next transaction runs', async () => {
		const { writer, reader } = databases();
		writer.exec(`CREATE TRIGGER refuse BEFORE INSERT ON item WHEN NEW.id = 'bad'
			BEGIN SELECT RAISE(ROLLBACK, 'rolled back by the trigger'); END`);
		const insert = writer.prepare<[string]>('INSERT INTO item (id) VALUES (?)');
		const work = unitOfWork(serialLease(sqliteSql(writer)), () => null, 'BEGIN IMMEDIATE');

		await expect(work.transaction(async () => insert.run('bad'))).rejects.toThrow(
			'rolled back by the trigger'
		);
		await work.transaction(async () => insert.run('good'));

		expect(ids(reader)).toEqual(['good']);
	});
});
