// The scale-out store (DESIGN §9): PostgreSQL through a `pg` pool, selected by DATABASE_URL.
// Each transaction holds one pooled client from BEGIN to COMMIT; a promise resolves after
// COMMIT, which PostgreSQL makes durable (synchronous_commit on). Version checks are
// conditional UPDATEs, so two Dais processes on one database cannot both win a stale
// command. The schema comes from the numbered migrations beside this file, applied at start.
import pg from 'pg';
import type { Store } from '../store.ts';
import { sqlRepos, sqlStore, type Engine } from '../sql/repos.ts';
import { PLAIN_LIST_SQL } from '../sql/question.repos.ts';
import type { Sql } from '../sql/sql.ts';
import { unitOfWork, type Connection, type Lease } from '../sql/unit-of-work.ts';
import { migratePostgres } from './migrate.ts';

const POSTGRES: Engine = { forUpdate: ' FOR UPDATE', lists: PLAIN_LIST_SQL };

/** BIGINT columns hold epoch ms and ids, well inside a double's exact integers. */
const types = {
	getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
		oid === pg.types.builtins.INT8
			? (value: string) => Number(value)
			: pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser
};

/** `?` placeholders as PostgreSQL's $1, $2, … (no statement of ours has a `?` in a literal). */
function numbered(statement: string): string {
	let n = 0;
	return statement.replace(/\?/g, () => `$${++n}`);
}

function postgresSql(client: pg.Pool | pg.PoolClient): Sql {
	const query = <T extends pg.QueryResultRow>(statement: string, params: readonly unknown[]) =>
		client.query<T>(numbered(statement), params as unknown[]);
	return {
		all: async <T>(statement: string, params: readonly unknown[] = []) =>
			(await query(statement, params)).rows as T[],
		get: async <T>(statement: string, params: readonly unknown[] = []) =>
			(await query(statement, params)).rows[0] as T | undefined,
		run: async (statement, params = []) => (await query(statement, params)).rowCount ?? 0
	};
}

function poolLease(pool: pg.Pool): Lease {
	return async (use) => {
		const client = await pool.connect();
		const connection: Connection = {
			...postgresSql(client),
			exec: async (command) => {
				await client.query(command);
			}
		};
		let failed = false;
		try {
			return await use(connection);
		} catch (err) {
			failed = true;
			throw err;
		} finally {
			// after a failure the client may be mid-transaction (its ROLLBACK failed): the pool
			// closes it instead of lending it again
			client.release(failed);
		}
	};
}

export type PostgresOptions = {
	/** connections of each of the two pools, reads and transactions (PG_POOL_SIZE) */
	poolSize?: number;
};

/** Connects to `url`, migrates the database, and resolves the store. */
export async function openPostgresStore(
	url: string,
	options: PostgresOptions = {}
): Promise<Store> {
	// Transactions get a pool of their own, so that a group of asks waiting to commit never
	// queues behind the reads of hundreds of writers.
	const pool = () => {
		const made = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, types });
		// an idle client's connection may drop (a database restart): the next query reconnects
		made.on('error', () => undefined);
		return made;
	};
	const reads = pool();
	const writes = pool();
	const end = () => Promise.all([reads.end(), writes.end()]).then(() => undefined);
	try {
		await migratePostgres(writes);
	} catch (err) {
		await end();
		throw err;
	}
	const work = unitOfWork(poolLease(writes), (sql) => sqlRepos(sql, POSTGRES));
	const where = new URL(url);
	const location = `postgres://${where.host}${where.pathname}`;
	return sqlStore(postgresSql(reads), POSTGRES, work, location, end);
}
