// The little SQL both stores speak: statements with `?` placeholders, rows back as plain
// objects, `run` resolving how many rows it changed. The SQLite store answers on its one
// connection, the PostgreSQL store on a pooled client (placeholders become $1, $2, …).
// Statements are written in the subset both engines accept (ON CONFLICT, RETURNING).

export interface Sql {
	all<T>(statement: string, params?: readonly unknown[]): Promise<T[]>;
	get<T>(statement: string, params?: readonly unknown[]): Promise<T | undefined>;
	/** resolves the number of rows the statement inserted, updated or deleted */
	run(statement: string, params?: readonly unknown[]): Promise<number>;
}

/** What differs between the engines in the statements the repositories make. */
export type Dialect = {
	/** appended to a SELECT that is read to be written back (PostgreSQL: FOR UPDATE) */
	forUpdate: string;
};

/** `?, ?, ?` for `n` values (n > 0). */
export const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');
