// Two chairs at once: commands made against the same version race; exactly one wins, the
// other is acked `conflict` and changes nothing, so no extension or edit is lost or doubled.
import { afterEach, describe, expect, it } from 'vitest';
import type { EventInfo } from '#shared/schema/event.ts';
import type { StageState } from '#shared/schema/stage.ts';
import type { TimerState } from '#shared/schema/timer.ts';
import {
	dataOf,
	MIN,
	send,
	SLOTS,
	stateOf,
	timerOf,
	TRACK,
	STORES,
	World,
	type AnyAck,
	type Client
} from './world.ts';

describe.each(STORES)('on %s', (store) => {
	const world = new World(store);
	afterEach(() => world.cleanup());

	/** Two chairs, each with a session of their own, on the seeded track. */
	async function twoChairs() {
		const server = await world.start();
		const first = await world.joinAsChair(server);
		const second = await world.joinAsChair(server);
		expect(first.cookie).not.toBe(second.cookie);
		return { server, chairs: [first.socket, second.socket] as const };
	}

	const codes = (acks: AnyAck[]) =>
		acks.map((a) => (a.ok ? 'ok' : a.error.code)).sort((a, b) => a.localeCompare(b));

	const auditActions = async (chair: Client) =>
		dataOf<{ entries: { action: string }[] }>(
			await send(chair, 'audit:list', { trackId: TRACK })
		).entries.map((e) => e.action);

	describe('two chairs on two servers sharing one store', () => {
		it('never both win a stale command: the store decides, round after round', async () => {
			const a = await world.start();
			const b = await world.start({ dataDir: a.dataDir, clock: a.clock });
			const chairs = [(await world.joinAsChair(a)).socket, (await world.joinAsChair(b)).socket];
			let timer = dataOf<TimerState>(await send(chairs[0]!, 'timer:start', { trackId: TRACK }));
			for (let round = 0; round < 10; round++) {
				const extend = { trackId: TRACK, deltaMs: MIN, expectedVersion: timer.version };
				const acks = await Promise.all(chairs.map((c) => send(c, 'timer:extend', extend)));
				expect(codes(acks)).toEqual(['conflict', 'ok']);
				const after = await timerOf(a);
				expect(after.version).toBe(timer.version + 1);
				expect(after.durationMs).toBe(timer.durationMs + MIN);
				timer = after;
			}
			expect(await timerOf(b)).toEqual(timer);
		});
	});

	describe('two chairs sending the same command against the same version', () => {
		it('grow the slot by exactly one minute: one is obeyed, the other gets conflict', async () => {
			const { server, chairs } = await twoChairs();
			const started = dataOf<TimerState>(await send(chairs[0], 'timer:start', { trackId: TRACK }));
			const extend = { trackId: TRACK, deltaMs: MIN, expectedVersion: started.version };

			const acks = await Promise.all(chairs.map((c) => send(c, 'timer:extend', extend)));

			expect(codes(acks)).toEqual(['conflict', 'ok']);
			const after = await timerOf(server);
			expect(after.durationMs).toBe(started.durationMs + MIN);
			expect(after.version).toBe(started.version + 1);
			expect((await auditActions(chairs[0])).filter((a) => a === 'timer:extend')).toHaveLength(1);
		});

		it('let the loser retry against the new version, so both minutes count', async () => {
			const { server, chairs } = await twoChairs();
			const started = dataOf<TimerState>(await send(chairs[0], 'timer:start', { trackId: TRACK }));
			const extend = { trackId: TRACK, deltaMs: MIN, expectedVersion: started.version };
			const acks = await Promise.all(chairs.map((c) => send(c, 'timer:extend', extend)));
			const loser = chairs[acks.findIndex((a) => !a.ok)]!;

			const fresh = await timerOf(server);
			const retry = await send(loser, 'timer:extend', {
				...extend,
				expectedVersion: fresh.version
			});

			expect(retry.ok).toBe(true);
			expect((await timerOf(server)).durationMs).toBe(started.durationMs + 2 * MIN);
		});

		it('obey exactly one of five chairs racing with next', async () => {
			const server = await world.start();
			const sockets = await Promise.all(
				Array.from({ length: 5 }, async () => (await world.joinAsChair(server)).socket)
			);
			const acks = await Promise.all(
				sockets.map((s) => send(s, 'timer:next', { trackId: TRACK, expectedVersion: 0 }))
			);
			expect(codes(acks)).toEqual(['conflict', 'conflict', 'conflict', 'conflict', 'ok']);
			expect(await timerOf(server)).toMatchObject({ slotId: SLOTS.next, version: 1 });
		});

		it('keep exactly one of two agenda edits made against the same agenda version', async () => {
			const { server, chairs } = await twoChairs();
			const before = await stateOf(server);
			const acks = await Promise.all(
				['By the first chair', 'By the second chair'].map((title, i) =>
					send(chairs[i]!, 'agenda:update-slot', {
						trackId: TRACK,
						expectedAgendaVersion: before.event.agendaVersion,
						slotId: SLOTS.next,
						patch: { title }
					})
				)
			);
			expect(codes(acks)).toEqual(['conflict', 'ok']);
			const winner = dataOf<EventInfo>(acks.find((a) => a.ok)!);
			const after = await stateOf(server);
			expect(after.event).toEqual(winner);
			expect(after.event.agendaVersion).toBe(before.event.agendaVersion + 1);
			const titles = after.event.tracks[0]!.slots.map((s) => s.title);
			expect(titles.filter((t) => t.startsWith('By the'))).toHaveLength(1);
		});

		it('insert exactly one slot when both chairs insert against the same agenda version', async () => {
			const { server, chairs } = await twoChairs();
			const before = await stateOf(server);
			const insert = {
				trackId: TRACK,
				expectedAgendaVersion: before.event.agendaVersion,
				afterSlotId: SLOTS.next,
				slot: { kind: 'talk', title: 'Lightning', speakers: [], abstract: '', plannedMinutes: 5 }
			};
			const acks = await Promise.all(chairs.map((c) => send(c, 'agenda:insert-slot', insert)));
			expect(codes(acks)).toEqual(['conflict', 'ok']);
			const slots = (await stateOf(server)).event.tracks[0]!.slots;
			expect(slots).toHaveLength(before.event.tracks[0]!.slots.length + 1);
			expect(slots.filter((s) => s.title === 'Lightning')).toHaveLength(1);
		});

		it('show one signal when both chairs signal the stage against the same version', async () => {
			const { server, chairs } = await twoChairs();
			const acks = await Promise.all(
				(['wrap-up', 'time-up'] as const).map((kind, i) =>
					send(chairs[i]!, 'stage:signal', { trackId: TRACK, kind, expectedVersion: 0 })
				)
			);
			expect(codes(acks)).toEqual(['conflict', 'ok']);
			const shown = dataOf<StageState>(acks.find((a) => a.ok)!);
			expect((await stateOf(server)).stages).toEqual([shown]);
			expect(shown.version).toBe(1);
		});
	});
});
