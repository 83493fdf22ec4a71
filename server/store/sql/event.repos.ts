// The event, timer, stage and undo-stack repositories over Sql (migrations 001, 003, 006,
// 008 in SQLite; 001 in PostgreSQL). Bodies are stored as validated JSON and validated again
// when read back, so a corrupt row fails loudly instead of spreading; the version beside a
// body is what the conditional UPDATE checks.
import { EventInfo } from '#shared/schema/event.ts';
import { StageState } from '#shared/schema/stage.ts';
import { TimerState } from '#shared/schema/timer.ts';
import type { EventRepo, StageRepo, TimerRepo } from '../store.ts';
import type { Sql } from './sql.ts';

type Body = { body: string };

/**
 * An undo stack as the store keeps it: oldest first, versions growing, so that each entry's
 * version names it. TimerService's stacks always are (undo.ts); anything else is a bug.
 */
function checkedStack(stack: readonly TimerState[]): TimerState[] {
	return stack.map((entry, i) => {
		if (i > 0 && entry.version <= stack[i - 1]!.version) {
			throw new Error('an undo stack runs oldest first, each version once');
		}
		return TimerState.parse(entry);
	});
}

/** Saves `body` at `version` in a per-track table if the stored version is `expected`. */
async function versioned(
	sql: Sql,
	table: 'timer' | 'stage',
	trackId: string,
	version: number,
	body: string,
	expected: number | null
): Promise<boolean> {
	const changed =
		expected === null
			? await sql.run(
					`INSERT INTO ${table} (track_id, version, body) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
					[trackId, version, body]
				)
			: await sql.run(
					`UPDATE ${table} SET version = ?, body = ? WHERE track_id = ? AND version = ?`,
					[version, body, trackId, expected]
				);
	return changed === 1;
}

const setChangedIn = (sql: Sql, trackId: string, version: number) =>
	sql.run(
		`INSERT INTO track_agenda (track_id, changed_in) VALUES (?, ?)
		 ON CONFLICT (track_id) DO UPDATE SET changed_in = excluded.changed_in`,
		[trackId, version]
	);

export function sqlEventRepo(sql: Sql): EventRepo {
	return {
		get: async () => {
			const row = await sql.get<Body>('SELECT body FROM event LIMIT 1');
			return row ? EventInfo.parse(JSON.parse(row.body)) : null;
		},
		replace: async (event, timers) => {
			const parsed = EventInfo.parse(event);
			await sql.run('DELETE FROM event');
			await sql.run('INSERT INTO event (id, agenda_version, body) VALUES (?, ?, ?)', [
				parsed.id,
				parsed.agendaVersion,
				JSON.stringify(parsed)
			]);
			for (const t of timers.map((timer) => TimerState.parse(timer))) {
				await sql.run(
					`INSERT INTO timer (track_id, version, body) VALUES (?, ?, ?)
					 ON CONFLICT (track_id) DO UPDATE SET version = excluded.version, body = excluded.body`,
					[t.trackId, t.version, JSON.stringify(t)]
				);
				await sql.run('DELETE FROM timer_undo WHERE track_id = ?', [t.trackId]);
			}
			for (const track of parsed.tracks) await setChangedIn(sql, track.id, parsed.agendaVersion);
		},
		saveEdit: async (event, trackId, expectedVersion) => {
			const parsed = EventInfo.parse(event);
			const changed = await sql.run(
				'UPDATE event SET agenda_version = ?, body = ? WHERE agenda_version = ?',
				[parsed.agendaVersion, JSON.stringify(parsed), expectedVersion]
			);
			if (changed !== 1) return false;
			await setChangedIn(sql, trackId, parsed.agendaVersion);
			return true;
		},
		trackChangedIn: async (trackId) =>
			(
				await sql.get<{ changed_in: number }>(
					'SELECT changed_in FROM track_agenda WHERE track_id = ?',
					[trackId]
				)
			)?.changed_in ?? 0,
		version: async () =>
			(await sql.get<{ v: number }>('SELECT agenda_version AS v FROM event LIMIT 1'))?.v ?? null
	};
}

export function sqlTimerRepo(sql: Sql): TimerRepo {
	const parse = (row: Body) => TimerState.parse(JSON.parse(row.body));
	return {
		get: async (trackId) => {
			const row = await sql.get<Body>('SELECT body FROM timer WHERE track_id = ?', [trackId]);
			return row ? parse(row) : null;
		},
		list: async () => (await sql.all<Body>('SELECT body FROM timer ORDER BY track_id')).map(parse),
		compareAndSet: async (next, expectedVersion) => {
			const parsed = TimerState.parse(next);
			const body = JSON.stringify(parsed);
			return versioned(sql, 'timer', parsed.trackId, parsed.version, body, expectedVersion);
		},
		setHistory: async (trackId, stack) => {
			const checked = checkedStack(stack);
			await sql.run('DELETE FROM timer_undo WHERE track_id = ?', [trackId]);
			for (const entry of checked) {
				await sql.run('INSERT INTO timer_undo (track_id, version, body) VALUES (?, ?, ?)', [
					trackId,
					entry.version,
					JSON.stringify(entry)
				]);
			}
		},
		history: async (trackId) =>
			(
				await sql.all<Body>('SELECT body FROM timer_undo WHERE track_id = ? ORDER BY version', [
					trackId
				])
			).map(parse)
	};
}

export function sqlStageRepo(sql: Sql): StageRepo {
	const parse = (row: Body) => StageState.parse(JSON.parse(row.body));
	return {
		get: async (trackId) => {
			const row = await sql.get<Body>('SELECT body FROM stage WHERE track_id = ?', [trackId]);
			return row ? parse(row) : null;
		},
		list: async () => (await sql.all<Body>('SELECT body FROM stage ORDER BY track_id')).map(parse),
		compareAndSet: async (next, expectedVersion) => {
			const parsed = StageState.parse(next);
			const body = JSON.stringify(parsed);
			return versioned(sql, 'stage', parsed.trackId, parsed.version, body, expectedVersion);
		}
	};
}
