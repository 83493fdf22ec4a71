import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandNames, commands } from '#shared/protocol.ts';
import type { TimerState } from '#shared/schema/timer.ts';
import {
	MIN,
	pause,
	recordStates,
	send,
	timerOf,
	TRACK,
	World,
	type Client,
	type TestServer
} from './world.ts';

const chairCommands = commandNames.filter((name) => commands[name].chairOnly);

describe('an attendee socket', () => {
	const world = new World();
	let server: TestServer;
	let attendee: Client;
	let seen: TimerState[];
	let before: TimerState;

	beforeAll(async () => {
		server = await world.start();
		const chair = await world.joinAsChair(server);
		await send(chair.socket, 'timer:start', { trackId: TRACK });
		before = await timerOf(server);
		attendee = (await world.join(server)).socket;
		seen = recordStates(attendee);
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
			'question:moderate',
			'questions:configure',
			'questions:close'
		]);
	});

	// The question commands' own checks are in questions-authorization.test.ts.
	it.each(chairCommands.filter((name) => name.startsWith('timer:')))(
		'gets forbidden for %s and nothing changes',
		async (name) => {
			const payload =
				name === 'timer:extend' ? { trackId: TRACK, deltaMs: MIN } : { trackId: TRACK };
			const ack = await send(attendee, name, payload);
			expect(ack).toMatchObject({ ok: false, error: { code: 'forbidden' } });
			await pause(50);
			expect(seen).toEqual([]);
			expect(await timerOf(server)).toEqual(before);
		}
	);

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
});
