import { afterEach, describe, expect, it } from 'vitest';
import type { Snapshot } from '#shared/protocol.ts';
import { readSeedFile } from '../../server/services/agenda.service.ts';
import { MIN, NOW, send, TestClock, TRACK, World } from './world.ts';

const world = new World();
afterEach(() => world.cleanup());

const DAY = 24 * 60 * MIN;
const lisbonClock = (epochMs: number) =>
	new Intl.DateTimeFormat('en-GB', {
		timeZone: 'Europe/Lisbon',
		hour: '2-digit',
		minute: '2-digit'
	}).format(epochMs);
const snapshotOf = async (url: string) =>
	(await (await fetch(`${url}/api/snapshot`)).json()) as Snapshot;

describe('seeding', () => {
	it('seeds the LPC 2019 MC in rehearsal mode with its first slot at the current hour in Lisbon', async () => {
		const server = await world.start();
		const { event } = await snapshotOf(server.url);
		const slots = event.tracks[0]!.slots;
		const seed = readSeedFile();

		expect(event).toMatchObject({
			title: 'Linux Plumbers Conference 2019',
			timezone: 'Europe/Lisbon',
			rehearsal: true
		});
		expect(lisbonClock(NOW)).toBe('11:20');
		expect(slots[0]!.plannedStart).toBe(Date.UTC(2025, 4, 20, 10, 0));
		expect(lisbonClock(slots[0]!.plannedStart)).toBe('11:00');
		expect(slots.map((s) => s.title)).toEqual(seed.slots.map((s) => s.title));
		const shift = slots[0]!.plannedStart - Date.parse(seed.slots[0]!.start);
		expect(slots.map((s) => s.plannedStart)).toEqual(
			seed.slots.map((s) => Date.parse(s.start) + shift)
		);
	});

	it('shows a newcomer a slot that is on now', async () => {
		const server = await world.start();
		const { socket } = await world.joinAsChair(server);
		const ack = await send(socket, 'timer:start', { trackId: TRACK });
		expect(ack).toMatchObject({
			ok: true,
			// running since its planned start, 11:15, as the plan had it
			data: { slotId: expect.stringMatching(/^s02-/), startedAt: NOW - 5 * MIN }
		});
	});

	it('keeps the 2019 dates with SEED_DATES=original', async () => {
		const server = await world.start({ config: { seedDates: 'original' } });
		const { event } = await snapshotOf(server.url);
		expect(event.rehearsal).toBe(false);
		expect(new Date(event.tracks[0]!.slots[0]!.plannedStart).toISOString()).toBe(
			'2019-09-10T09:00:00.000Z'
		);
	});

	it('keeps the stored agenda on a restart while it has not ended', async () => {
		const server = await world.start();
		const before = await snapshotOf(server.url);
		server.clock.advance(3 * 60 * MIN);
		const again = await world.restart(server);
		expect((await snapshotOf(again.url)).event).toEqual(before.event);
	});

	it('moves an ended rehearsal to the current hour on restart, with newer versions', async () => {
		const server = await world.start();
		const before = await snapshotOf(server.url);
		const clock = new TestClock(NOW + 2 * DAY + 35 * MIN);
		const again = await world.restart(server, { clock });
		const after = await snapshotOf(again.url);
		const ids = (s: Snapshot) => s.event.tracks[0]!.slots.map((slot) => slot.id);

		expect(after.event.tracks[0]!.slots[0]!.plannedStart).toBe(Date.UTC(2025, 4, 22, 10, 0));
		expect(after.event.agendaVersion).toBe(before.event.agendaVersion + 1);
		expect(ids(after)).toEqual(ids(before));
		expect(after.timers[0]).toMatchObject({
			phase: 'planned',
			version: before.timers[0]!.version + 1
		});
	});

	it('leaves an ended rehearsal alone while a chair holds a live timer', async () => {
		const server = await world.start();
		const { socket } = await world.joinAsChair(server);
		await send(socket, 'timer:start', { trackId: TRACK });
		const before = await snapshotOf(server.url);
		const again = await world.restart(server, { clock: new TestClock(NOW + 2 * DAY) });
		const after = await snapshotOf(again.url);
		expect(after.event).toEqual(before.event);
		expect(after.timers).toEqual(before.timers);
	});

	it('never moves the original dates', async () => {
		const server = await world.start({ config: { seedDates: 'original' } });
		const before = await snapshotOf(server.url);
		const again = await world.restart(server, { config: { seedDates: 'original' } });
		expect((await snapshotOf(again.url)).event).toEqual(before.event);
	});
});
