// The embedded store: one SQLite file under DATA_DIR (DESIGN §9). WAL with synchronous=FULL,
// so a write that has resolved survives a crash or power cut. Rows read back are validated
// with the shared zod schemas: a corrupt row fails loudly instead of spreading.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { EventInfo } from '#shared/schema/event.ts';
import { PushRecord } from '#shared/push.ts';
import { TimerState } from '#shared/schema/timer.ts';
import type {
	AuditRecord,
	ChairSession,
	CommandRecord,
	ProcessedCommand,
	Store
} from '../store.ts';
import { auditAppender, checkedAudit, sqliteAuditRepo, sqliteStageRepo } from './console.repos.ts';
import { cachedList, cachedLists, dataVersion, replacing, rowOfTrack } from './cached-list.ts';
import { groupCommit } from './group-commit.ts';
import { migrate } from './migrate.ts';
import { sqliteQuestionRepo, sqliteQuestionSettingsRepo } from './question.repo.ts';

export const DB_FILE = 'dais.sqlite';

type CommandRow = {
	id: string;
	name: string;
	fingerprint: string;
	result: string;
	created_at: number;
};

const toCommand = (row: CommandRow): ProcessedCommand => ({
	id: row.id,
	name: row.name,
	fingerprint: row.fingerprint,
	result: row.result,
	createdAt: row.created_at
});

/**
 * An undo stack as the store keeps it: oldest first, versions growing, so that each entry's
 * version names it. TimerService's stacks always are (undo.ts); anything else is a bug.
 */
function checkedStack(stack: readonly TimerState[]): readonly TimerState[] {
	stack.forEach((entry, i) => {
		if (i > 0 && entry.version <= stack[i - 1]!.version) {
			throw new Error('an undo stack runs oldest first, each version once');
		}
	});
	return stack;
}

