// Every repository over one Sql, and the store made of them: reads on `read`, each write on
// the store in a transaction of its own, and the unit of work for changes made of several.
import type { Repos, Store } from '../store.ts';
import {
	sqlAuditRepo,
	sqlCommandRepo,
	sqlPushRepo,
	sqlSessionRepo,
	sqlSettingRepo
} from './console.repos.ts';
import { sqlEventRepo, sqlStageRepo, sqlTimerRepo } from './event.repos.ts';
import { sqlQuestionRepo, sqlQuestionSettingsRepo, type ListSql } from './question.repos.ts';
import type { Dialect, Sql } from './sql.ts';
import type { UnitOfWork } from './unit-of-work.ts';

export type Engine = Dialect & { lists: ListSql };

export function sqlRepos(sql: Sql, engine: Engine): Repos {
	return {
		events: sqlEventRepo(sql),
		timers: sqlTimerRepo(sql),
		settings: sqlSettingRepo(sql),
		sessions: sqlSessionRepo(sql),
		stages: sqlStageRepo(sql),
		audit: sqlAuditRepo(sql),
		questions: sqlQuestionRepo(sql, engine.lists),
		questionSettings: sqlQuestionSettingsRepo(sql, engine),
		commands: sqlCommandRepo(sql),
		push: sqlPushRepo(sql)
	};
}

/** The methods of each repository that write: on the store, each runs in its own transaction. */
const WRITES: { [R in keyof Repos]: (keyof Repos[R])[] } = {
	events: ['replace', 'saveEdit'],
	timers: ['compareAndSet', 'setHistory'],
	settings: ['getOrInit', 'set'],
	sessions: ['create', 'delete', 'prune', 'clear'],
	stages: ['compareAndSet'],
	audit: ['append'],
	questions: ['insert', 'setState', 'pin', 'setVote'],
	questionSettings: ['update'],
	commands: ['add', 'prune'],
	push: ['put', 'remove']
};

type Methods = Record<string, (...args: unknown[]) => Promise<unknown>>;

/** Asks and votes are many and small: they share commits (see unit-of-work.ts). */
const GROUPED = new Set<string>(['questions.insert', 'questions.setVote', 'commands.add']);

/**
 * The store over `read` (a connection or pool that sees committed data) and `work`;
 * `close` closes whatever the engine holds after the waiting writes have committed.
 */
export function sqlStore(
	read: Sql,
	engine: Engine,
	work: UnitOfWork<Repos>,
	location: string,
	close: () => Promise<void>
): Store {
	const reads = sqlRepos(read, engine);
	let closing: Promise<void> | undefined;
	const repos = Object.fromEntries(
		(Object.keys(WRITES) as (keyof Repos)[]).map((name) => {
			const repo: Record<string, unknown> = { ...reads[name] };
			for (const method of WRITES[name] as string[]) {
				const run = GROUPED.has(`${name}.${method}`) ? work.grouped : work.transaction;
				repo[method] = (...args: unknown[]) =>
					run((tx) => (tx[name] as unknown as Methods)[method]!(...args));
			}
			return [name, repo];
		})
	) as unknown as Repos;
	return {
		...repos,
		transaction: work.transaction,
		grouped: work.grouped,
		location,
		close: () =>
			(closing ??= (async () => {
				await work.flush();
				await close();
			})())
	};
}
