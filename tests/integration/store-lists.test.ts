// The SQLite store keeps the per-track lists every snapshot reads (timers, stages, question
// settings) in memory; a list kept must never be older than the file, whoever wrote it.
// Real files, two connections where a second server shares the data dir.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventInfo } from '#shared/schema/event.ts';
import { idleStage } from '#shared/stage.ts';
import { plannedTimer } from '#shared/timer.ts';
import { openSqliteStore } from '../../server/store/sqlite/sqlite.store.ts';
import type { Store } from '../../server/store/store.ts';

const event: EventInfo = {
	id: 'ev',
	title: 'An event',
	timezone: 'Europe/Lisbon',
	venue: '',
	rehearsal: false,
	agendaVersion: 1,
	tracks: [{ id: 'main', name: 'Main', room: 'A', slots: [] }]
};
const settings = { trackId: 'main', premoderated: false, closedSlotIds: [] };

const opened: Store[] = [];
const dirs: string[] = [];
afterEach(async () => {
	await Promise.all(opened.splice(0).map((s) => s.close()));
	for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** Two stores on one data dir, as two servers sharing it would open it. */
async function twoStores(): Promise<[Store, Store]> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dais-lists-'));
	dirs.push(dir);
	const first = openSqliteStore(dir);
	const second = openSqliteStore(dir);
	opened.push(first, second);
	await first.events.replace(event, [plannedTimer('main')]);
	return [first, second];
}

describe('a list the store keeps', () => {
	it("shows the store's own writes at once", async () => {
		const [store] = await twoStores();
		expect(await store.timers.list()).toEqual([plannedTimer('main')]);
		expect(await store.stages.list()).toEqual([]);
		expect(await store.questionSettings.list()).toEqual([]);

		const running = { ...plannedTimer('main'), phase: 'running' as const, version: 1 };
		await store.timers.compareAndSet(running, 0);
		await store.stages.compareAndSet(idleStage('main', 1), null);
		await store.questionSettings.update(settings, (s) => ({ ...s, premoderated: true }));

		expect(await store.timers.list()).toEqual([running]);
		expect(await store.stages.list()).toEqual([idleStage('main', 1)]);
		expect(await store.questionSettings.list()).toEqual([{ ...settings, premoderated: true }]);
	});

	it('shows what another server sharing the data dir wrote', async () => {
		const [mine, theirs] = await twoStores();
		await mine.timers.list();
		await mine.stages.list();
		await mine.questionSettings.list();

		const paused = { ...plannedTimer('main'), phase: 'paused' as const, version: 1 };
		await theirs.timers.compareAndSet(paused, 0);
		await theirs.stages.compareAndSet(idleStage('main', 1), null);
		await theirs.questionSettings.update(settings, (s) => ({ ...s, closedSlotIds: ['s1'] }));

		expect(await mine.timers.list()).toEqual([paused]);
		expect(await mine.stages.list()).toEqual([idleStage('main', 1)]);
		expect(await mine.questionSettings.list()).toEqual([{ ...settings, closedSlotIds: ['s1'] }]);
	});

	it('is unchanged by a write that was refused or threw', async () => {
		const [store] = await twoStores();
		const before = await store.timers.list();

		const stale = { ...plannedTimer('main'), phase: 'running' as const, version: 9 };
		expect(await store.timers.compareAndSet(stale, 7)).toBe(false);
		await expect(
			store.questionSettings.update(settings, () => {
				throw new Error('a rule refused it');
			})
		).rejects.toThrow('a rule refused it');

		expect(await store.timers.list()).toEqual(before);
		expect(await store.questionSettings.list()).toEqual([]);
	});

	it('cannot be changed by a reader for the others', async () => {
		const [store] = await twoStores();
		const [timer] = await store.timers.list();

		expect(() => Object.assign(timer!, { version: 42 })).toThrow(TypeError);
		expect((await store.timers.list())[0]!.version).toBe(0);
	});
});
