// One change is one transaction: `transaction(work)` runs `work` on one connection between
// BEGIN and COMMIT and resolves only after the COMMIT (a write that resolved is durable), or
// rolls back and rejects when `work` throws. `grouped(work)` is the same for small, frequent
// writes (asks, votes): the ones that arrive in the same turn of the event loop share one
// transaction (one fsync), each in its own savepoint, so one that throws rolls back alone,
// and every promise settles after that shared COMMIT.
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

/**
 * The unit of work over `lease`; `repos` makes the repositories on a lent connection.
 * `begin` is the engine's command that starts a writing transaction.
 */
export function unitOfWork<Tx>(
	lease: Lease,
	repos: (sql: Sql) => Tx,
	begin = 'BEGIN'
): UnitOfWork<Tx> {
	const inTransaction = <T>(connection: Connection, body: () => Promise<T>) =>
		(async () => {
			await connection.exec(begin);
			let value: T;
			try {
				value = await body();
			} catch (err) {
				await connection.exec('ROLLBACK');
				throw err;
			}
			await connection.exec('COMMIT');
			return value;
		})();

	let waiting: Waiting<Tx>[] = [];
	let inFlight = new Set<Promise<void>>();

	const commitBatch = async (batch: Waiting<Tx>[]) => {
		let outcomes: Outcome[];
		try {
			outcomes = await lease((connection) =>
				inTransaction(connection, async () => {
					const tx = repos(connection);
					const done: Outcome[] = [];
					for (const w of batch) {
						await connection.exec('SAVEPOINT one');
						try {
							done.push({ ok: true, value: await w.work(tx) });
							await connection.exec('RELEASE SAVEPOINT one');
						} catch (error) {
							await connection.exec('ROLLBACK TO SAVEPOINT one');
							await connection.exec('RELEASE SAVEPOINT one');
							done.push({ ok: false, error });
						}
					}
					return done;
				})
			);
		} catch (error) {
			for (const w of batch) w.reject(error);
			return;
		}
		outcomes.forEach((outcome, i) => {
			if (outcome.ok) batch[i]!.resolve(outcome.value);
			else batch[i]!.reject(outcome.error);
		});
	};

	const flushNow = () => {
		const batch = waiting;
		waiting = [];
		if (batch.length === 0) return;
		const running = commitBatch(batch);
		inFlight.add(running);
		void running.finally(() => inFlight.delete(running));
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
				if (waiting.length === 1) setImmediate(flushNow);
			}),
		flush: async () => {
			flushNow();
			await Promise.all(inFlight);
			inFlight = new Set();
		}
	};
}
