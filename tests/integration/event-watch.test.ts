// A running server notices an import made by `npm run import` on its data directory (another
// process) without a restart, and sends the new agenda to attendees as an edit's is sent.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventInfo } from '#shared/schema/event.ts';
import { frabXml, VERSION_1 } from './schedule-files.ts';
import { nextEvent, stateOf, World } from './world.ts';

const run = promisify(execFile);
const world = new World();
afterEach(() => world.cleanup());

describe('an import by another process', () => {
	it('reaches the attendees of a running server, and its later joiners', async () => {
		const server = await world.start();
		const attendee = await world.join(server);
		const file = path.join(server.dataDir, 'schedule.xml');
		fs.writeFileSync(file, frabXml(VERSION_1));
		const arrived = nextEvent<EventInfo>(attendee.socket, 'agenda:updated', 15_000);

		await run(process.execPath, ['--import', 'tsx', 'server/import-cli.ts', file], {
			env: { ...process.env, DATA_DIR: server.dataDir, LOG_LEVEL: 'silent' }
		});

		const event = await arrived;
		expect(event.title).toBe('Plumbers Camp');
		expect(event.tracks.flatMap((t) => t.slots.map((s) => s.title))).toContain('Opening');
		expect((await stateOf(server)).event).toEqual(event);
		const later = await world.join(server, { trackId: event.tracks[0]!.id });
		expect(later.snapshot.event).toEqual(event);
	});
});
