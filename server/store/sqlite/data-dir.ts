// DATA_DIR at start-up. One Dais at a time: a lock file (dais.lock, naming the pid and port
// of its holder) is taken for the life of the process, and a lock whose pid is dead is stale
// and taken over. The workers of one cluster (WORKERS=N) share it: the primary takes it
// naming a cluster id, and a process given that id joins while the primary lives. A missing or empty dais.sqlite is a first start only when nothing else
// that Dais writes is there: with a -wal, a backup or the marker a start leaves
// (dais.created), the store was lost, and starting afresh would drop every question,
// session and device silently, so the start is refused with what was found and what to do.
// Every refusal is a DataDirError whose message names the file and the fix.
import fs from 'node:fs';
import path from 'node:path';
import type { Store } from '../store.ts';
import { DB_FILE, openSqliteStore } from './sqlite.store.ts';

export const LOCK_FILE = 'dais.lock';
/** Left by every start that opened a store: its presence says a database was here. */
export const MARKER_FILE = 'dais.created';

export class DataDirError extends Error {}

export type DataDir = {
	store: Store;
	/** no database and no sign of one: a new event */
	firstStart: boolean;
	/** records the port in the lock, for a second start to name */
	listening(port: number): void;
	/** gives the lock up (on shutdown) */
	release(): void;
};

type Holder = { pid: number; port: number | null; startedAt: string; cluster?: string };

export type DataDirOptions = {
	/** take the lock for the cluster with this id (the primary of WORKERS=N) */
	cluster?: string;
	/** join the lock the primary of the cluster with this id holds (its workers) */
	join?: string;
};

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (err) {
		return (err as NodeJS.ErrnoException).code === 'EPERM';
	}
}

function readHolder(file: string): Holder | null {
	try {
		const holder = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Holder>;
		return Number.isInteger(holder.pid) ? (holder as Holder) : null;
	} catch {
		return null;
	}
}

/**
 * Takes the lock of `dir`, replacing a stale one, or joins the one of the cluster `join`
 * names; throws DataDirError while another holds it.
 */
function lock(dir: string, options: DataDirOptions): { file: string; holder: Holder } {
	const file = path.join(dir, LOCK_FILE);
	const holder: Holder = {
		pid: process.pid,
		port: null,
		startedAt: new Date().toISOString(),
		...(options.cluster ? { cluster: options.cluster } : {})
	};
	if (options.join) {
		const primary = readHolder(file);
		if (primary?.cluster === options.join && alive(primary.pid)) return { file, holder: primary };
		throw new DataDirError(`${dir} is not held by the Dais cluster this worker belongs to`);
	}
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			fs.writeFileSync(file, `${JSON.stringify(holder)}\n`, { flag: 'wx' });
			return { file, holder };
		} catch (err) {
			if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
		}
		const other = readHolder(file);
		if (other && other.pid !== process.pid && alive(other.pid)) {
			const port = other.port === null ? '' : `, port ${other.port}`;
			throw new DataDirError(
				`${dir} is in use by another Dais (pid ${other.pid}${port}, started ${other.startedAt}): ` +
					`stop it, or give this one another DATA_DIR`
			);
		}
		fs.rmSync(file, { force: true });
	}
	throw new DataDirError(`${file} keeps coming back: another Dais is starting on ${dir}`);
}

/** What is in `dir` that only an earlier store leaves behind. */
function signsOfAStore(dir: string): string[] {
	const db = path.join(dir, DB_FILE);
	const empty = fs.existsSync(db) ? [`an empty ${DB_FILE}`] : [];
	const left = fs
		.readdirSync(dir)
		.filter(
			(name) =>
				name === MARKER_FILE ||
				(name.startsWith(`${DB_FILE}-`) && name !== `${DB_FILE}-shm`) ||
				/backup|\.bak$/i.test(name)
		);
	return [...empty, ...left];
}

/** SQLite's refusal, said as the file and what to do about it. */
function openError(file: string, err: unknown): DataDirError {
	const code = (err as { code?: string }).code ?? '';
	const reason = err instanceof Error ? err.message : String(err);
	const fix = 'restore it from a backup or move it away to start afresh';
	if (code === 'SQLITE_NOTADB') return new DataDirError(`${file} is not a SQLite database: ${fix}`);
	if (code.startsWith('SQLITE_CORRUPT'))
		return new DataDirError(`${file} is damaged (${reason}): ${fix}`);
	if (/^(SQLITE_(CANTOPEN|READONLY|PERM|AUTH)|EACCES|EPERM)/.test(code))
		return new DataDirError(
			`${file} cannot be opened for writing (${reason}): check the owner and permissions of it and of its directory`
		);
	return new DataDirError(`${file} could not be opened (${reason}): ${fix}`);
}

/** Locks `dir`, checks it and opens its store; throws DataDirError saying what to do. */
export function openDataDir(dir: string, options: DataDirOptions = {}): DataDir {
	try {
		fs.mkdirSync(dir, { recursive: true });
	} catch (err) {
		throw new DataDirError(`DATA_DIR ${dir} cannot be made: ${(err as Error).message}`);
	}
	const { file: lockFile, holder } = lock(dir, options);
	const mine = holder.pid === process.pid;
	const release = () => {
		if (readHolder(lockFile)?.pid === process.pid) fs.rmSync(lockFile, { force: true });
	};
	try {
		const db = path.join(dir, DB_FILE);
		const firstStart = !fs.existsSync(db) || fs.statSync(db).size === 0;
		if (firstStart) {
			const signs = signsOfAStore(dir);
			if (signs.length > 0)
				throw new DataDirError(
					`${db} is ${fs.existsSync(db) ? 'empty' : 'missing'}, but ${dir} holds ` +
						`${signs.join(', ')} from an earlier store: restore ${DB_FILE} (with its -wal, if ` +
						`any) from a backup, or move ${dir} away to start a new event`
				);
		}
		let store: Store;
		try {
			store = openSqliteStore(dir);
		} catch (err) {
			throw openError(db, err);
		}
		const marker = path.join(dir, MARKER_FILE);
		if (!fs.existsSync(marker))
			fs.writeFileSync(
				marker,
				`Dais keeps its event in ${DB_FILE} here (first opened ${holder.startedAt}).\n`
			);
		return {
			store,
			firstStart,
			listening: (port) => {
				if (mine) fs.writeFileSync(lockFile, `${JSON.stringify({ ...holder, port })}\n`);
			},
			release
		};
	} catch (err) {
		release();
		throw err;
	}
}
