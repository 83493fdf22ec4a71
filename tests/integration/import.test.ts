// Importing a programme into a stored event: `npm run import` writes (or, dry, only prints)
// into the DATA_DIR that `npm start` serves, and a re-import applies the difference while
// the questions, timers and audit log Dais holds stay, and a running slot stays put.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { Serial } from '../../server/services/serial.ts';
import { ImportService } from '../../server/services/import.service.ts';
import { openSqliteStore } from '../../server/store/sqlite/sqlite.store.ts';
import { plannedTimer } from '#shared/timer.ts';
import { frabXml, VERSION_1 } from './schedule-files.ts';
import { World } from './world.ts';

const run = promisify(execFile);
const world = new World();
afterEach(() => world.cleanup());

const AT_1010 = Date.parse('2019-09-10T10:10:00+01:00');
const bytes = (text: string) => new TextEncoder().encode(text);

function cli(dataDir: string, ...args: string[]) {
	return run(process.execPath, ['--import', 'tsx', 'server/import-cli.ts', ...args], {
		env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' }
	}).then(
		(r) => ({ code: 0, ...r }),
		(e: { code: number; stdout: string; stderr: string }) => e
	);
}

describe('npm run import', () => {
	it('prints what a dry run would do and writes nothing, then imports what npm start serves', async () => {
		const dataDir = world.freshDataDir();
		const file = path.join(dataDir, 'schedule.xml');
		fs.writeFileSync(file, frabXml(VERSION_1));

		const dry = await cli(dataDir, file, '--dry-run');
		expect(dry.code).toBe(0);
		expect(dry.stdout).toContain('+ Jade: “Opening” Tue 10 Sep 10:00 (15 min)');
		expect(dry.stdout).toMatch(/Dry run, nothing written/);
		const store = openSqliteStore(dataDir);
		expect(await store.events.get()).toBeNull();
		await store.close();

		const done = await cli(dataDir, file);
		expect(done.stdout).toMatch(/Imported “Plumbers Camp” from schedule.xml: 4 added/);
		const server = await world.start({ dataDir });
		const snapshot = await (await fetch(`${server.url}/api/snapshot`)).json();
		expect(snapshot.event.title).toBe('Plumbers Camp');
		expect(snapshot.event.tracks.map((t: { name: string }) => t.name)).toEqual([
			'Jade',
			'Room & Board'
		]);
	});

	it('refuses a broken file, naming its line, and changes nothing', async () => {
		const dataDir = world.freshDataDir();
		const file = path.join(dataDir, 'broken.xml');
		fs.writeFileSync(file, frabXml(VERSION_1).replace('</day>', ''));
		const result = await cli(dataDir, file);
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(
			/^broken\.xml: line \d+, column \d+: .+\nNothing was changed\.\n$/
		);
		const store = openSqliteStore(dataDir);
		expect(await store.events.get()).toBeNull();
		await store.close();
		expect((await cli(dataDir)).code).toBe(2);
	});
});

describe('re-importing a changed programme', () => {
	it('applies the difference, keeps questions, timers and audit, and leaves the running slot', async () => {
		const store = openSqliteStore(world.freshDataDir());
		const clock = { now: () => AT_1010 };
		const service = new ImportService(store, null, clock, new Serial());
		await service.apply(bytes(frabXml(VERSION_1)), {}, { chair: 'test' });
		const first = (await store.events.get())!;
		const jade = first.tracks[0]!;
		const [opening, cgroup, checkpoint] = jade.slots;
		await store.questions.insert({
			id: '0b7e5a8e-6c1c-4f0e-9a51-2b1a4c1d9e01',
			trackId: jade.id,
			slotId: cgroup!.id,
			text: 'v1 or v2?',
			authorName: null,
			createdAt: AT_1010,
			status: 'open',
			pinned: false,
			votes: 0,
			deviceId: 'd1'
		});
		const running = {
			...plannedTimer(jade.id, 1),
			slotId: opening!.id,
			phase: 'running' as const,
			startedAt: AT_1010 - 600_000,
			durationMs: 900_000
		};
		expect(await store.timers.compareAndSet(running, 1)).toBe(true);

		const changed = VERSION_1.filter((s) => s.id !== '103').map((s) =>
			s.id === '101'
				? { ...s, date: '2019-09-10T09:50:00+01:00', title: 'Opening, moved' }
				: s.id === '102'
					? { ...s, date: '2019-09-10T10:20:00+01:00' }
					: s
		);
		const preview = await service.preview(bytes(frabXml(changed)));
		expect(preview.counts).toEqual({ added: 0, removed: 1, moved: 1, changed: 0, kept: 1 });
		const report = await service.apply(
			bytes(frabXml(changed)),
			{ name: 'v2.xml' },
			{ chair: 'test' }
		);
		expect(report).toEqual(preview);

		const next = (await store.events.get())!;
		const slots = next.tracks[0]!.slots;
		expect(slots.map((s) => [s.id, s.title, new Date(s.plannedStart).toISOString()])).toEqual([
			[opening!.id, 'Opening', '2019-09-10T09:00:00.000Z'],
			[cgroup!.id, 'cgroup v2', '2019-09-10T09:20:00.000Z']
		]);
		expect(slots.some((s) => s.id === checkpoint!.id)).toBe(false);
		expect(await store.timers.get(jade.id)).toEqual(running);
		expect((await store.questions.listBySlot(cgroup!.id)).map((q) => q.text)).toEqual([
			'v1 or v2?'
		]);
		const audit = await store.audit.list({ limit: 10 });
		expect(audit.map((a) => a.summary)).toEqual([
			'Imported “Plumbers Camp” from v2.xml: 0 added, 1 moved, 0 changed, 1 removed, 1 running or done left as they were',
			'Imported “Plumbers Camp”: 4 added, 0 moved, 0 changed, 0 removed'
		]);
		await store.close();
	});

	it('changes nothing when the file cannot be read', async () => {
		const store = openSqliteStore(world.freshDataDir());
		const service = new ImportService(store, null, { now: () => AT_1010 }, new Serial());
		const broken = '{"schedule": {"conference": {"days": [{"rooms": {"A": [{"date": "soon"}]}}]}}}';
		const failure = await service
			.apply(bytes(broken), {}, { chair: 'test' })
			.catch((e: unknown) => e);
		expect(failure).toMatchObject({ code: 'invalid' });
		expect((failure as Error).message).toMatch(
			/^schedule\.conference\.days\[0\]\.rooms\["A"\]\[0\]\.duration: /
		);
		expect(await store.events.get()).toBeNull();
		expect(await store.audit.list({ limit: 5 })).toEqual([]);
		await store.close();
	});
});
