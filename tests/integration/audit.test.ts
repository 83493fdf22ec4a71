// The chair audit log: every successful chair command (timer, agenda, stage, sign-in and
// sign-out) is appended with when, what and a short label of the chair session, sent to the
// chair room as it happens, readable with audit:list, and kept across restarts.
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '#shared/schema/audit.ts';
import {
	dataOf,
	MIN,
	nextEvent,
	NOW,
	send,
	signIn,
	SLOTS,
	TRACK,
	World,
	type Client
} from './world.ts';

const world = new World();
afterEach(() => world.cleanup());

const list = async (chair: Client, payload: Record<string, unknown> = { trackId: TRACK }) =>
	dataOf<{ entries: AuditEntry[] }>(await send(chair, 'audit:list', payload)).entries;

describe('the audit log', () => {
	it('records each successful chair command with when, what and which chair session', async () => {
		const server = await world.start();
		const chair = await world.joinAsChair(server);
		await send(chair.socket, 'timer:start', { trackId: TRACK });
		server.clock.advance(MIN);
		await send(chair.socket, 'timer:extend', { trackId: TRACK, deltaMs: 5 * MIN });
		await send(chair.socket, 'timer:resume', { trackId: TRACK }); // refused: not logged
		await send(chair.socket, 'agenda:update-slot', {
			trackId: TRACK,
			expectedAgendaVersion: 1,
			slotId: SLOTS.next,
			patch: { plannedMinutes: 10 }
		});
		await send(chair.socket, 'stage:signal', { trackId: TRACK, kind: 'wrap-up' });
		await send(chair.socket, 'timer:undo', { trackId: TRACK });

		const entries = await list(chair.socket);
		expect(entries.map((e) => [e.action, e.summary])).toEqual([
			['timer:undo', 'Undo: back to “Moving container workloads to cgroup v2” (running)'],
			['stage:signal', 'Signal the stage: wrap up'],
			['agenda:update-slot', 'Edit “A new clone syscall”: minutes 15 → 10'],
			['timer:extend', '+5 min on “Moving container workloads to cgroup v2”'],
			['timer:start', 'Start “Moving container workloads to cgroup v2”'],
			['chair:sign-in', 'Signed in']
		]);
		expect(entries.map((e) => e.at)).toEqual([...Array(4).fill(NOW + MIN), NOW, NOW]);
		expect(new Set(entries.map((e) => e.chair)).size).toBe(1);
		expect(entries[0]!.chair).toMatch(/^chair [0-9a-f]{4}$/);
		const ids = entries.map((e) => e.id);
		expect(ids).toEqual([...ids].sort((a, b) => b - a));
	});

	it('names the chair sessions apart without giving their secret away', async () => {
		const server = await world.start();
		const first = await world.joinAsChair(server);
		const second = await world.joinAsChair(server);
		await send(first.socket, 'timer:start', { trackId: TRACK });
		await send(second.socket, 'timer:pause', { trackId: TRACK });
		const [pause, start] = await list(first.socket);
		expect(pause!.chair).not.toBe(start!.chair);
		for (const cookie of [first.cookie, second.cookie]) {
			const sessionId = cookie.split('=')[1]!.split('.')[0]!;
			expect(JSON.stringify(await list(first.socket))).not.toContain(sessionId.slice(0, 8));
		}
	});

	it('sends each new entry to the chairs of the track as it happens', async () => {
		const server = await world.start();
		const chair = await world.joinAsChair(server);
		const other = await world.joinAsChair(server);
		const appended = nextEvent<AuditEntry>(other.socket, 'audit:appended');
		await send(chair.socket, 'timer:start', { trackId: TRACK });
		const entry = await appended;
		expect(entry).toMatchObject({ trackId: TRACK, action: 'timer:start', at: NOW });
		expect((await list(other.socket))[0]).toEqual(entry);
	});

	it('records sign-in and sign-out, and a signed-out socket hears no more of it', async () => {
		const server = await world.start();
		const watcher = await world.joinAsChair(server);
		const leaving = await world.joinAsChair(server);
		const heard: AuditEntry[] = [];
		leaving.socket.on('audit:appended', (e: AuditEntry) => void heard.push(e));
		const signedOut = nextEvent<AuditEntry>(watcher.socket, 'audit:appended');
		await fetch(`${server.url}/api/chair/session`, {
			method: 'DELETE',
			headers: { cookie: leaving.cookie }
		});
		expect(await signedOut).toMatchObject({ trackId: null, action: 'chair:sign-out' });

		const nextOne = nextEvent<AuditEntry>(watcher.socket, 'audit:appended');
		await signIn(server);
		expect(await nextOne).toMatchObject({ action: 'chair:sign-in' });
		expect(heard).toEqual([]);
		expect(await send(leaving.socket, 'audit:list', {})).toMatchObject({
			ok: false,
			error: { code: 'forbidden' }
		});
	});

	it('survives a restart, and lists at most `limit` entries', async () => {
		const server = await world.start();
		const first = await world.joinAsChair(server);
		await send(first.socket, 'timer:start', { trackId: TRACK });
		const before = await list(first.socket);

		const again = await world.restart(server);
		const chair = await world.join(again, { cookie: first.cookie });
		expect(await list(chair.socket)).toEqual(before);
		expect(await list(chair.socket, { limit: 1 })).toEqual(before.slice(0, 1));
	});

	it('answers not_found for the log of a track that does not exist', async () => {
		const server = await world.start();
		const chair = await world.joinAsChair(server);
		expect(await send(chair.socket, 'audit:list', { trackId: 'nowhere' })).toMatchObject({
			ok: false,
			error: { code: 'not_found' }
		});
	});
});
