// Every client→server command fed malformed input by a signed-in chair (so that a valid
// payload would be obeyed): each is acked `invalid` or dropped, and the timer is untouched.
// (questions-bad-input.test.ts checks the question commands' own fields in depth.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandNames, MAX_MESSAGE_BYTES, type CommandName } from '#shared/protocol.ts';
import type { TimerState } from '#shared/schema/timer.ts';
import { CURRENT, UPCOMING } from './support/questions.ts';
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

/** A question asked in beforeAll, so that a valid vote or moderation finds it. */
const QUESTION_ID = '0b6a4a5e-8f2e-4c59-9f5e-2d7f3f0c1a11';

const valid: Record<CommandName, Record<string, unknown>> = {
	'clock:ping': {},
	'track:join': { trackId: TRACK },
	'timer:start': { trackId: TRACK },
	'timer:pause': { trackId: TRACK },
	'timer:resume': { trackId: TRACK },
	'timer:extend': { trackId: TRACK, deltaMs: MIN },
	'timer:next': { trackId: TRACK },
	'timer:previous': { trackId: TRACK },
	'timer:end': { trackId: TRACK },
	'question:ask': { id: 'c3a1d2e4-5b6f-4a70-8b91-0a1b2c3d4e5f', slotId: CURRENT, text: 'Why?' },
	'question:vote': { questionId: QUESTION_ID, voted: true },
	'question:list': { slotId: CURRENT },
	'question:moderate': { questionId: QUESTION_ID, action: 'answer' },
	'questions:configure': { trackId: TRACK, premoderated: true },
	'questions:close': { slotId: UPCOMING, closed: true }
};

const notObjects: unknown[][] = [[null], ['main'], [42], [[]], [true]];
const HUGE = 'x'.repeat(12 * 1024);

/** Argument lists (before the ack) that must all be acked `invalid`, by kind of mistake. */
function malformed(name: CommandName): Record<string, unknown[][]> {
	const ok = valid[name];
	if (name === 'clock:ping') {
		return {
			'wrong types': notObjects,
			'missing fields': [[]],
			'extra fields': [[{ extra: 1 }], [ok, 'a second argument']],
			'huge strings': [[{ note: HUGE }]]
		};
	}
	const timer = name.startsWith('timer:');
	const extend = name === 'timer:extend';
	return {
		'wrong types': [
			...notObjects,
			[{ ...ok, trackId: 42 }],
			[{ ...ok, trackId: ['main'] }],
			...(timer
				? [
						[{ ...ok, expectedVersion: '0' }],
						[{ ...ok, expectedVersion: -1 }],
						[{ ...ok, expectedVersion: 0.5 }]
					]
				: []),
			...(extend
				? [
						[{ ...ok, deltaMs: '60000' }],
						[{ ...ok, deltaMs: 1.5 }],
						[{ ...ok, deltaMs: 0 }],
						[{ ...ok, deltaMs: 500 }],
						[{ ...ok, deltaMs: 2 * 60 * MIN }]
					]
				: [])
		],
		'missing fields': [[], [{}], ...(extend ? [[{ trackId: TRACK }], [{ deltaMs: MIN }]] : [])],
		'extra fields': [[{ ...ok, extra: 1 }], [{ ...ok, role: 'chair' }], [ok, 'a second argument']],
		'huge strings': [
			[{ ...ok, trackId: HUGE }],
			[{ ...ok, trackId: 'main; DROP TABLE timer' }],
			[{ ...ok, extra: HUGE }]
		]
	};
}

describe.each(commandNames)('%s with bad input', (name) => {
	const world = new World();
	let server: TestServer;
	let cookie: string;
	let chair: Client;
	let observer: Client;
	let seen: TimerState[];
	let before: TimerState;

	beforeAll(async () => {
		server = await world.start();
		({ socket: chair, cookie } = await world.joinAsChair(server));
		// resume is only obeyed while paused: put the timer there so a valid resume would act
		if (name === 'timer:resume') {
			await send(chair, 'timer:start', { trackId: TRACK });
			await send(chair, 'timer:pause', { trackId: TRACK });
		}
		if (name === 'question:vote' || name === 'question:moderate') {
			const ack = await send(chair, 'question:ask', {
				id: QUESTION_ID,
				slotId: CURRENT,
				text: 'How?'
			});
			expect(ack.ok).toBe(true);
		}
		observer = (await world.join(server)).socket;
		seen = recordStates(observer);
		before = await timerOf(server);
	});
	afterAll(() => world.cleanup());

	async function expectUntouched() {
		await pause(50);
		expect(seen).toEqual([]);
		expect(await timerOf(server)).toEqual(before);
		const fresh = await world.join(server);
		expect(fresh.snapshot.timers).toEqual([before]);
		fresh.socket.disconnect();
		expect(server.logs.filter((line) => line.includes(' ERROR '))).toEqual([]);
	}

	it.each(['wrong types', 'missing fields', 'extra fields', 'huge strings'])(
		'acks invalid for %s',
		async (kind) => {
			const cases = malformed(name)[kind]!;
			expect(cases.length).toBeGreaterThan(0);
			for (const args of cases) {
				const ack = await send(chair, name, ...args);
				expect(ack, JSON.stringify(args).slice(0, 80)).toMatchObject({
					ok: false,
					error: { code: 'invalid' }
				});
				expect(ack.ok || ack.error.message).not.toMatch(/ at |ZodError|\n/);
			}
			await expectUntouched();
		}
	);

	it('drops the command unrun when there is no ack callback', async () => {
		const stranger = await world.connect(server, { cookie });
		const strangerSeen = recordStates(stranger);
		stranger.emit(name, valid[name]);
		stranger.emit(name);
		// Messages on one socket are handled in order: once this is acked, the others were seen.
		expect((await send(stranger, 'clock:ping', {})).ok).toBe(true);
		await expectUntouched();
		if (name === 'track:join') {
			await send(chair, 'timer:next', { trackId: TRACK });
			await pause(100);
			expect(strangerSeen, 'a dropped track:join must not join the room').toEqual([]);
			seen.length = 0;
			before = await timerOf(server);
		}
	});

	it(`drops only the sender of a message over ${MAX_MESSAGE_BYTES} bytes`, async () => {
		const sender = await world.connect(server, { cookie });
		const dropped = new Promise<string>((resolve) => sender.once('disconnect', resolve));
		sender.emit(
			name,
			{ ...valid[name], padding: 'x'.repeat(MAX_MESSAGE_BYTES + 1024) },
			() => undefined
		);
		expect(await dropped).toMatch(/transport (close|error)/);
		expect(observer.connected).toBe(true);
		expect(chair.connected).toBe(true);
		await expectUntouched();
	});

	it('still obeys the same command once it is well formed (the checks above can fail)', async () => {
		const ack = await send(chair, name, valid[name]);
		expect(ack.ok).toBe(true);
		if (name.startsWith('timer:')) {
			await pause(50);
			expect(seen.map((s) => s.version)).toEqual([before.version + 1]);
		}
	});
});
