// The SQLite stage and audit repositories (migration 003). Stage states are compare-and-set
// on their version, with the command's audit entry in the same transaction; audit entries
// are appended with growing ids and read newest first. Rows read back are validated with the
// shared zod schemas.
import type { Database } from 'better-sqlite3';
import { AuditEntry } from '#shared/schema/audit.ts';
import { StageState } from '#shared/schema/stage.ts';
import type { AuditRecord, AuditRepo, StageRepo } from '../store.ts';
import { cachedList, dataVersion, replacing, rowOfTrack } from './cached-list.ts';

/** The audit appender the stage repo shares with the audit repo (auditAppender). */
type AppendAudit = ReturnType<typeof auditAppender>;

export function sqliteStageRepo(db: Database, appendAudit: AppendAudit): StageRepo {
	const q = {
		list: db.prepare<[], { body: string }>('SELECT body FROM stage ORDER BY track_id'),
		insert: db.prepare<[string, number, string]>(
			'INSERT OR IGNORE INTO stage (track_id, version, body) VALUES (?, ?, ?)'
		),
		update: db.prepare<[number, string, string, number]>(
			'UPDATE stage SET version = ?, body = ? WHERE track_id = ? AND version = ?'
		)
	};
	const parse = (row: { body: string }) => StageState.parse(JSON.parse(row.body));
	const all = cachedList(dataVersion(db), () => q.list.all().map(parse));
	const set = db.transaction(
		(next: StageState, expectedVersion: number | null, audit: AuditRecord | undefined) => {
			const body = JSON.stringify(next);
			const result =
				expectedVersion === null
					? q.insert.run(next.trackId, next.version, body)
					: q.update.run(next.version, body, next.trackId, expectedVersion);
			if (result.changes !== 1) return false;
			if (audit) audit.appended(appendAudit(audit.entry));
			return true;
		}
	);
	return {
		get: async (trackId) => rowOfTrack(all.read(), trackId),
		list: async () => all.read(),
		compareAndSet: async (next, expectedVersion, audit) => {
			const parsed = StageState.parse(next);
			const checked = checkedAudit(audit);
			return all.writeThrough(() => set(parsed, expectedVersion, checked), replacing(parsed));
		}
	};
}

type AuditRow = {
	id: number;
	at: number;
	track_id: string | null;
	action: string;
	summary: string;
	chair: string;
};

// Made once: zod builds a new schema on every omit(), and its first parse compiles it
// (about 180 µs, against 5 µs for a parse with a kept one), on every chair command.
const NewAuditEntry = AuditEntry.omit({ id: true });

/** Checks an entry before anything is written (so that it cannot fail inside a transaction). */
const validAuditEntry = (entry: Omit<AuditEntry, 'id'>) => NewAuditEntry.parse(entry);

/** An AuditRecord whose entry has been checked (see validAuditEntry); undefined stays so. */
export const checkedAudit = (audit: AuditRecord | undefined): AuditRecord | undefined =>
	audit && { ...audit, entry: validAuditEntry(audit.entry) };

/**
 * Appends a checked entry in whatever transaction is open (autocommit when none is). One per
 * database, shared by the repos that write entries (openSqliteStore).
 */
export function auditAppender(db: Database): (valid: Omit<AuditEntry, 'id'>) => AuditEntry {
	const insert = db.prepare<[number, string | null, string, string, string]>(
		'INSERT INTO audit (at, track_id, action, summary, chair) VALUES (?, ?, ?, ?, ?)'
	);
	return (valid) => {
		const { lastInsertRowid } = insert.run(
			valid.at,
			valid.trackId,
			valid.action,
			valid.summary,
			valid.chair
		);
		return { id: Number(lastInsertRowid), ...valid };
	};
}

export function sqliteAuditRepo(db: Database, append: AppendAudit): AuditRepo {
	const columns = 'id, at, track_id, action, summary, chair';
	const q = {
		all: db.prepare<[number], AuditRow>(`SELECT ${columns} FROM audit ORDER BY id DESC LIMIT ?`),
		ofTrack: db.prepare<[string, number], AuditRow>(
			`SELECT ${columns} FROM audit WHERE track_id = ? OR track_id IS NULL
			 ORDER BY id DESC LIMIT ?`
		)
	};
	const toEntry = (row: AuditRow): AuditEntry =>
		AuditEntry.parse({
			id: row.id,
			at: row.at,
			trackId: row.track_id,
			action: row.action,
			summary: row.summary,
			chair: row.chair
		});
	return {
		append: async (entry) => append(validAuditEntry(entry)),
		list: async ({ trackId, limit }) =>
			(trackId === undefined ? q.all.all(limit) : q.ofTrack.all(trackId, limit)).map(toEntry)
	};
}
