// A table's whole list (timers, stages, question settings: one row per track), or its lists
// by a key (a slot's public questions), read and validated once, then kept until the table
// may have changed. Every join's snapshot reads the first three, every page lists its
// slot's questions when it joins, and every ask reads its track's timer and settings, so a
// reconnect storm or a burst of asks would otherwise read and parse them thousands of times.
// Kept rows are dropped by this store's own writes to the table (in `finally`, so a write
// that fails or rolls back drops them as well; better-sqlite3 writes synchronously, so no
// read comes in between) and by any commit of another connection to the same file, which
// SQLite's `PRAGMA data_version` reveals (two servers may share a data dir). Kept rows are
// shared by every reader, so they are frozen: a reader that changed one would throw.
import type { Database } from 'better-sqlite3';

export type CachedList<T> = {
	/** the rows, from memory when nothing was written since the last read */
	read(): T[];
	/** runs `write` (a write to the table), then forgets the kept rows */
	write<R>(write: () => R): R;
};

/** Lists of one table by a key (a slot's questions): each kept, and forgotten, as above. */
export type CachedLists<K, T> = {
	read(key: K): T[];
	/** runs `write`, then forgets every kept list */
	write<R>(write: () => R): R;
};

/** PRAGMA data_version of `db`: it changes when another connection commits to the file. */
export function dataVersion(db: Database): () => number {
	const pragma = db.prepare<[], number>('PRAGMA data_version').pluck();
	return () => pragma.get()!;
}

export function cachedLists<K, T>(version: () => number, load: (key: K) => T[]): CachedLists<K, T> {
	let kept = new Map<K, readonly T[]>();
	let keptVersion: number | null = null;
	return {
		read: (key) => {
			const now = version();
			if (keptVersion !== now) {
				kept = new Map();
				keptVersion = now;
			}
			let rows = kept.get(key);
			if (!rows) {
				rows = load(key).map(deepFreeze);
				kept.set(key, rows);
			}
			return [...rows];
		},
		write: (write) => {
			try {
				return write();
			} finally {
				kept = new Map();
			}
		}
	};
}

export function cachedList<T>(version: () => number, load: () => T[]): CachedList<T> {
	const lists = cachedLists<null, T>(version, load);
	return { read: () => lists.read(null), write: lists.write };
}

function deepFreeze<T>(value: T): T {
	if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const inner of Object.values(value)) deepFreeze(inner);
	}
	return value;
}
