// SQLite's wording of a page's list reads (ListSql). Each names its index: without
// statistics (the store never runs ANALYZE) SQLite prefers the slot's index by time, which
// spares it a sort but walks every question of the slot; with 30,000 waiting for moderation
// that took 5 ms a list, and a reconnect storm of 10,000 lists overran by minutes. CROSS JOIN
// makes SQLite start from the device's votes.
import { PUBLIC_STATUSES } from '#shared/questions.ts';
import { COLUMNS, type ListSql } from '../sql/question.repos.ts';
import { placeholders } from '../sql/sql.ts';

export const LIST_SQL: ListSql = {
	publicBySlot: `SELECT ${COLUMNS} FROM question INDEXED BY question_by_slot_status
		WHERE slot_id = ? AND status IN (${placeholders(PUBLIC_STATUSES.length)})
		ORDER BY created_at, id`,
	asked: `SELECT id FROM question INDEXED BY question_by_device
		WHERE device_id = ? AND slot_id = ? ORDER BY created_at, id`,
	pendingOf: `SELECT ${COLUMNS} FROM question INDEXED BY question_by_device
		WHERE device_id = ? AND slot_id = ? AND status = 'pending' ORDER BY created_at, id`,
	voted: `SELECT v.question_id AS id
		FROM question_vote v INDEXED BY question_vote_by_device CROSS JOIN question q ON q.id = v.question_id
		WHERE v.device_id = ? AND q.slot_id = ? ORDER BY q.created_at, q.id`
};