/** Opens (creating if needed) the database in `dataDir` and migrates it. */
export function openSqliteStore(dataDir: string): Store {
	fs.mkdirSync(dataDir, { recursive: true });
	const file = path.join(dataDir, DB_FILE);
	const db = new Database(file);
	db.pragma('journal_mode = WAL');
	db.pragma('synchronous = FULL');
	db.pragma('busy_timeout = 5000');
	migrate(db);

	const q = {
		eventGet: db.prepare<[], { body: string }>('SELECT body FROM event LIMIT 1'),
		eventVersion: db.prepare<[], { v: number }>(
			"SELECT json_extract(body, '$.agendaVersion') AS v FROM event LIMIT 1"
		),
		eventClear: db.prepare('DELETE FROM event'),
		eventPut: db.prepare<[string, string]>('INSERT INTO event (id, body) VALUES (?, ?)'),
		timerList: db.prepare<[], { body: string }>('SELECT body FROM timer ORDER BY track_id'),
		timerUpsert: db.prepare<[string, number, string]>(
			`INSERT INTO timer (track_id, version, body) VALUES (?, ?, ?)
			 ON CONFLICT (track_id) DO UPDATE SET version = excluded.version, body = excluded.body`
		),
		timerInsert: db.prepare<[string, number, string]>(
			'INSERT OR IGNORE INTO timer (track_id, version, body) VALUES (?, ?, ?)'
		),
		timerUpdate: db.prepare<[number, string, string, number]>(
			'UPDATE timer SET version = ?, body = ? WHERE track_id = ? AND version = ?'
		),
		settingGet: db.prepare<[string], { value: string }>('SELECT value FROM setting WHERE key = ?'),
		settingInit: db.prepare<[string, string]>(
			'INSERT OR IGNORE INTO setting (key, value) VALUES (?, ?)'
		),
		settingSet: db.prepare<[string, string]>(
			'INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'
		),
		sessionPut: db.prepare<[string, number, number]>(
			'INSERT INTO chair_session (id, created_at, expires_at) VALUES (?, ?, ?)'
		),
		sessionGet: db.prepare<[string], { id: string; created_at: number; expires_at: number }>(
			'SELECT id, created_at, expires_at FROM chair_session WHERE id = ?'
		),
		sessionDelete: db.prepare<[string]>('DELETE FROM chair_session WHERE id = ?'),
		sessionPrune: db.prepare<[number]>('DELETE FROM chair_session WHERE expires_at < ?'),
		sessionClear: db.prepare('DELETE FROM chair_session'),
		historyGet: db.prepare<[string], { body: string }>(
			'SELECT body FROM timer_undo WHERE track_id = ? ORDER BY version'
		),
		historyVersions: db
			.prepare<[string], number>('SELECT version FROM timer_undo WHERE track_id = ?')
			.pluck(),
		historyClear: db.prepare<[string]>('DELETE FROM timer_undo WHERE track_id = ?'),
		historyDrop: db.prepare<[string, number]>(
			'DELETE FROM timer_undo WHERE track_id = ? AND version = ?'
		),
		historyPut: db.prepare<[string, number, string]>(
			'INSERT INTO timer_undo (track_id, version, body) VALUES (?, ?, ?)'
		),
		changedInGet: db.prepare<[string], { changed_in: number }>(
			'SELECT changed_in FROM track_agenda WHERE track_id = ?'
		),
		changedInSet: db.prepare<[string, number]>(
			`INSERT INTO track_agenda (track_id, changed_in) VALUES (?, ?)
			 ON CONFLICT (track_id) DO UPDATE SET changed_in = excluded.changed_in`
		),
		commandGet: db.prepare<[string], CommandRow>(
			'SELECT id, name, fingerprint, result, created_at FROM processed_command WHERE id = ?'
		),
		commandInsert: db.prepare<[string, string, string, string, number]>(
			'INSERT INTO processed_command (id, name, fingerprint, result, created_at) VALUES (?, ?, ?, ?, ?)'
		),
		commandInsertOrIgnore: db.prepare<[string, string, string, string, number]>(
			'INSERT OR IGNORE INTO processed_command (id, name, fingerprint, result, created_at) VALUES (?, ?, ?, ?, ?)'
		),
		commandPrune: db.prepare<[number]>('DELETE FROM processed_command WHERE created_at < ?')
	};

	const readEvent = () => {
		const row = q.eventGet.get();
		return row ? EventInfo.parse(JSON.parse(row.body)) : null;
	};

	const timerList = cachedList(dataVersion(db), () =>
		q.timerList.all().map((row) => TimerState.parse(JSON.parse(row.body)))
	);
	// every timer command reads its track's undo stack
	const undoStacks = cachedLists(dataVersion(db), (trackId: string) =>
		q.historyGet.all(trackId).map((row) => TimerState.parse(JSON.parse(row.body)))
	);
	/**
	 * Makes the stored stack `stack`: an entry's version names it (see checkedStack), so only
	 * the entries it adds are written and only those it left out are dropped.
	 */
	const writeUndoStack = (trackId: string, stack: readonly TimerState[]) => {
		const held = new Set(q.historyVersions.all(trackId));
		const wanted = new Set(stack.map((entry) => entry.version));
		for (const version of held) if (!wanted.has(version)) q.historyDrop.run(trackId, version);
		for (const entry of stack) {
			if (held.has(entry.version)) continue;
			q.historyPut.run(trackId, entry.version, JSON.stringify(TimerState.parse(entry)));
		}
	};

	const commandArgs = (c: ProcessedCommand) =>
		[c.id, c.name, c.fingerprint, c.result, c.createdAt] as const;
	const commits = groupCommit(db);
	const questions = sqliteQuestionRepo(db, {
		commits,
		record: (command) => q.commandInsert.run(...commandArgs(command))
	});

	const replaceEvent = db.transaction((event: EventInfo, timers: readonly TimerState[]) => {
		q.eventClear.run();
		q.eventPut.run(event.id, JSON.stringify(event));
		for (const t of timers) {
			q.timerUpsert.run(t.trackId, t.version, JSON.stringify(t));
			q.historyClear.run(t.trackId);
		}
		for (const track of event.tracks) q.changedInSet.run(track.id, event.agendaVersion);
	});

	const appendAudit = auditAppender(db);
	const saveEdit = db.transaction(
		(event: EventInfo, trackId: string, expected: number, audit: AuditRecord | undefined) => {
			if (readEvent()?.agendaVersion !== expected) return false;
			q.eventClear.run();
			q.eventPut.run(event.id, JSON.stringify(event));
			q.changedInSet.run(trackId, event.agendaVersion);
			if (audit) audit.appended(appendAudit(audit.entry));
			return true;
		}
	);
	const setTimer = db.transaction(
		(
			next: TimerState,
			expectedVersion: number | null,
			history: readonly TimerState[] | undefined,
			command: CommandRecord<void> | undefined,
			audit: AuditRecord | undefined
		) => {
			if (command && q.commandGet.get(command.id)) return false;
			const body = JSON.stringify(next);
			const result =
				expectedVersion === null
					? q.timerInsert.run(next.trackId, next.version, body)
					: q.timerUpdate.run(next.version, body, next.trackId, expectedVersion);
			if (result.changes !== 1) return false;
			if (history) writeUndoStack(next.trackId, history);
			if (command) q.commandInsert.run(...commandArgs({ ...command, result: command.result() }));
			if (audit) audit.appended(appendAudit(audit.entry));
			return true;
		}
	);

	const toSession = (row: {
		id: string;
		created_at: number;
		expires_at: number;
	}): ChairSession => ({
		id: row.id,
		createdAt: row.created_at,
		expiresAt: row.expires_at
	});

	return {
		location: file,
		events: {
			get: async () => readEvent(),
			replace: async (event, timers) => {
				const parsed = timers.map((t) => TimerState.parse(t));
				timerList.write(() => undoStacks.write(() => replaceEvent(EventInfo.parse(event), parsed)));
			},
			saveEdit: async (event, trackId, expectedVersion, audit) =>
				saveEdit(EventInfo.parse(event), trackId, expectedVersion, checkedAudit(audit)),
			trackChangedIn: async (trackId) => q.changedInGet.get(trackId)?.changed_in ?? 0,
			version: async () => q.eventVersion.get()?.v ?? null
		},
		timers: {
			get: async (trackId) => rowOfTrack(timerList.read(), trackId),
			list: async () => timerList.read(),
			compareAndSet: async (next, expectedVersion, history, command, audit) => {
				const parsed = TimerState.parse(next);
				const stack = history && checkedStack(history);
				const checked = checkedAudit(audit);
				const write = () => setTimer(parsed, expectedVersion, stack, command, checked);
				return timerList.writeThrough(
					() => (stack ? undoStacks.writeThrough(parsed.trackId, write, () => stack) : write()),
					replacing(parsed)
				);
			},
			history: async (trackId) => undoStacks.read(trackId)
		},
		settings: {
			get: async (key) => q.settingGet.get(key)?.value ?? null,
			getOrInit: async (key, value) => {
				q.settingInit.run(key, value);
				return q.settingGet.get(key)!.value;
			},
			set: async (key, value) => {
				q.settingSet.run(key, value);
			}
		},
		sessions: {
			create: async (s) => {
				q.sessionPut.run(s.id, s.createdAt, s.expiresAt);
			},
			get: async (id) => {
				const row = q.sessionGet.get(id);
				return row ? toSession(row) : null;
			},
			delete: async (id) => {
				q.sessionDelete.run(id);
			},
			prune: async (now) => {
				q.sessionPrune.run(now);
			},
			clear: async () => {
				q.sessionClear.run();
			}
		},
		stages: sqliteStageRepo(db, appendAudit),
		audit: sqliteAuditRepo(db, appendAudit),
		questions,
		questionSettings: sqliteQuestionSettingsRepo(db),
		commands: {
			get: async (id) => {
				const row = q.commandGet.get(id);
				return row ? toCommand(row) : null;
			},
			add: (command) =>
				commits.commit(() => q.commandInsertOrIgnore.run(...commandArgs(command)).changes === 1),
			prune: async (before) => {
				q.commandPrune.run(before);
			}
		},
		push: {
			list: async () =>
				db
					.prepare<[], { body: string }>('SELECT body FROM push_subscriptions ORDER BY endpoint')
					.all()
					.map((row) => PushRecord.parse(JSON.parse(row.body))),
			put: async (record) => {
				const parsed = PushRecord.parse(record);
				db.prepare(
					`INSERT INTO push_subscriptions (endpoint, body) VALUES (?, ?)
					ON CONFLICT (endpoint) DO UPDATE SET body = excluded.body`
				).run(parsed.subscription.endpoint, JSON.stringify(parsed));
			},
			remove: async (endpoint) => {
				db.prepare('DELETE FROM push_subscriptions WHERE endpoint = ?').run(endpoint);
			}
		},
		close: async () => {
			if (db.open) commits.flush();
			if (db.open) db.close();
		}
	};
}
