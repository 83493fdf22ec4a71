// A fresh PostgreSQL database per test (dais_test_<random>), dropped after, so that parallel
// runs never share one. PostgreSQL must be up (CI starts it: .ci/run); a test that needs it
// fails when it is down rather than skipping. PG_TEST_URL names the server (default: the
// local one with trust auth).
import crypto from 'node:crypto';
import pg from 'pg';

const SERVER = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin<T>(use: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: SERVER });
	await client.connect();
	try {
		return await use(client);
	} finally {
		await client.end();
	}
}

/** Creates an empty database; resolves its URL. */
export async function createTestDatabase(): Promise<string> {
	const name = `dais_test_${crypto.randomBytes(6).toString('hex')}`;
	await admin((c) => c.query(`CREATE DATABASE ${name}`));
	const url = new URL(SERVER);
	url.pathname = `/${name}`;
	return url.toString();
}

/** Drops the database at `url`, closing whatever connections are still open on it. */
export async function dropTestDatabase(url: string): Promise<void> {
	const name = new URL(url).pathname.slice(1);
	if (!/^dais_test_[0-9a-f]+$/.test(name)) throw new Error(`not a test database: ${name}`);
	await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/** Runs `statements` on the database at `url` with a connection of its own. */
export async function onDatabase(url: string, statements: string): Promise<void> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		await client.query(statements);
	} finally {
		await client.end();
	}
}
