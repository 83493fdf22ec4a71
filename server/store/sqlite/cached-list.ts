// A table's whole list (timers, stages, question settings: one row per track), or its lists
// by a key (a slot's public questions, a track's undo stack), read and validated once, then
// kept until the table may have changed. Every join's snapshot reads the first three, every
// page lists its slot's questions when it joins, every ask reads its track's timer and
// settings, and every timer command its undo stack, so a reconnect storm or a burst of asks
// would otherwise read and parse them thousands of times.
// Kept rows are dropped by this store's own writes to the table (in `finally`, so a write
// that fails or rolls back drops them as well; better-sqlite3 writes synchronously, so no
// read comes in between), unless the write says what it left of the one list it changed
// (`writeThrough`: a timer or stage command), and by any commit of another connection to
// the same file, which SQLite's `PRAGMA data_version` reveals (two servers may share a data
// dir). Kept rows are shared by every reader, so they are frozen: a reader that changed one
// would throw.
import type { Database } from 'better-sqlite3';

export type CachedList<T> = {
	/** the rows, from memory when nothing was written since the last read */
	read(): T[];
	/** runs `write` (a write to the table), then forgets the kept rows */
	write<R>(write: () => R): R;
	/** as CachedLists.writeThrough */
	writeThrough(write: () => boolean, after: After<T>): boolean;
};

/** Lists of one table by a key (a slot's questions): each kept, and forgotten, as above. */
export type CachedLists<K, T> = {
	read(key: K): T[];
	/** runs `write`, then forgets every kept list */
	write<R>(write: () => R): R;
	/**
	 * Runs `write`, which changes no list but `key`'s. When it returns true, `key`'s list is
	 * what `after` makes of the rows kept before (undefined: nothing kept, or read it again);
	 * when it returns false or throws, every kept list is forgotten. A timer command writes
	 * its track's timer and undo stack and the next command reads both; a stage command its
	 * stage state.
	 */
	writeThrough(key: K, write: () => boolean, after: After<T>): boolean;
};

/** The rows a write left, from the rows kept before it (see writeThrough). */
export type After<T> = (kept: readonly T[] | undefined) => readonly T[] | undefined;

/** For a list with one row per track (timers, stages, question settings): the track's row. */
export const rowOfTrack = <T extends { trackId: string }>(
	rows: readonly T[],
	trackId: string
): T | null => rows.find((r) => r.trackId === trackId) ?? null;

/**
 * For a list with one row per track: the kept rows with `row` in place of its track's, or
 * undefined (read them again) when none was kept for that track.
 */
export const replacing =
	<T extends { trackId: string }>(row: T): After<T> =>
	(kept) =>
		kept?.some((r) => r.trackId === row.trackId)
			? kept.map((r) => (r.trackId === row.trackId ? row : r))
			: undefined;

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
		},
		writeThrough: (key, write, after) => {
			let rows: readonly T[] | undefined;
			try {
				// our own commit leaves data_version as it was, so the rows stay current
				const wrote = write();
				if (wrote) rows = after(kept.get(key));
				return wrote;
			} finally {
				if (rows) kept.set(key, rows.map(frozen));
				else kept = new Map();
			}
		}
	};
}

export function cachedList<T>(version: () => number, load: () => T[]): CachedList<T> {
	const lists = cachedLists<null, T>(version, load);
	return {
		read: () => lists.read(null),
		write: lists.write,
		writeThrough: (write, after) => lists.writeThrough(null, write, after)
	};
}

/** `value` if it is frozen (read from a kept list), else a frozen copy: the writer may still hold it. */
const frozen = <T>(value: T): T =>
	Object.isFrozen(value) ? value : deepFreeze(structuredClone(value));

function deepFreeze<T>(value: T): T {
	if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const inner of Object.values(value)) deepFreeze(inner);
	}
	return value;
}
