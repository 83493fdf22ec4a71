// Applies the numbered migrations in ./migrations (NNN-name.sql) that the database has not
// seen yet, each in its own transaction together with the bump of PRAGMA user_version.
// A database newer than this code is refused rather than guessed at.
import fs from 'node:fs';
import type { Database } from 'better-sqlite3';
import { MIGRATIONS_DIR } from '../../paths.ts';

type Migration = { version: number; name: string; sql: string };

export function loadMigrations(dir: URL = MIGRATIONS_DIR): Migration[] {
	return fs
		.readdirSync(dir)
		.filter((name) => /^\d+-.+\.sql$/.test(name))
		.map((name) => ({
			version: Number.parseInt(name, 10),
			name,
			sql: fs.readFileSync(new URL(name, dir), 'utf8')
		}))
		.sort((a, b) => a.version - b.version);
}

/** Brings `db` to the latest schema; returns the names of the migrations applied. */
export function migrate(db: Database, migrations = loadMigrations()): string[] {
	const current = db.pragma('user_version', { simple: true }) as number;
	const latest = migrations.at(-1)?.version ?? 0;
	if (current > latest) {
		throw new Error(`the database schema (v${current}) is newer than this Dais (v${latest})`);
	}
	const pending = migrations.filter((m) => m.version > current);
	for (const m of pending) {
		db.transaction(() => {
			db.exec(m.sql);
			db.pragma(`user_version = ${m.version}`);
		})();
	}
	return pending.map((m) => m.name);
}
