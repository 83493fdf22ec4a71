// The stage display's state over the wire: a chair's signal reaches the track's room and
// stays until cleared, the first `stage:seen` from a display opened with the stage key is
// recorded for the console (stage-key.test.ts: from any other socket it is forbidden), a
// stale signal id is not_found, the flash can be turned off, and all of it survives a restart.
import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '#shared/protocol.ts';
import type { StageState } from '#shared/schema/stage.ts';
import {
	dataOf,
	MIN,
	nextEvent,
	send,
	stateOf,
	TRACK,
	World,
	type Client,
	type TestServer
} from './world.ts';

const world = new World();
afterEach(() => world.cleanup());

/** A stage display opened with the stage key a chair's socket reads. */
async function keyedStage(server: TestServer, chair: Client) {
	const { key } = dataOf<{ key: string }>(await send(chair, 'stage:key', {}));
	return world.join(server, { auth: { protocolVersion: PROTOCOL_VERSION, stageKey: key } });
}

describe('the stage display', () => {
	it('shows a chair’s signal and tells the console when a display has shown it', async () => {
		const server = await world.start();
		const chair = await world.joinAsChair(server);
		const stage = await keyedStage(server, chair.socket);
		const toStage = nextEvent<StageState>(stage.socket, 'stage:state');

		const sent = dataOf<StageState>(
			await send(chair.socket, 'stage:signal', { trackId: TRACK, kind: 'text', text: ' Mic! ' })
		);
		expect(sent.signal).toMatchObject({
			kind: 'text',
			text: 'Mic!',
			sentAt: server.clock.now(),
			seenAt: null
		});
		expect(await toStage).toEqual(sent);

		server.clock.advance(800);
		const toConsole = nextEvent<StageState>(chair.socket, 'stage:state');
		const seen = await send(stage.socket, 'stage:seen', {
			trackId: TRACK,
			signalId: sent.signal!.id
		});
		const acknowledged = await toConsole;
		expect(acknowledged.signal!.seenAt).toBe(server.clock.now());
		expect(dataOf<StageState>(seen)).toEqual(acknowledged);

		// a second display (or a reload) reporting it again changes nothing
		server.clock.advance(MIN);
		const again = await send(stage.socket, 'stage:seen', {
			trackId: TRACK,
			signalId: sent.signal!.id
		});
		expect(dataOf<StageState>(again)).toEqual(acknowledged);
	});

	it('keeps the signal until it is cleared, then answers not_found for its id', async () => {
		const server = await world.start();
		const chair = await world.joinAsChair(server);
		const sent = dataOf<StageState>(
			await send(chair.socket, 'stage:signal', { trackId: TRACK, kind: 'five-minutes' })
		);
		server.clock.advance(10 * MIN);
		expect((await stateOf(server)).stages[0]!.signal).toEqual(sent.signal);

		const cleared = dataOf<StageState>(await send(chair.socket, 'stage:clear', { trackId: TRACK }));
		expect(cleared.signal).toBeNull();
		const stage = await keyedStage(server, chair.socket);
		expect(
			await send(stage.socket, 'stage:seen', { trackId: TRACK, signalId: sent.signal!.id })
		).toMatchObject({ ok: false, error: { code: 'not_found' } });
		expect(await send(chair.socket, 'stage:clear', { trackId: TRACK })).toMatchObject({
			ok: false,
			error: { code: 'invalid_state' }
		});
		expect((await stateOf(server)).stages).toEqual([cleared]);
	});

	it('turns the overtime flash off, refuses a stale version, and keeps it all across a restart', async () => {
		const server = await world.start();
		const chair = await world.joinAsChair(server);
		await send(chair.socket, 'stage:signal', { trackId: TRACK, kind: 'wrap-up' });
		const off = dataOf<StageState>(
			await send(chair.socket, 'stage:flash', {
				trackId: TRACK,
				enabled: false,
				expectedVersion: 1
			})
		);
		expect(off).toMatchObject({ flash: false, version: 2, signal: { kind: 'wrap-up' } });
		expect(
			await send(chair.socket, 'stage:flash', { trackId: TRACK, enabled: true, expectedVersion: 1 })
		).toMatchObject({ ok: false, error: { code: 'conflict' } });

		const again = await world.restart(server);
		const { snapshot } = await world.join(again);
		expect(snapshot.stages).toEqual([off]);
	});

	it('answers not_found for a track that does not exist', async () => {
		const server = await world.start();
		const chair = await world.joinAsChair(server);
		expect(
			await send(chair.socket, 'stage:signal', { trackId: 'nowhere', kind: 'time-up' })
		).toMatchObject({ ok: false, error: { code: 'not_found' } });
	});
});
