// Applies the numbered migrations in ./migrations (NNN-name.sql) that the database has not
// seen yet, each in its own transaction with its row in dais_migration; an advisory lock
// keeps two processes starting at once from applying one twice. A database newer than this
// code is refused rather than guessed at.
import type pg from 'pg';
import { loadMigrations } from '../sqlite/migrate.ts';
import { PG_MIGRATIONS_DIR } from '../../paths.ts';

/** any constant both processes agree on: the key of the advisory lock */
const MIGRATION_LOCK = 4_243_001;

/** Brings the database to the latest schema; resolves the names of the migrations applied. */
export async function migratePostgres(
	pool: pg.Pool,
	migrations = loadMigrations(PG_MIGRATIONS_DIR)
): Promise<string[]> {
	const client = await pool.connect();
	try {
		await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
		await client.query(
			'CREATE TABLE IF NOT EXISTS dais_migration (version INTEGER PRIMARY KEY, name TEXT NOT NULL)'
		);
		const { rows } = await client.query<{ v: number | null }>(
			'SELECT max(version) AS v FROM dais_migration'
		);
		const current = rows[0]?.v ?? 0;
		const latest = migrations.at(-1)?.version ?? 0;
		if (current > latest) {
			throw new Error(`the database schema (v${current}) is newer than this Dais (v${latest})`);
		}
		const pending = migrations.filter((m) => m.version > current);
		for (const m of pending) {
			await client.query('BEGIN');
			try {
				await client.query(m.sql);
				await client.query('INSERT INTO dais_migration (version, name) VALUES ($1, $2)', [
					m.version,
					m.name
				]);
				await client.query('COMMIT');
			} catch (err) {
				await client.query('ROLLBACK');
				throw err;
			}
		}
		return pending.map((m) => m.name);
	} finally {
		await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
		client.release();
	}
}
