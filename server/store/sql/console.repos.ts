// The audit, setting, chair-session, processed-command and push repositories over Sql.
// Audit entries get growing ids from the database and are read newest first; a command id
// and a setting set with getOrInit are written at most once. Rows are validated when read.
import { PushRecord } from '#shared/push.ts';
import { AuditEntry } from '#shared/schema/audit.ts';
import type {
	AuditRepo,
	ChairSession,
	ProcessedCommand,
	ProcessedCommandRepo,
	PushRepo,
	SessionRepo,
	SettingRepo
} from '../store.ts';
import type { Sql } from './sql.ts';

type AuditRow = {
	id: number;
	at: number;
	track_id: string | null;
	action: string;
	summary: string;
	chair: string;
};

// Made once: zod builds a new schema on every omit(), and its first parse compiles it.
const NewAuditEntry = AuditEntry.omit({ id: true });

const AUDIT_COLUMNS = 'id, at, track_id, action, summary, chair';

const toEntry = (row: AuditRow): AuditEntry =>
	AuditEntry.parse({
		id: row.id,
		at: row.at,
		trackId: row.track_id,
		action: row.action,
		summary: row.summary,
		chair: row.chair
	});

export function sqlAuditRepo(sql: Sql): AuditRepo {
	return {
		append: async (entry) => {
			const valid = NewAuditEntry.parse(entry);
			const row = await sql.get<{ id: number }>(
				'INSERT INTO audit (at, track_id, action, summary, chair) VALUES (?, ?, ?, ?, ?) RETURNING id',
				[valid.at, valid.trackId, valid.action, valid.summary, valid.chair]
			);
			return { id: Number(row!.id), ...valid };
		},
		list: async ({ trackId, limit }) =>
			(trackId === undefined
				? await sql.all<AuditRow>(`SELECT ${AUDIT_COLUMNS} FROM audit ORDER BY id DESC LIMIT ?`, [
						limit
					])
				: await sql.all<AuditRow>(
						`SELECT ${AUDIT_COLUMNS} FROM audit WHERE track_id = ? OR track_id IS NULL
						 ORDER BY id DESC LIMIT ?`,
						[trackId, limit]
					)
			).map(toEntry)
	};
}

export function sqlSettingRepo(sql: Sql): SettingRepo {
	const get = async (key: string) =>
		(await sql.get<{ value: string }>('SELECT value FROM setting WHERE key = ?', [key]))?.value ??
		null;
	return {
		get,
		getOrInit: async (key, value) => {
			await sql.run('INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT DO NOTHING', [
				key,
				value
			]);
			return (await get(key))!;
		},
		set: async (key, value) => {
			await sql.run(
				`INSERT INTO setting (key, value) VALUES (?, ?)
				 ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
				[key, value]
			);
		}
	};
}

export function sqlSessionRepo(sql: Sql): SessionRepo {
	type Row = { id: string; created_at: number; expires_at: number };
	return {
		create: async (s) => {
			await sql.run('INSERT INTO chair_session (id, created_at, expires_at) VALUES (?, ?, ?)', [
				s.id,
				s.createdAt,
				s.expiresAt
			]);
		},
		get: async (id): Promise<ChairSession | null> => {
			const row = await sql.get<Row>(
				'SELECT id, created_at, expires_at FROM chair_session WHERE id = ?',
				[id]
			);
			return row ? { id: row.id, createdAt: row.created_at, expiresAt: row.expires_at } : null;
		},
		delete: async (id) => {
			await sql.run('DELETE FROM chair_session WHERE id = ?', [id]);
		},
		prune: async (now) => {
			await sql.run('DELETE FROM chair_session WHERE expires_at < ?', [now]);
		},
		clear: async () => {
			await sql.run('DELETE FROM chair_session');
		}
	};
}

export function sqlCommandRepo(sql: Sql): ProcessedCommandRepo {
	type Row = { id: string; name: string; fingerprint: string; result: string; created_at: number };
	return {
		get: async (id): Promise<ProcessedCommand | null> => {
			const row = await sql.get<Row>(
				'SELECT id, name, fingerprint, result, created_at FROM processed_command WHERE id = ?',
				[id]
			);
			return row
				? {
						id: row.id,
						name: row.name,
						fingerprint: row.fingerprint,
						result: row.result,
						createdAt: row.created_at
					}
				: null;
		},
		add: async (c) =>
			(await sql.run(
				`INSERT INTO processed_command (id, name, fingerprint, result, created_at)
				 VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
				[c.id, c.name, c.fingerprint, c.result, c.createdAt]
			)) === 1,
		prune: async (before) => {
			await sql.run('DELETE FROM processed_command WHERE created_at < ?', [before]);
		}
	};
}

export function sqlPushRepo(sql: Sql): PushRepo {
	return {
		list: async () =>
			(
				await sql.all<{ body: string }>('SELECT body FROM push_subscriptions ORDER BY endpoint')
			).map((row) => PushRecord.parse(JSON.parse(row.body))),
		put: async (record) => {
			const parsed = PushRecord.parse(record);
			await sql.run(
				`INSERT INTO push_subscriptions (endpoint, body) VALUES (?, ?)
				 ON CONFLICT (endpoint) DO UPDATE SET body = excluded.body`,
				[parsed.subscription.endpoint, JSON.stringify(parsed)]
			);
		},
		remove: async (endpoint) => {
			await sql.run('DELETE FROM push_subscriptions WHERE endpoint = ?', [endpoint]);
		}
	};
}
