import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { COMMAND_RETENTION_MS } from '../../server/services/idempotency.service.ts';
import type { Question } from '#shared/schema/question.ts';
import { ask } from './support/questions.ts';
import {
	dataOf,
	deviceTokenOf,
	MIN,
	recordStates,
	send,
	signIn,
	timerOf,
	TRACK,
	STORES,
	World,
	type AnyAck
} from './world.ts';

describe.each(STORES)('on %s', (store) => {
	const world = new World(store);
	afterEach(() => world.cleanup());

	const extend = (commandId: string, deltaMs = 5 * MIN) => ({ trackId: TRACK, deltaMs, commandId });
	const durationOf = (ack: AnyAck) =>
		ack.ok ? (ack.data as { durationMs: number }).durationMs : -1;

	describe('a command sent again under the same commandId', () => {
		it('is applied once, and the retry acks the same state', async () => {
			const server = await world.start();
			const { socket } = await world.joinAsChair(server);
			await send(socket, 'timer:start', { trackId: TRACK });
			const before = await timerOf(server);
			const id = randomUUID();

			const first = await send(socket, 'timer:extend', extend(id));
			server.clock.advance(MIN);
			const retry = await send(socket, 'timer:extend', extend(id));

			expect(first.ok).toBe(true);
			expect(retry).toEqual(first);
			const after = await timerOf(server);
			expect(after.durationMs).toBe(before.durationMs + 5 * MIN);
			expect(after.version).toBe(before.version + 1);
		});

		it('is applied once when both copies arrive at the same moment', async () => {
			const server = await world.start();
			const { socket } = await world.joinAsChair(server);
			const watcher = await world.join(server);
			await send(socket, 'timer:start', { trackId: TRACK });
			const before = await timerOf(server);
			const seen = recordStates(watcher.socket);
			const id = randomUUID();

			const acks = await Promise.all([
				send(socket, 'timer:extend', extend(id)),
				send(socket, 'timer:extend', extend(id)),
				send(socket, 'timer:extend', extend(id))
			]);

			expect(acks.every((a) => a.ok)).toBe(true);
			expect(acks[1]).toEqual(acks[0]);
			expect(acks[2]).toEqual(acks[0]);
			expect(durationOf(acks[0]!)).toBe(before.durationMs + 5 * MIN);
			expect((await timerOf(server)).version).toBe(before.version + 1);
			await send(watcher.socket, 'clock:ping', {});
			expect(seen).toHaveLength(1);
		});

		it('is applied once by two servers sharing one data directory', async () => {
			const a = await world.start();
			const b = await world.start({ dataDir: a.dataDir, clock: a.clock });
			const cookie = await signIn(a);
			const onA = await world.join(a, { cookie });
			// the same browser on both: its device token rides every handshake
			const onB = await world.join(b, { cookie, deviceToken: await deviceTokenOf(onA.socket) });
			await send(onA.socket, 'timer:start', { trackId: TRACK });
			const before = await timerOf(a);
			const id = randomUUID();

			const [viaA, viaB] = await Promise.all([
				send(onA.socket, 'timer:extend', extend(id)),
				send(onB.socket, 'timer:extend', extend(id))
			]);

			expect(viaA.ok).toBe(true);
			expect(viaB).toEqual(viaA);
			const after = await timerOf(b);
			expect(after.durationMs).toBe(before.durationMs + 5 * MIN);
			expect(after.version).toBe(before.version + 1);
		});

		it('is still recognised after a server restart', async () => {
			const server = await world.start();
			const cookie = await signIn(server);
			const { socket } = await world.join(server, { cookie });
			await send(socket, 'timer:start', { trackId: TRACK });
			const id = randomUUID();
			const first = await send(socket, 'timer:extend', extend(id));
			const deviceToken = await deviceTokenOf(socket);

			const again = await world.restart(server);
			const chair = await world.join(again, { cookie, deviceToken });
			const retry = await send(chair.socket, 'timer:extend', extend(id));

			expect(retry).toEqual(first);
			expect((await timerOf(again)).durationMs).toBe(durationOf(first));
		});

		it('is refused with conflict when the id comes back with another payload', async () => {
			const server = await world.start();
			const { socket } = await world.joinAsChair(server);
			await send(socket, 'timer:start', { trackId: TRACK });
			const id = randomUUID();
			await send(socket, 'timer:extend', extend(id, 5 * MIN));
			const before = await timerOf(server);

			const reused = await send(socket, 'timer:extend', extend(id, MIN));
			const otherCommand = await send(socket, 'timer:pause', { trackId: TRACK, commandId: id });

			expect(reused).toMatchObject({ ok: false, error: { code: 'conflict' } });
			expect(otherCommand).toMatchObject({ ok: false, error: { code: 'conflict' } });
			expect(await timerOf(server)).toEqual(before);
		});

		it('runs again when the first attempt failed, since nothing was applied', async () => {
			const server = await world.start();
			const { socket } = await world.joinAsChair(server);
			const id = randomUUID();
			await send(socket, 'timer:start', { trackId: TRACK });
			await send(socket, 'timer:end', { trackId: TRACK });

			const refused = await send(socket, 'timer:next', {
				trackId: TRACK,
				expectedVersion: 0,
				commandId: id
			});
			const retried = await send(socket, 'timer:next', { trackId: TRACK, commandId: id });

			expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
			expect(retried).toMatchObject({ ok: true, data: { phase: 'running', version: 3 } });
		});

		it('is applied again once its record has expired', async () => {
			const server = await world.start();
			const { socket } = await world.joinAsChair(server);
			await send(socket, 'timer:start', { trackId: TRACK });
			const before = await timerOf(server);
			const id = randomUUID();
			await send(socket, 'timer:extend', extend(id));

			server.clock.advance(COMMAND_RETENTION_MS + MIN);
			const late = await send(socket, 'timer:extend', extend(id));

			expect(late.ok).toBe(true);
			expect((await timerOf(server)).durationMs).toBe(before.durationMs + 10 * MIN);
		});

		it('refuses a commandId that is not a UUID as invalid', async () => {
			const server = await world.start();
			const { socket } = await world.joinAsChair(server);
			expect(
				await send(socket, 'timer:start', { trackId: TRACK, commandId: 'not-a-uuid' })
			).toMatchObject({ ok: false, error: { code: 'invalid' } });
		});
	});

	describe('a commandId replayed by another device', () => {
		it('is refused as a conflict, not answered with the first device’s result', async () => {
			const server = await world.start();
			const { socket: asker } = await world.join(server);
			const question = dataOf<Question>(await ask(asker));
			const { socket: first } = await world.join(server);
			const { socket: other } = await world.join(server);
			const commandId = randomUUID();
			const payload = { questionId: question.id, voted: true, commandId };

			const mine = await send(first, 'question:vote', payload);
			const replay = await send(other, 'question:vote', payload);
			const retry = await send(first, 'question:vote', payload);

			expect(mine).toMatchObject({ ok: true, data: { votes: 1, voted: true } });
			expect(replay).toMatchObject({ ok: false, error: { code: 'conflict' } });
			expect(retry).toEqual(mine);
		});
	});
});
