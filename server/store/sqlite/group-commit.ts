// Group commit: writes that arrive in the same turn of the event loop run in ONE transaction
// (one fsync under synchronous=FULL), each in its own savepoint, so a write that throws
// rolls back alone. Every promise settles only after that transaction has committed (or
// failed); none resolves before its write is durable. `flush` commits what waits now.
import type { Database } from 'better-sqlite3';

type Waiting<A extends unknown[], R> = {
	args: A;
	resolve: (value: R) => void;
	reject: (err: unknown) => void;
};

type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

export type GroupCommit<A extends unknown[], R> = {
	run(...args: A): Promise<R>;
	/** commits every waiting write now (before the database closes) */
	flush(): void;
};

export function groupCommit<A extends unknown[], R>(
	db: Database,
	write: (...args: A) => R
): GroupCommit<A, R> {
	const one = db.transaction(write);
	const all = db.transaction((batch: Waiting<A, R>[]) =>
		batch.map((w): Outcome<R> => {
			try {
				return { ok: true, value: one(...w.args) };
			} catch (error) {
				return { ok: false, error };
			}
		})
	);
	let waiting: Waiting<A, R>[] = [];

	const flush = () => {
		const batch = waiting;
		waiting = [];
		if (batch.length === 0) return;
		let outcomes: Outcome<R>[];
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
		run: (...args) =>
			new Promise<R>((resolve, reject) => {
				waiting.push({ args, resolve, reject });
				if (waiting.length === 1) setImmediate(flush);
			}),
		flush
	};
}
