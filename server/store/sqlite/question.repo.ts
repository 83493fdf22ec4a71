// The SQLite question and question-settings repositories (migration 004). Every write is
// committed (synchronous=FULL) before its promise resolves; asks, votes and command records
// arriving together share one commit (group-commit.ts); a vote, the question's count and the
// vote's command record change together.
// Rows read back are validated with the schemas. A slot's public questions, which every page
// lists when it joins, are kept in memory until the next write to questions (cached-list.ts).
import type { Database } from 'better-sqlite3';
import { PUBLIC_STATUSES, sortQuestions } from '#shared/questions.ts';
import { Question, QuestionSettings, QuestionStatus } from '#shared/schema/question.ts';
import type {
	CommandRecord,
	ProcessedCommand,
	QuestionRepo,
	QuestionSettingsRepo,
	StoredQuestion,
	VoteOutcome
} from '../store.ts';
import { cachedList, cachedLists, dataVersion, rowOfTrack } from './cached-list.ts';
import type { GroupCommit } from './group-commit.ts';

type Row = {
	id: string;
	track_id: string;
	slot_id: string;
	device_id: string;
	text: string;
	author_name: string | null;
	created_at: number;
	status: string;
	pinned: number;
	votes: number;
};

const COLUMNS =
	'id, track_id, slot_id, device_id, text, author_name, created_at, status, pinned, votes';

function toStored(row: Row): StoredQuestion {
	const question = Question.parse({
		id: row.id,
		trackId: row.track_id,
		slotId: row.slot_id,
		text: row.text,
		authorName: row.author_name,
		createdAt: row.created_at,
		status: row.status,
		pinned: row.pinned === 1,
		votes: row.votes
	});
	return { ...question, deviceId: row.device_id };
}

/**
 * What a list reads (every page lists its slot's questions when it joins): the slot's public
 * questions, and the device's own questions and votes there. Each names its index: without
 * statistics (the store never runs ANALYZE) SQLite prefers the slot's index by time, which
 * spares it a sort but walks every question of the slot; with 30,000 waiting for moderation
 * that took 5 ms a list, and a reconnect storm of 10,000 lists overran by minutes. CROSS JOIN
 * makes SQLite start from the device's votes.
 */
export const LIST_SQL = {
	publicBySlot: `SELECT ${COLUMNS} FROM question INDEXED BY question_by_slot_status
		WHERE slot_id = ? AND status IN (${PUBLIC_STATUSES.map(() => '?').join(', ')})
		ORDER BY created_at, id`,
	asked: `SELECT id FROM question INDEXED BY question_by_device
		WHERE device_id = ? AND slot_id = ? ORDER BY created_at, id`,
	pendingOf: `SELECT ${COLUMNS} FROM question INDEXED BY question_by_device
		WHERE device_id = ? AND slot_id = ? AND status = 'pending' ORDER BY created_at, id`,
	voted: `SELECT v.question_id AS id
		FROM question_vote v INDEXED BY question_vote_by_device CROSS JOIN question q ON q.id = v.question_id
		WHERE v.device_id = ? AND q.slot_id = ? ORDER BY q.created_at, q.id`
} as const;

export type QuestionRepoDeps = {
	/** the database's one group commit */
	commits: GroupCommit;
	/** records a processed command (inside the caller's transaction) */
	record(command: ProcessedCommand): void;
};

