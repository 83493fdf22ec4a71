// `npm run migrate-store -- --from ./data/dais.sqlite --to postgres://… [--replace]`: copies
// an event's whole SQLite store into PostgreSQL (store/migrate-store.ts), so that a running
// conference can move to DATABASE_URL. Stop Dais first: the data dir is locked while it runs.
// Exit codes: 0 done, 1 the store cannot be copied (one line says why), 2 wrong arguments.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { MigrateStoreError, migrateStore } from './store/migrate-store.ts';
import { DataDirError, openDataDir } from './store/sqlite/data-dir.ts';
import { DB_FILE } from './store/sqlite/sqlite.store.ts';

const USAGE =
	'usage: npm run migrate-store -- --from <data dir or dais.sqlite> --to <postgres:// URL> [--replace]';

async function main(argv: string[]): Promise<number> {
	let values;
	try {
		({ values } = parseArgs({
			args: argv,
			options: {
				from: { type: 'string' },
				to: { type: 'string' },
				replace: { type: 'boolean' }
			}
		}));
	} catch (err) {
		process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
		return 2;
	}
	if (!values.from || !values.to || !/^postgres(ql)?:\/\//.test(values.to)) {
		process.stderr.write(`${USAGE}\n`);
		return 2;
	}
	const from = path.resolve(values.from);
	const dir = path.basename(from) === DB_FILE ? path.dirname(from) : from;
	const where = new URL(values.to);
	if (!fs.existsSync(path.join(dir, DB_FILE))) {
		process.stderr.write(`migrate-store: there is no ${DB_FILE} in ${dir}\n`);
		return 1;
	}
	try {
		// the lock keeps a running Dais from writing while the copy reads
		const held = openDataDir(dir);
		await held.store.close();
		try {
			const report = await migrateStore({
				fromDir: dir,
				fromFile: DB_FILE,
				to: values.to,
				replace: values.replace
			});
			const counts = Object.entries(report).map(([table, n]) => `${table} ${n}`);
			process.stdout.write(
				`Copied ${path.join(dir, DB_FILE)} to postgres://${where.host}${where.pathname}: ${counts.join(', ')}\n`
			);
			return 0;
		} finally {
			held.release();
		}
	} catch (err) {
		if (err instanceof MigrateStoreError || err instanceof DataDirError) {
			process.stderr.write(`migrate-store: ${err.message}\n`);
			return 1;
		}
		// the URL may hold a password: name the server only
		const reason = (err as Error).message.replaceAll(values.to, `postgres://${where.host}`);
		process.stderr.write(`migrate-store: ${reason}\n`);
		return 1;
	}
}

process.exitCode = await main(process.argv.slice(2));
