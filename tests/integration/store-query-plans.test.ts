// Every page's join lists its slot's questions: each list reads the slot's public questions
// and the device's own questions and votes there. None of these reads may walk the slot's
// index by time: with thousands of questions waiting for moderation in the slot that costs
// milliseconds a list, and a reconnect storm of 10,000 phones minutes. SQLite's plans, on a real file with no statistics
// (the store never runs ANALYZE), as the server has them.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LIST_SQL } from '../../server/store/sqlite/list-sql.ts';
import { DB_FILE, openSqliteStore } from '../../server/store/sqlite/sqlite.store.ts';

const dirs: string[] = [];
afterEach(() => {
	for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A migrated store file whose slot s1 holds 2,000 pending questions and a few public ones. */
async function crowdedSlot(): Promise<Database.Database> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dais-plans-'));
	dirs.push(dir);
	await openSqliteStore(dir).close();
	const db = new Database(path.join(dir, DB_FILE));
	const insert = db.prepare(
		`INSERT INTO question (id, track_id, slot_id, device_id, text, created_at, status)
		 VALUES (?, 'main', 's1', ?, 'why?', ?, ?)`
	);
	db.transaction(() => {
		for (let i = 0; i < 2000; i++) insert.run(`q${i}`, `d${i % 50}`, i, i < 5 ? 'open' : 'pending');
	})();
	return db;
}

const plan = (db: Database.Database, sql: string, params: string[]) =>
	db
		.prepare<string[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
		.all(...params)
		.map((row) => row.detail);

const reads = [
	['publicBySlot', ['s1', 'open', 'answered'], 'question_by_slot_status (slot_id=? AND status=?)'],
	['asked', ['d1', 's1'], 'question_by_device (device_id=? AND slot_id=?)'],
	['pendingOf', ['d1', 's1'], 'question_by_device (device_id=? AND slot_id=?)'],
	['voted', ['d1', 's1'], 'question_vote_by_device (device_id=?)']
] as const;

describe("a list's reads", () => {
	it('are all of the ones the store makes', () => {
		expect(Object.keys(LIST_SQL).sort()).toEqual(reads.map(([name]) => name).sort());
	});

	it.each(reads)(
		'%s goes straight to its rows, whatever else the slot holds',
		async (name, params, index) => {
			const db = await crowdedSlot();
			try {
				const steps = plan(db, LIST_SQL[name], [...params]);
				expect(steps[0]).toMatch(/^SEARCH \w+ USING (COVERING )?INDEX /);
				expect(steps[0]).toContain(index);
				expect(steps.join('\n')).not.toMatch(/question_by_slot \(|SCAN/);
			} finally {
				db.close();
			}
		}
	);
});
