// The question and question-settings repositories over Sql (SQLite migration 004, PostgreSQL
// 001). `votes` mirrors the question's vote rows and changes in the same transaction as
// them; a slot's list reads name their indexes where the engine needs telling (ListSql).
// Rows read back are validated with the schemas.
import { PUBLIC_STATUSES, sortQuestions } from '#shared/questions.ts';
import { Question, QuestionSettings } from '#shared/schema/question.ts';
import type { QuestionRepo, QuestionSettingsRepo, StoredQuestion } from '../store.ts';
import { placeholders, type Dialect, type Sql } from './sql.ts';

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

export const COLUMNS =
	'id, track_id, slot_id, device_id, text, author_name, created_at, status, pinned, votes';

/**
 * What a page's list reads when it joins: the slot's public questions (params: slot, then
 * PUBLIC_STATUSES), and the device's own questions, pending ones and votes there (params:
 * device, slot). Each engine words them so that none walks every question of the slot.
 */
export type ListSql = { publicBySlot: string; asked: string; pendingOf: string; voted: string };

export const PLAIN_LIST_SQL: ListSql = {
	publicBySlot: `SELECT ${COLUMNS} FROM question
		WHERE slot_id = ? AND status IN (${placeholders(PUBLIC_STATUSES.length)})
		ORDER BY created_at, id`,
	asked: 'SELECT id FROM question WHERE device_id = ? AND slot_id = ? ORDER BY created_at, id',
	pendingOf: `SELECT ${COLUMNS} FROM question
		WHERE device_id = ? AND slot_id = ? AND status = 'pending' ORDER BY created_at, id`,
	voted: `SELECT v.question_id AS id FROM question_vote v JOIN question q ON q.id = v.question_id
		WHERE v.device_id = ? AND q.slot_id = ? ORDER BY q.created_at, q.id`
};

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

export function sqlQuestionRepo(sql: Sql, lists: ListSql): QuestionRepo {
	const get = async (id: string) => {
		const row = await sql.get<Row>(`SELECT ${COLUMNS} FROM question WHERE id = ?`, [id]);
		return row ? toStored(row) : null;
	};
	const rows = async (statement: string, params: unknown[]) =>
		(await sql.all<Row>(statement, params)).map(toStored);
	return {
		insert: async (question) => {
			const q = question;
			const inserted =
				(await sql.run(
					`INSERT INTO question (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
					 ON CONFLICT (id) DO NOTHING`,
					[
						q.id,
						q.trackId,
						q.slotId,
						q.deviceId,
						q.text,
						q.authorName,
						q.createdAt,
						q.status,
						q.pinned ? 1 : 0
					]
				)) === 1;
			return { inserted, stored: inserted ? { ...question, votes: 0 } : (await get(q.id))! };
		},
		get,
		listBySlot: (slotId) =>
			rows(`SELECT ${COLUMNS} FROM question WHERE slot_id = ? ORDER BY created_at, id`, [slotId]),
		listVisible: async (slotId, deviceId) => {
			const shown = await rows(lists.publicBySlot, [slotId, ...PUBLIC_STATUSES]);
			const own = await rows(lists.pendingOf, [deviceId, slotId]);
			return own.length === 0 ? shown : sortQuestions([...shown, ...own], 'time');
		},
		listByTrack: (trackId) =>
			rows(`SELECT ${COLUMNS} FROM question WHERE track_id = ? ORDER BY created_at, id`, [trackId]),
		setState: async (id, status, pinned) => {
			await sql.run('UPDATE question SET status = ?, pinned = ? WHERE id = ?', [
				status,
				pinned ? 1 : 0,
				id
			]);
			return get(id);
		},
		pin: async (id) => {
			const target = await get(id);
			if (!target) return null;
			const others = await rows(
				`SELECT ${COLUMNS} FROM question WHERE track_id = ? AND pinned = 1 AND id <> ?`,
				[target.trackId, id]
			);
			for (const other of others) {
				await sql.run('UPDATE question SET pinned = 0 WHERE id = ?', [other.id]);
			}
			await sql.run('UPDATE question SET pinned = 1 WHERE id = ?', [id]);
			const unpinned = await Promise.all(others.map(async (other) => (await get(other.id))!));
			return { pinned: (await get(id))!, unpinned };
		},
		setVote: async (questionId, deviceId, voted, now) => {
			const changed =
				(voted
					? await sql.run(
							`INSERT INTO question_vote (question_id, device_id, created_at) VALUES (?, ?, ?)
							 ON CONFLICT DO NOTHING`,
							[questionId, deviceId, now]
						)
					: await sql.run('DELETE FROM question_vote WHERE question_id = ? AND device_id = ?', [
							questionId,
							deviceId
						])) === 1;
			const row = changed
				? await sql.get<{ votes: number }>(
						'UPDATE question SET votes = votes + ? WHERE id = ? RETURNING votes',
						[voted ? 1 : -1, questionId]
					)
				: await sql.get<{ votes: number }>('SELECT votes FROM question WHERE id = ?', [questionId]);
			return { votes: row?.votes ?? 0, changed };
		},
		voteCounts: async (ids, statuses) => {
			if (ids.length === 0 || statuses.length === 0) return {};
			const found = await sql.all<{ id: string; votes: number }>(
				`SELECT id, votes FROM question WHERE id IN (${placeholders(ids.length)})
				 AND status IN (${placeholders(statuses.length)})`,
				[...ids, ...statuses]
			);
			return Object.fromEntries(found.map((row) => [row.id, row.votes]));
		},
		byDevice: async (deviceId, slotId) => ({
			asked: (await sql.all<{ id: string }>(lists.asked, [deviceId, slotId])).map((r) => r.id),
			voted: (await sql.all<{ id: string }>(lists.voted, [deviceId, slotId])).map((r) => r.id)
		})
	};
}

export function sqlQuestionSettingsRepo(sql: Sql, dialect: Dialect): QuestionSettingsRepo {
	const parse = (row: { body: string }) => QuestionSettings.parse(JSON.parse(row.body));
	return {
		get: async (trackId) => {
			const row = await sql.get<{ body: string }>(
				'SELECT body FROM question_settings WHERE track_id = ?',
				[trackId]
			);
			return row ? parse(row) : null;
		},
		list: async () =>
			(await sql.all<{ body: string }>('SELECT body FROM question_settings ORDER BY track_id')).map(
				parse
			),
		update: async (initial, change) => {
			const start = QuestionSettings.parse(initial);
			// the row exists before it is read for update, so that two writers queue on its lock
			await sql.run(
				'INSERT INTO question_settings (track_id, body) VALUES (?, ?) ON CONFLICT DO NOTHING',
				[start.trackId, JSON.stringify(start)]
			);
			const row = await sql.get<{ body: string }>(
				`SELECT body FROM question_settings WHERE track_id = ?${dialect.forUpdate}`,
				[start.trackId]
			);
			const next = QuestionSettings.parse(change(parse(row!)));
			if (next.trackId !== initial.trackId) throw new Error('settings cannot change track');
			await sql.run('UPDATE question_settings SET body = ? WHERE track_id = ?', [
				JSON.stringify(next),
				next.trackId
			]);
			return next;
		}
	};
}
