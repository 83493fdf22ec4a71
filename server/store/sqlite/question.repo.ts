// The SQLite question and question-settings repositories (migration 004). Every write is
// committed (synchronous=FULL) before its promise resolves; asks, votes and command records
// arriving together share one commit (group-commit.ts); a vote, the question's count and the
// vote's command record change together.
// Rows read back are validated with the schemas.
import type { Database } from 'better-sqlite3';
import { Question, QuestionSettings, type QuestionStatus } from '#shared/schema/question.ts';
import type {
	CommandRecord,
	ProcessedCommand,
	QuestionRepo,
	QuestionSettingsRepo,
	StoredQuestion,
	VoteOutcome
} from '../store.ts';
import { cachedList, dataVersion } from './cached-list.ts';
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
			'SELECT id, votes FROM question WHERE slot_id = ? AND status = ?'
		),
		asked: db.prepare<[string, string], { id: string }>(
			'SELECT id FROM question WHERE device_id = ? AND slot_id = ? ORDER BY created_at, id'
		),
		voted: db.prepare<[string, string], { id: string }>(
			`SELECT v.question_id AS id FROM question_vote v JOIN question q ON q.id = v.question_id
			 WHERE v.device_id = ? AND q.slot_id = ? ORDER BY q.created_at, q.id`
		)
	};

	const get = (id: string) => {
		const row = q.get.get(id);
		return row ? toStored(row) : null;
	};

	const insert = (question: StoredQuestion) => {
		const { votes: _ignored, ...fields } = question;
		const inserted = q.insert.run({ ...fields, pinned: fields.pinned ? 1 : 0 }).changes === 1;
		return { inserted, stored: inserted ? { ...question, votes: 0 } : get(question.id)! };
	};

	const pin = db.transaction((id: string) => {
		const target = get(id);
		if (!target) return null;
		const others = q.pinnedOf.all(target.trackId, id);
		for (const other of others) q.unpin.run(other.id);
		q.pin.run(id);
		return { pinned: get(id)!, unpinned: others.map((row) => get(row.id)!) };
	});

	const setVote = (
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
	};

	return {
		insert: (question) => commits.commit(() => insert(question)),
		get: async (id) => get(id),
		listBySlot: async (slotId) => q.bySlot.all(slotId).map(toStored),
		listByTrack: async (trackId) => q.byTrack.all(trackId).map(toStored),
		setState: async (id, status, pinned) => {
			q.setState.run(status, pinned ? 1 : 0, id);
			return get(id);
		},
		pin: async (id) => pin(id),
		setVote: (questionId, deviceId, voted, now, command) =>
			commits.commit(() => setVote(questionId, deviceId, voted, now, command)),
		voteCounts: async (slotId, statuses: readonly QuestionStatus[]) =>
			Object.fromEntries(
				statuses.flatMap((status) => q.counts.all(slotId, status).map((row) => [row.id, row.votes]))
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
		get: async (trackId) => read(trackId),
		list: async () => all.read(),
		update: async (initial, change) => all.write(() => update(initial, change))
	};
}
