// The embedded store: one SQLite file under DATA_DIR (DESIGN §9). WAL with synchronous=FULL,
// so a write that has resolved survives a crash or power cut. Two connections: transactions
// run one at a time on the writer (better-sqlite3 is synchronous, so an async unit of work
// would otherwise let another write slip into an open transaction), while reads outside a
// transaction go to the reader, which sees only committed data.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Store } from '../store.ts';
import { sqlRepos, sqlStore, type Engine } from '../sql/repos.ts';
import type { Sql } from '../sql/sql.ts';
import { unitOfWork } from '../sql/unit-of-work.ts';
import { serialLease, sqliteSql } from './connection.ts';
import { LIST_SQL } from './list-sql.ts';
import { migrate } from './migrate.ts';

export const DB_FILE = 'dais.sqlite';

const SQLITE: Engine = { forUpdate: '', lists: LIST_SQL };

function open(file: string): Database.Database {
	const db = new Database(file);
	db.pragma('journal_mode = WAL');
	db.pragma('synchronous = FULL');
	db.pragma('busy_timeout = 5000');
	return db;
}

/** Opens (creating if needed) the database in `dataDir` and migrates it. */
export function openSqliteStore(dataDir: string): Store {
	fs.mkdirSync(dataDir, { recursive: true });
	const file = path.join(dataDir, DB_FILE);
	const writer = open(file);
	migrate(writer);
	const reader = open(file);
	const work = unitOfWork(
		serialLease(sqliteSql(writer)),
		(sql: Sql) => sqlRepos(sql, SQLITE),
		'BEGIN IMMEDIATE'
	);
	return sqlStore(sqliteSql(reader), SQLITE, work, file, async () => {
		if (reader.open) reader.close();
		if (writer.open) writer.close();
	});
}
