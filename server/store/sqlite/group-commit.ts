// Group commit: the writes that arrive in the same turn of the event loop, whatever they
// write (asks, votes, command records), run in ONE transaction (one fsync under
// synchronous=FULL), each in its own savepoint, so a write that throws rolls back alone.
// Every promise settles only after that transaction has committed (or failed); none
// resolves before its write is durable. One queue per database; `flush` commits what waits.
import type { Database } from 'better-sqlite3';

type Waiting = {
	write: () => unknown;
	resolve: (value: unknown) => void;
	reject: (err: unknown) => void;
};

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export type GroupCommit = {
	/** runs `write` in the next shared transaction; resolves its result once committed */
	commit<R>(write: () => R): Promise<R>;
	/** commits every waiting write now (before the database closes) */
	flush(): void;
};

export function groupCommit(db: Database): GroupCommit {
	// a transaction function called inside another one runs as a savepoint
	const one = db.transaction((write: () => unknown) => write());
	const all = db.transaction((batch: Waiting[]) =>
		batch.map((w): Outcome => {
			try {
				return { ok: true, value: one(w.write) };
			} catch (error) {
				return { ok: false, error };
			}
		})
	);
	let waiting: Waiting[] = [];

	const flush = () => {
		const batch = waiting;
		waiting = [];
		if (batch.length === 0) return;
		let outcomes: Outcome[];
		try {
			outcomes = all(batch);
		} catch (error) {
			for (const w of batch) w.reject(error);
			return;
		}
		outcomes.forEach((outcome, i) => {
			if (outcome.ok) batch[i]!.resolve(outcome.value);
			else batch[i]!.reject(outcome.error);
		});
	};

	return {
		commit: <R>(write: () => R) =>
			new Promise<R>((resolve, reject) => {
				waiting.push({ write, resolve: resolve as (value: unknown) => void, reject });
				if (waiting.length === 1) setImmediate(flush);
			}),
		flush
	};
}
