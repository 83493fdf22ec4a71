// DATA_DIR at start-up, through the production entry (server/index.ts under tsx) on a real
// directory: a lost or unreadable store refuses to start and says what it found and what to
// do, a true first start says so, and a second server on one DATA_DIR refuses to start
// while the first lives, naming it. The entry stops at the missing SvelteKit build, or
// serves, after the data dir is open: either is past what these tests look at.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openDataDir } from '../../server/store/sqlite/data-dir.ts';
import { openSqliteStore } from '../../server/store/sqlite/sqlite.store.ts';
import { World } from './world.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const world = new World();
const children = new Set<ChildProcess>();
afterEach(async () => {
	for (const child of children) child.kill('SIGKILL');
	children.clear();
	await world.cleanup();
});

type Run = { code: number | null; stdout: string; stderr: string };

/** Runs `script` on `dataDir`; resolves once it exits, or once its output matches `until`. */
function run(dataDir: string, until: RegExp, script = 'server/index.ts'): Promise<Run> {
	const child = spawn(process.execPath, ['--import', 'tsx', script], {
		cwd: ROOT,
		env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	children.add(child);
	return new Promise((resolve) => {
		const out = { code: null as number | null, stdout: '', stderr: '' };
		const check = () => {
			if (until.test(out.stdout + out.stderr)) resolve({ ...out });
		};
		child.stdout!.on('data', (d) => ((out.stdout += d), check()));
		child.stderr!.on('data', (d) => ((out.stderr += d), check()));
		child.on('close', (code) => resolve({ ...out, code }));
	});
}

/** A data dir whose store holds an event and has been closed cleanly, as after a stop. */
async function usedDataDir(): Promise<string> {
	const dir = world.freshDataDir();
	const opened = openDataDir(dir);
	await opened.store.settings.set('probe', 'kept');
	await opened.store.close();
	opened.release();
	return dir;
}

const db = (dir: string) => path.join(dir, 'dais.sqlite');

describe('starting on a data directory', () => {
	it('refuses when the database is gone but its -wal is left (a SIGKILL, then a delete)', async () => {
		const dir = world.freshDataDir();
		const store = openSqliteStore(dir);
		await store.settings.set('probe', 'in the wal');
		expect(fs.existsSync(`${db(dir)}-wal`)).toBe(true);
		fs.rmSync(db(dir));
		const { code, stderr } = await run(dir, /$^/);
		expect(code).toBe(1);
		expect(stderr).toContain(`${db(dir)} is missing, but ${dir} holds dais.sqlite-wal`);
		expect(stderr).toContain('restore dais.sqlite (with its -wal, if any) from a backup');
		expect(fs.existsSync(`${db(dir)}-wal`)).toBe(true);
		await store.close();
	});

	it('refuses when the database was deleted after a clean stop, or emptied', async () => {
		const deleted = await usedDataDir();
		fs.rmSync(db(deleted));
		const first = await run(deleted, /$^/);
		expect(first.code).toBe(1);
		expect(first.stderr).toContain(`${db(deleted)} is missing, but ${deleted} holds dais.created`);

		const emptied = await usedDataDir();
		fs.truncateSync(db(emptied), 0);
		const second = await run(emptied, /$^/);
		expect(second.code).toBe(1);
		expect(second.stderr).toContain(
			`${db(emptied)} is empty, but ${emptied} holds an empty dais.sqlite`
		);
		expect(fs.statSync(db(emptied)).size).toBe(0);
	});

	it('names the file and the fix when it is not a SQLite database', async () => {
		const dir = await usedDataDir();
		fs.writeFileSync(db(dir), 'these are not the bytes of a database, '.repeat(200));
		const { code, stderr } = await run(dir, /$^/);
		expect(code).toBe(1);
		expect(stderr).toBe(
			`Dais could not start: ${db(dir)} is not a SQLite database: restore it from a backup ` +
				'or move it away to start afresh\n'
		);
	});

	it('says so plainly on a true first start', async () => {
		const dir = world.freshDataDir();
		const { stdout } = await run(dir, /First start|listening|missing/);
		expect(stdout).toContain(`First start: no event stored in ${dir} yet, so a new one begins.`);
	});

	it('says nothing of a first start when the store is there', async () => {
		const dir = await usedDataDir();
		const { stdout, stderr } = await run(dir, /listening|missing|could not/);
		expect(stdout + stderr).not.toContain('First start');
		expect(stderr).not.toContain('could not start');
	});
});

describe('two servers on one data directory', () => {
	it('refuses the second while the first lives, naming it, and starts once it is dead', async () => {
		const dir = world.freshDataDir();
		const first = spawn(
			process.execPath,
			['--import', 'tsx', 'tests/integration/support/serve.ts'],
			{
				cwd: ROOT,
				env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, LOG_LEVEL: 'warn' },
				stdio: ['ignore', 'pipe', 'inherit']
			}
		);
		children.add(first);
		const port = await new Promise<number>((resolve) => {
			let out = '';
			first.stdout!.on('data', (d) => {
				out += d;
				const line = /\{"port":(\d+)\}/.exec(out);
				if (line) resolve(Number(line[1]));
			});
		});

		const second = await run(dir, /$^/);
		expect(second.code).toBe(1);
		expect(second.stderr).toContain(
			`${dir} is in use by another Dais (pid ${first.pid}, port ${port}, started `
		);
		expect(second.stderr).toContain('stop it, or give this one another DATA_DIR');

		first.kill('SIGKILL');
		await new Promise((resolve) => first.once('close', resolve));
		const third = await run(dir, /listening|missing|could not/);
		expect(third.stderr).not.toContain('in use');
	});
});

describe('the processes of one cluster on one data directory', () => {
	/** Starts support/serve.ts with `env`; resolves its output once it listens or exits. */
	const serve = (dir: string, env: Record<string, string>) => {
		const child = spawn(
			process.execPath,
			['--import', 'tsx', 'tests/integration/support/serve.ts'],
			{
				cwd: ROOT,
				env: {
					...process.env,
					PORT: '0',
					HOST: '127.0.0.1',
					DATA_DIR: dir,
					LOG_LEVEL: 'warn',
					...env
				},
				stdio: ['ignore', 'pipe', 'pipe']
			}
		);
		children.add(child);
		return new Promise<{ listening: boolean; stderr: string }>((resolve) => {
			let stderr = '';
			child.stderr!.on('data', (d) => (stderr += d));
			child.stdout!.on('data', (d) => {
				if (/\{"port":\d+\}/.test(String(d))) resolve({ listening: true, stderr });
			});
			child.once('close', () => resolve({ listening: false, stderr }));
		});
	};

	it('share the lock its primary holds, while any other start is refused', async () => {
		const dir = world.freshDataDir();
		const primary = openDataDir(dir, { cluster: 'cluster-one' });
		await primary.store.close();
		try {
			const workers = await Promise.all([
				serve(dir, { DAIS_CLUSTER: 'cluster-one' }),
				serve(dir, { DAIS_CLUSTER: 'cluster-one' })
			]);
			expect(workers.map((w) => w.listening)).toEqual([true, true]);

			const unrelated = await run(dir, /$^/);
			expect(unrelated.code).toBe(1);
			expect(unrelated.stderr).toContain(`${dir} is in use by another Dais (pid ${process.pid}`);
			const otherCluster = await serve(dir, { DAIS_CLUSTER: 'cluster-two' });
			expect(otherCluster.listening).toBe(false);
			expect(otherCluster.stderr).toContain(
				'is not held by the Dais cluster this worker belongs to'
			);
			expect(JSON.parse(fs.readFileSync(path.join(dir, 'dais.lock'), 'utf8'))).toMatchObject({
				pid: process.pid,
				cluster: 'cluster-one'
			});
		} finally {
			primary.release();
		}
	});
});
