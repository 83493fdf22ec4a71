// Copies every table of a SQLite store into a PostgreSQL one, row for row, in one PostgreSQL
// transaction: the event, timers and their undo stacks, stage states, questions and votes,
// the audit log (ids kept), settings (the HMAC, cookie and stage-key secrets, the passcode
// hash), chair sessions, command records and push subscriptions. The SQLite file is first
// brought to the latest schema; a table the PostgreSQL schema lacks stops the copy before
// anything is written. A target that already holds data is refused unless `replace` is set,
// which empties it first.
import Database from 'better-sqlite3';
import pg from 'pg';
import { migratePostgres } from './postgres/migrate.ts';
import { openSqliteStore } from './sqlite/sqlite.store.ts';

export class MigrateStoreError extends Error {}

export type MigrateStoreOptions = {
	/** the directory that holds dais.sqlite */
	fromDir: string;
	/** file name inside fromDir */
	fromFile: string;
	to: string;
	/** empty a target that holds data instead of refusing it */
	replace?: boolean;
};

/** Rows copied, by table. */
export type MigrateStoreReport = Record<string, number>;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The tables of `db` in an order that keeps references valid (questions before votes). */
function tablesOf(db: Database.Database): string[] {
	const names = db
		.prepare<[], string>(
			`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`
		)
		.pluck()
		.all();
	const first = names.filter((n) => n !== 'question_vote');
	return names.includes('question_vote') ? [...first, 'question_vote'] : first;
}

export async function migrateStore(options: MigrateStoreOptions): Promise<MigrateStoreReport> {
	// migrates the file to the latest schema (and fails on a newer one) before it is read
	await openSqliteStore(options.fromDir).close();
	const source = new Database(`${options.fromDir}/${options.fromFile}`, {
		readonly: true,
		fileMustExist: true
	});
	const pool = new pg.Pool({ connectionString: options.to, max: 1 });
	try {
		await migratePostgres(pool);
		const client = await pool.connect();
		try {
			return await copy(source, client, options.replace ?? false);
		} finally {
			client.release();
		}
	} finally {
		source.close();
		await pool.end();
	}
}

async function copy(
	source: Database.Database,
	target: pg.PoolClient,
	replace: boolean
): Promise<MigrateStoreReport> {
	const tables = tablesOf(source);
	const { rows: present } = await target.query<{ table_name: string }>(
		`SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()`
	);
	const known = new Set(present.map((r) => r.table_name));
	const missing = tables.filter((t) => !known.has(t));
	if (missing.length > 0) {
		throw new MigrateStoreError(`the PostgreSQL schema has no table ${missing.join(', ')}`);
	}
	await target.query('BEGIN');
	try {
		const held: string[] = [];
		for (const table of tables) {
			const { rowCount } = await target.query(`SELECT 1 FROM ${quote(table)} LIMIT 1`);
			if (rowCount) held.push(table);
		}
		if (held.length > 0 && !replace) {
			throw new MigrateStoreError(
				`the target already holds data (${held.join(', ')}); pass --replace to empty it first`
			);
		}
		if (held.length > 0) {
			await target.query(`TRUNCATE ${tables.map(quote).join(', ')} RESTART IDENTITY`);
		}
		const report: MigrateStoreReport = {};
		for (const table of tables) report[table] = await copyTable(source, target, table);
		if (tables.includes('audit')) {
			await target.query(
				`SELECT setval(pg_get_serial_sequence('audit', 'id'), COALESCE(max(id), 0) + 1, false) FROM audit`
			);
		}
		await target.query('COMMIT');
		return report;
	} catch (err) {
		await target.query('ROLLBACK');
		throw err;
	}
}

const BATCH = 500;

async function copyTable(
	source: Database.Database,
	target: pg.PoolClient,
	table: string
): Promise<number> {
	const columns = source
		.prepare<[], { name: string }>(`PRAGMA table_info(${quote(table)})`)
		.all()
		.map((c) => c.name);
	const list = columns.map(quote).join(', ');
	let batch: unknown[][] = [];
	let copied = 0;
	const flush = async () => {
		if (batch.length === 0) return;
		const values = batch
			.map((_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`)
			.join(', ');
		await target.query(`INSERT INTO ${quote(table)} (${list}) VALUES ${values}`, batch.flat());
		copied += batch.length;
		batch = [];
	};
	const rows = source
		.prepare(`SELECT ${list} FROM ${quote(table)}`)
		.raw()
		.iterate();
	for (const row of rows as Iterable<unknown[]>) {
		batch.push(row);
		if (batch.length === BATCH) await flush();
	}
	await flush();
	return copied;
}
