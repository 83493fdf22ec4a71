// One change is one transaction: `transaction(work)` runs `work` on one connection between
// BEGIN and COMMIT and resolves only after the COMMIT (a write that resolved is durable), or
// rolls back and rejects when `work` throws. `grouped(work)` is the same for small, frequent
// writes (asks, votes): the ones that arrive while the previous group commits share one
// transaction (one fsync), each in its own savepoint, so one that throws rolls back alone,
// and every promise settles after that shared COMMIT. Groups commit one at a time: two in
// flight would take the row locks of hot rows (a question's vote count) in different orders
// and deadlock; a group the database aborts as a deadlock or serialisation failure (another
// process's group) is run again.
import type { Sql } from './sql.ts';

/** A connection lent for one transaction: its statements, and BEGIN/COMMIT-like commands. */
export type Connection = Sql & { exec(command: string): Promise<void> };

/** Lends a connection for `use` and takes it back when `use` settles. */
export type Lease = <T>(use: (connection: Connection) => Promise<T>) => Promise<T>;

export type UnitOfWork<Tx> = {
	transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
	grouped<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
	/** resolves once every grouped write that waits has committed (before closing) */
	flush(): Promise<void>;
};

type Waiting<Tx> = {
	work: (tx: Tx) => Promise<unknown>;
	resolve: (value: unknown) => void;
	reject: (err: unknown) => void;
};

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** PostgreSQL's deadlock_detected and serialization_failure: the whole group runs again. */
const isRetryable = (error: unknown) => {
	const code = (error as { code?: unknown } | null)?.code;
	return code === '40P01' || code === '40001';
};

/**
 * The unit of work over `lease`; `repos` makes the repositories on a lent connection.
 * `begin` is the engine's command that starts a writing transaction.
 */
export function unitOfWork<Tx>(
	lease: Lease,
	repos: (sql: Sql) => Tx,
	begin = 'BEGIN'
): UnitOfWork<Tx> {
	const RETRIES = 3;
	const inTransaction = <T>(connection: Connection, body: () => Promise<T>) =>
		(async () => {
			await connection.exec(begin);
			try {
				const value = await body();
				await connection.exec('COMMIT');
				return value;
			} catch (err) {
				// the engine may have ended the transaction itself (SQLite does on some errors):
				// the error to report is the one that stopped it, not the ROLLBACK's
				await connection.exec('ROLLBACK').catch(() => undefined);
				throw err;
			}
		})();

	let waiting: Waiting<Tx>[] = [];
	/** the group committing now; the next one starts when it has settled */
	let committing: Promise<void> | null = null;

	const runBatch = (batch: Waiting<Tx>[]) =>
		lease((connection) =>
			inTransaction(connection, async () => {
				const tx = repos(connection);
				const done: Outcome[] = [];
				// one round trip between two writes: the last one's end and the next one's start
				let open = 'SAVEPOINT one';
				for (const w of batch) {
					await connection.exec(open);
					try {
						done.push({ ok: true, value: await w.work(tx) });
						open = 'RELEASE SAVEPOINT one; SAVEPOINT one';
					} catch (error) {
						if (isRetryable(error)) throw error;
						open = 'ROLLBACK TO SAVEPOINT one; RELEASE SAVEPOINT one; SAVEPOINT one';
						done.push({ ok: false, error });
					}
				}
				await connection.exec(open.replace(/; SAVEPOINT one$/, ''));
				return done;
			})
		);

	const commitBatch = async (batch: Waiting<Tx>[]) => {
		let outcomes: Outcome[] | null = null;
		for (let attempt = 0; outcomes === null; attempt++) {
			try {
				outcomes = await runBatch(batch);
			} catch (error) {
				if (attempt < RETRIES && isRetryable(error)) continue;
				for (const w of batch) w.reject(error);
				return;
			}
		}
		outcomes.forEach((outcome, i) => {
			if (outcome.ok) batch[i]!.resolve(outcome.value);
			else batch[i]!.reject(outcome.error);
		});
	};

	const flushNow = (): Promise<void> => {
		if (committing) return committing;
		const batch = waiting;
		waiting = [];
		if (batch.length === 0) return Promise.resolve();
		committing = commitBatch(batch).finally(() => {
			committing = null;
			if (waiting.length > 0) void flushNow();
		});
		return committing;
	};

	return {
		transaction: (work) =>
			lease((connection) => inTransaction(connection, () => work(repos(connection)))),
		grouped: <T>(work: (tx: Tx) => Promise<T>) =>
			new Promise<T>((resolve, reject) => {
				waiting.push({
					work,
					resolve: resolve as (value: unknown) => void,
					reject
				});
				if (waiting.length === 1 && !committing) setImmediate(flushNow);
			}),
		flush: async () => {
			while (committing || waiting.length > 0) await flushNow();
		}
	};
}
