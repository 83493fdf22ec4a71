// Sql on a better-sqlite3 connection, and the lease that lends it to one transaction at a
// time: better-sqlite3 runs each statement synchronously on the one connection, so an async
// unit of work must have it to itself from BEGIN to COMMIT, or another write would land in
// its transaction.
import type Database from 'better-sqlite3';
import type { Connection, Lease } from '../sql/unit-of-work.ts';

/** Sql on a better-sqlite3 connection; statements are prepared once. */
export function sqliteSql(db: Database.Database): Connection {
	const prepared = new Map<string, Database.Statement>();
	const statement = (text: string) => {
		let s = prepared.get(text);
		if (!s) {
			s = db.prepare(text);
			prepared.set(text, s);
		}
		return s;
	};
	return {
		all: async <T>(text: string, params: readonly unknown[] = []) =>
			statement(text).all(...params) as T[],
		get: async <T>(text: string, params: readonly unknown[] = []) =>
			statement(text).get(...params) as T | undefined,
		run: async (text, params = []) => statement(text).run(...params).changes,
		exec: async (command) => {
			db.exec(command);
		}
	};
}

/** One transaction at a time on `connection`, in the order they asked. */
export function serialLease(connection: Connection): Lease {
	let last: Promise<unknown> = Promise.resolve();
	return (use) => {
		const mine = last.then(
			() => use(connection),
			() => use(connection)
		);
		last = mine.catch(() => undefined);
		return mine;
	};
}
