// The stage display's key and its standby over real sockets: only a socket that opened the
// stage with the current key can mark a signal as seen (an attendee's `stage:seen` is
// `forbidden` and the console keeps waiting); a chair can revoke the key, which stops the
// old one at once, on open sockets too; a chair can black the stage out or put up the holding
// card, which every display of the track hears and which survives a restart.
import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '#shared/protocol.ts';
import type { StageState } from '#shared/schema/stage.ts';
import { dataOf, nextEvent, send, stateOf, TRACK, World, type TestServer } from './world.ts';

const world = new World();
afterEach(() => world.cleanup());

const stageDisplay = (server: TestServer, stageKey: unknown) =>
	world.join(server, { auth: { protocolVersion: PROTOCOL_VERSION, stageKey } });

async function keyOf(socket: Parameters<typeof send>[0]): Promise<string> {
	return dataOf<{ key: string }>(await send(socket, 'stage:key', {})).key;
}

async function signal(socket: Parameters<typeof send>[0]): Promise<string> {
	const sent = dataOf<StageState>(
		await send(socket, 'stage:signal', { trackId: TRACK, kind: 'wrap-up' })
	);
	return sent.signal!.id;
}

describe('the stage key', () => {
	it('refuses a receipt from an attendee’s socket, so the console never reads “seen”', async () => {
		const server = await world.start();
		const chair = await world.joinAsChair(server);
		const attendee = await world.join(server);
		const signalId = await signal(chair.socket);

		const forged = await send(attendee.socket, 'stage:seen', { trackId: TRACK, signalId });
		expect(forged).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		expect((await stateOf(server)).stages[0]!.signal).toMatchObject({ seenAt: null });
	});

	it('refuses a made-up, malformed or oversized key', async () => {
		const server = await world.start();
		const chair = await world.joinAsChair(server);
		const signalId = await signal(chair.socket);
		const key = await keyOf(chair.socket);
		const [generation, sig] = key.split('.') as [string, string];
		const forgeries = [
			`${Number(generation) + 1}.${sig}`,
			`${generation}.${sig.slice(0, -1)}A`,
			`${key}.`,
			'',
			42,
			'x'.repeat(5000)
		];
		for (const forged of forgeries) {
			const display = await stageDisplay(server, forged);
			expect(await send(display.socket, 'stage:seen', { trackId: TRACK, signalId })).toMatchObject({
				ok: false,
				error: { code: 'forbidden' }
			});
		}
		expect((await stateOf(server)).stages[0]!.signal).toMatchObject({ seenAt: null });
	});

	it('lets a display opened with the key mark a signal seen, and only chairs read the key', async () => {
		const server = await world.start();
		const chair = await world.joinAsChair(server);
		const attendee = await world.join(server);
		expect(await send(attendee.socket, 'stage:key', {})).toMatchObject({
			ok: false,
			error: { code: 'forbidden' }
		});
		const display = await stageDisplay(server, await keyOf(chair.socket));
		const signalId = await signal(chair.socket);

		const toConsole = nextEvent<StageState>(chair.socket, 'stage:state');
		const seen = dataOf<StageState>(
			await send(display.socket, 'stage:seen', { trackId: TRACK, signalId })
		);
		expect(seen.signal!.seenAt).toBe(server.clock.now());
		expect(await toConsole).toEqual(seen);
	});

	it('stops counting the old key once a chair revokes it, on open sockets too', async () => {
		const server = await world.start();
		const chair = await world.joinAsChair(server);
		const oldKey = await keyOf(chair.socket);
		const before = await stageDisplay(server, oldKey);
		const attendee = await world.join(server);
		expect(await send(attendee.socket, 'stage:revoke-key', {})).toMatchObject({
			ok: false,
			error: { code: 'forbidden' }
		});

		const newKey = dataOf<{ key: string }>(await send(chair.socket, 'stage:revoke-key', {})).key;
		expect(newKey).not.toBe(oldKey);
		expect(await keyOf(chair.socket)).toBe(newKey);
		const signalId = await signal(chair.socket);
		for (const stale of [before, await stageDisplay(server, oldKey)]) {
			expect(await send(stale.socket, 'stage:seen', { trackId: TRACK, signalId })).toMatchObject({
				ok: false,
				error: { code: 'forbidden' }
			});
		}
		const after = await stageDisplay(server, newKey);
		expect(await send(after.socket, 'stage:seen', { trackId: TRACK, signalId })).toMatchObject({
			ok: true
		});

		// the key is kept in the data dir: a restart keeps the link on the projector working
		const again = await world.restart(server);
		const chairAgain = await world.joinAsChair(again);
		expect(await keyOf(chairAgain.socket)).toBe(newKey);
	});
});

describe('the stage standby', () => {
	it('blacks the stage out, shows the holding card and comes back, for every display', async () => {
		const server = await world.start();
		const chair = await world.joinAsChair(server);
		const display = await world.join(server);
		expect((await stateOf(server)).stages[0]?.standby ?? 'off').toBe('off');

		const heard = nextEvent<StageState>(display.socket, 'stage:state');
		const black = dataOf<StageState>(
			await send(chair.socket, 'stage:standby', { trackId: TRACK, mode: 'black' })
		);
		expect(black).toMatchObject({ standby: 'black', version: 1 });
		expect(await heard).toEqual(black);

		const holding = dataOf<StageState>(
			await send(chair.socket, 'stage:standby', { trackId: TRACK, mode: 'holding' })
		);
		expect(holding).toMatchObject({ standby: 'holding', version: 2 });
		expect(
			await send(display.socket, 'stage:standby', { trackId: TRACK, mode: 'off' })
		).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		expect(
			await send(chair.socket, 'stage:standby', { trackId: TRACK, mode: 'dim' })
		).toMatchObject({ ok: false, error: { code: 'invalid' } });

		const again = await world.restart(server);
		const { snapshot } = await world.join(again);
		expect(snapshot.stages).toEqual([holding]);
		const chairAgain = await world.joinAsChair(again);
		expect(
			dataOf<StageState>(
				await send(chairAgain.socket, 'stage:standby', { trackId: TRACK, mode: 'off' })
			)
		).toMatchObject({ standby: 'off', version: 3 });
	});
});