export function sqliteQuestionRepo(
	db: Database,
	{ commits, record }: QuestionRepoDeps
): QuestionRepo {
	const q = {
		insert: db.prepare(
			`INSERT INTO question (${COLUMNS}) VALUES
			 (@id, @trackId, @slotId, @deviceId, @text, @authorName, @createdAt, @status, @pinned, 0)
			 ON CONFLICT (id) DO NOTHING`
		),
		get: db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM question WHERE id = ?`),
		bySlot: db.prepare<[string], Row>(
			`SELECT ${COLUMNS} FROM question WHERE slot_id = ? ORDER BY created_at, id`
		),
		publicBySlot: db.prepare<[string, ...QuestionStatus[]], Row>(LIST_SQL.publicBySlot),
		pendingOf: db.prepare<[string, string], Row>(LIST_SQL.pendingOf),
		byTrack: db.prepare<[string], Row>(
			`SELECT ${COLUMNS} FROM question WHERE track_id = ? ORDER BY created_at, id`
		),
		setState: db.prepare<[string, number, string]>(
			'UPDATE question SET status = ?, pinned = ? WHERE id = ?'
		),
		pinnedOf: db.prepare<[string, string], Row>(
			`SELECT ${COLUMNS} FROM question WHERE track_id = ? AND pinned = 1 AND id <> ?`
		),
		unpin: db.prepare<[string]>('UPDATE question SET pinned = 0 WHERE id = ?'),
		pin: db.prepare<[string]>('UPDATE question SET pinned = 1 WHERE id = ?'),
		addVote: db.prepare<[string, string, number]>(
			`INSERT INTO question_vote (question_id, device_id, created_at) VALUES (?, ?, ?)
			 ON CONFLICT DO NOTHING`
		),
		dropVote: db.prepare<[string, string]>(
			'DELETE FROM question_vote WHERE question_id = ? AND device_id = ?'
		),
		count: db.prepare<[number, string]>('UPDATE question SET votes = votes + ? WHERE id = ?'),
		votesOf: db.prepare<[string], { votes: number }>('SELECT votes FROM question WHERE id = ?'),
		counts: db.prepare<[string, string], { id: string; votes: number }>(
			`SELECT id, votes FROM question
			 WHERE id IN (SELECT value FROM json_each(?)) AND status IN (SELECT value FROM json_each(?))`
		),
		asked: db.prepare<[string, string], { id: string }>(LIST_SQL.asked),
		voted: db.prepare<[string, string], { id: string }>(LIST_SQL.voted)
	};

	const publicLists = cachedLists(dataVersion(db), (slotId: string) =>
		q.publicBySlot.all(slotId, ...PUBLIC_STATUSES).map(toStored)
	);
	/** every write to questions and votes goes through this, so that no kept list is stale */
	const writing =
		<A extends unknown[], R>(write: (...args: A) => R) =>
		(...args: A): R =>
			publicLists.write(() => write(...args));

	const visible = (slotId: string, deviceId: string): StoredQuestion[] => {
		const shown = publicLists.read(slotId);
		const own = q.pendingOf.all(deviceId, slotId).map(toStored);
		return own.length === 0 ? shown : sortQuestions([...shown, ...own], 'time');
	};

	const get = (id: string) => {
		const row = q.get.get(id);
		return row ? toStored(row) : null;
	};

	const insert = writing((question: StoredQuestion) => {
		const { votes: _ignored, ...fields } = question;
		const inserted = q.insert.run({ ...fields, pinned: fields.pinned ? 1 : 0 }).changes === 1;
		return { inserted, stored: inserted ? { ...question, votes: 0 } : get(question.id)! };
	});

	const pin = writing(
		db.transaction((id: string) => {
			const target = get(id);
			if (!target) return null;
			const others = q.pinnedOf.all(target.trackId, id);
			for (const other of others) q.unpin.run(other.id);
			q.pin.run(id);
			return { pinned: get(id)!, unpinned: others.map((row) => get(row.id)!) };
		})
	);

	const setState = writing((id: string, status: QuestionStatus, pinned: boolean) => {
		q.setState.run(status, pinned ? 1 : 0, id);
		return get(id);
	});

	const setVote = writing(
		(
			questionId: string,
			deviceId: string,
			voted: boolean,
			now: number,
			command?: CommandRecord<VoteOutcome>
		): VoteOutcome => {
			const changed = voted
				? q.addVote.run(questionId, deviceId, now).changes === 1
				: q.dropVote.run(questionId, deviceId).changes === 1;
			if (changed) q.count.run(voted ? 1 : -1, questionId);
			const outcome = { votes: q.votesOf.get(questionId)?.votes ?? 0, changed };
			if (command) record({ ...command, result: command.result(outcome) });
			return outcome;
		}
	);

	return {
		insert: (question) => commits.commit(() => insert(question)),
		get: async (id) => get(id),
		listBySlot: async (slotId) => q.bySlot.all(slotId).map(toStored),
		listVisible: async (slotId, deviceId) => visible(slotId, deviceId),
		listByTrack: async (trackId) => q.byTrack.all(trackId).map(toStored),
		setState: async (id, status, pinned) => setState(id, status, pinned),
		pin: async (id) => pin(id),
		setVote: (questionId, deviceId, voted, now, command) =>
			commits.commit(() => setVote(questionId, deviceId, voted, now, command)),
		voteCounts: async (ids, statuses) =>
			Object.fromEntries(
				q.counts
					.all(JSON.stringify(ids), JSON.stringify(statuses))
					.map((row) => [row.id, row.votes])
			),
		byDevice: async (deviceId, slotId) => ({
			asked: q.asked.all(deviceId, slotId).map((row) => row.id),
			voted: q.voted.all(deviceId, slotId).map((row) => row.id)
		})
	};
}

export function sqliteQuestionSettingsRepo(db: Database): QuestionSettingsRepo {
	const q = {
		get: db.prepare<[string], { body: string }>(
			'SELECT body FROM question_settings WHERE track_id = ?'
		),
		list: db.prepare<[], { body: string }>('SELECT body FROM question_settings ORDER BY track_id'),
		put: db.prepare<[string, string]>(
			`INSERT INTO question_settings (track_id, body) VALUES (?, ?)
			 ON CONFLICT (track_id) DO UPDATE SET body = excluded.body`
		)
	};
	const read = (trackId: string) => {
		const row = q.get.get(trackId);
		return row ? QuestionSettings.parse(JSON.parse(row.body)) : null;
	};
	const update = db.transaction(
		(initial: QuestionSettings, change: (current: QuestionSettings) => QuestionSettings) => {
			const next = QuestionSettings.parse(change(read(initial.trackId) ?? initial));
			if (next.trackId !== initial.trackId) throw new Error('settings cannot change track');
			q.put.run(next.trackId, JSON.stringify(next));
			return next;
		}
	);
	const all = cachedList(dataVersion(db), () =>
		q.list.all().map((row) => QuestionSettings.parse(JSON.parse(row.body)))
	);
	return {
		get: async (trackId) => rowOfTrack(all.read(), trackId),
		list: async () => all.read(),
		update: async (initial, change) => all.write(() => update(initial, change))
	};
}
