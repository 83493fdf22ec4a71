import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandNames, commands, PROTOCOL_VERSION } from '#shared/protocol.ts';
import type { StageState } from '#shared/schema/stage.ts';
import { valid } from './payloads.ts';
import {
	dataOf,
	pause,
	recordEvents,
	send,
	stateOf,
	TRACK,
	World,
	type Client,
	type TestServer
} from './world.ts';

const chairCommands = commandNames.filter((name) => commands[name].chairOnly);

describe('an attendee socket', () => {
	const world = new World();
	let server: TestServer;
	let chair: Client;
	let attendee: Client;
	let seen: [string, unknown][];
	let before: Awaited<ReturnType<typeof stateOf>>;

	beforeAll(async () => {
		server = await world.start();
		chair = (await world.joinAsChair(server)).socket;
		await send(chair, 'timer:start', { trackId: TRACK });
		await send(chair, 'stage:signal', { trackId: TRACK, kind: 'wrap-up' });
		before = await stateOf(server);
		attendee = (await world.join(server)).socket;
		seen = recordEvents(attendee);
	});
	afterAll(() => world.cleanup());

	it('covers every chair command of the catalog', () => {
		expect(chairCommands).toEqual([
			'timer:start',
			'timer:pause',
			'timer:resume',
			'timer:extend',
			'timer:next',
			'timer:previous',
			'timer:end',
			'timer:reset',
			'timer:undo',
			'agenda:update-slot',
			'agenda:insert-slot',
			'agenda:remove-slot',
			'agenda:move-slot',
			'stage:signal',
			'stage:clear',
			'stage:flash',
			'stage:standby',
			'stage:key',
			'stage:revoke-key',
			'audit:list',
			'question:moderate',
			'questions:configure',
			'questions:close'
		]);
	});

	// The question commands' own checks are in questions-authorization.test.ts.
	const consoleCommands = chairCommands.filter((name) => !name.startsWith('question'));
	it.each(consoleCommands)('gets forbidden for %s and nothing changes', async (name) => {
		const ack = await send(attendee, name, valid[name]);
		// the page shows the server's words, so they say what to do
		expect(ack).toMatchObject({
			ok: false,
			error: { code: 'forbidden', message: expect.stringContaining('please sign in again') }
		});
		await pause(50);
		expect(seen).toEqual([]);
		expect(await stateOf(server)).toEqual(before);
	});

	it('is not sent the audit log as chairs act', async () => {
		const toAttendee = recordEvents(attendee);
		await send(chair, 'timer:pause', { trackId: TRACK });
		await pause(100);
		expect(toAttendee.map(([name]) => name)).toEqual(['timer:state']);
		before = await stateOf(server);
		seen.length = 0;
	});

	it('may still ping the clock and join the track', async () => {
		expect(await send(attendee, 'clock:ping', {})).toEqual({
			ok: true,
			data: { serverNow: server.clock.now() }
		});
		expect(await send(attendee, 'track:join', { trackId: TRACK })).toMatchObject({
			ok: true,
			data: { role: 'attendee' }
		});
	});

	it('may not report that the stage showed the signal without the stage key', async () => {
		const signal = before.stages[0]!.signal!;
		const ack = await send(attendee, 'stage:seen', { trackId: TRACK, signalId: signal.id });
		expect(ack).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		expect(await stateOf(server)).toEqual(before);
	});

	it('may report it once opened with the stage key (the display needs no sign-in)', async () => {
		const signal = before.stages[0]!.signal!;
		const stageKey = await server.app.stageKey();
		const display = (
			await world.join(server, { auth: { protocolVersion: PROTOCOL_VERSION, stageKey } })
		).socket;
		const ack = await send(display, 'stage:seen', { trackId: TRACK, signalId: signal.id });
		expect(dataOf<StageState>(ack).signal).toEqual({ ...signal, seenAt: server.clock.now() });
	});
});
