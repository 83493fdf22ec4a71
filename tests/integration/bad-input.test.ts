// Every client→server command fed malformed input by a signed-in chair (so that a valid
// payload would be obeyed): each is acked `invalid` or dropped, and nothing changes: no
// broadcast, the same event, timers and stages for a newcomer, no error logged.
// (questions-bad-input.test.ts checks the question commands' own fields in depth.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	commandNames,
	MAX_MESSAGE_BYTES,
	PROTOCOL_VERSION,
	type CommandName
} from '#shared/protocol.ts';
import type { StageState } from '#shared/schema/stage.ts';
import { newSlot, QUESTION_ID, valid } from './payloads.ts';
import { CURRENT } from './support/questions.ts';
import {
	dataOf,
	MIN,
	pause,
	recordEvents,
	send,
	SLOTS,
	stateOf,
	TRACK,
	World,
	type Client,
	type TestServer
} from './world.ts';

const notObjects: unknown[][] = [[null], ['main'], [42], [[]], [true]];
const HUGE = 'x'.repeat(12 * 1024);
type Cases = Record<string, unknown[][]>;

/** Mistakes that only some commands can make, by kind, on top of the generic ones. */
function specific(name: CommandName, ok: Record<string, unknown>): Partial<Cases> {
	const agendaVersion = [
		[{ ...ok, expectedAgendaVersion: '1' }],
		[{ ...ok, expectedAgendaVersion: -1 }],
		[{ ...ok, expectedAgendaVersion: 1.5 }]
	];
	const slotId = [
		[{ ...ok, slotId: 42 }],
		[{ ...ok, slotId: 'no spaces!' }],
		[{ ...ok, slotId: '' }]
	];
	const noVersion = { ...ok, expectedAgendaVersion: undefined };
	switch (name) {
		case 'agenda:update-slot':
			return {
				'wrong types': [
					...agendaVersion,
					...slotId,
					[{ ...ok, patch: 'title' }],
					[{ ...ok, patch: { title: '' } }],
					[{ ...ok, patch: { plannedMinutes: 0 } }],
					[{ ...ok, patch: { plannedMinutes: 2.5 } }],
					[{ ...ok, patch: { plannedMinutes: 25 * 60 } }],
					[{ ...ok, patch: { kind: 'keynote' } }],
					[{ ...ok, patch: { speakers: 'Ada' } }],
					[{ ...ok, patch: { plannedStart: 'soon' } }],
					[{ ...ok, patch: { plannedStart: 1.5 } }]
				],
				'missing fields': [[noVersion], [{ ...ok, patch: {} }], [{ ...ok, slotId: undefined }]],
				'extra fields': [[{ ...ok, patch: { id: 'x' } }], [{ ...ok, patch: { position: 0 } }]],
				'huge strings': [
					[{ ...ok, patch: { title: HUGE } }],
					[{ ...ok, patch: { abstract: 'x'.repeat(4001) } }],
					[{ ...ok, patch: { speakers: Array.from({ length: 21 }, () => 'Ada') } }]
				]
			};
		case 'agenda:insert-slot':
			return {
				'wrong types': [
					...agendaVersion,
					[{ ...ok, afterSlotId: 42 }],
					[{ ...ok, afterSlotId: 'no spaces!' }],
					[{ ...ok, slot: { ...newSlot, plannedMinutes: -15 } }],
					[{ ...ok, slot: { ...newSlot, kind: 'party' } }]
				],
				'missing fields': [
					[noVersion],
					[{ ...ok, afterSlotId: undefined }],
					[{ ...ok, slot: { ...newSlot, title: undefined } }],
					[{ ...ok, slot: undefined }]
				],
				'extra fields': [
					[{ ...ok, slot: { ...newSlot, id: 'chosen-id' } }],
					[{ ...ok, slot: { ...newSlot, plannedStart: 0 } }]
				],
				'huge strings': [[{ ...ok, slot: { ...newSlot, title: HUGE } }]]
			};
		case 'agenda:remove-slot':
			return {
				'wrong types': [...agendaVersion, ...slotId],
				'missing fields': [[noVersion], [{ ...ok, slotId: undefined }]],
				'huge strings': [[{ ...ok, slotId: HUGE }]]
			};
		case 'agenda:move-slot':
			return {
				'wrong types': [
					...agendaVersion,
					...slotId,
					[{ ...ok, toIndex: -1 }],
					[{ ...ok, toIndex: '3' }],
					[{ ...ok, toIndex: 1.5 }]
				],
				'missing fields': [[noVersion], [{ ...ok, toIndex: undefined }]],
				'huge strings': [[{ ...ok, slotId: HUGE }]]
			};
		case 'stage:signal':
			return {
				'wrong types': [
					[{ ...ok, kind: 'shout' }],
					[{ ...ok, kind: 'text', text: 42 }],
					[{ ...ok, kind: 'text', text: '   ' }],
					[{ ...ok, expectedVersion: -1 }]
				],
				'missing fields': [[{ ...ok, kind: undefined }], [{ ...ok, kind: 'text' }]],
				'huge strings': [[{ ...ok, kind: 'text', text: 'x'.repeat(141) }]]
			};
		case 'stage:clear':
			return { 'wrong types': [[{ ...ok, expectedVersion: '0' }]] };
		case 'stage:flash':
			return {
				'wrong types': [[{ ...ok, enabled: 'no' }], [{ ...ok, enabled: 0 }]],
				'missing fields': [[{ ...ok, enabled: undefined }]]
			};
		case 'stage:seen':
			return {
				'wrong types': [[{ ...ok, signalId: 42 }], [{ ...ok, signalId: '' }]],
				'missing fields': [[{ ...ok, signalId: undefined }]],
				'huge strings': [[{ ...ok, signalId: 'x'.repeat(65) }]]
			};
		case 'track:join':
			return {
				'wrong types': [[{ ...ok, eventTag: 42 }], [{ ...ok, eventTag: '' }]],
				'huge strings': [[{ ...ok, eventTag: 'x'.repeat(65) }]]
			};
		case 'audit:list':
			return {
				'wrong types': [
					[{ limit: 0 }],
					[{ limit: 501 }],
					[{ limit: '10' }],
					[{ limit: 1.5 }],
					[{ trackId: 'no spaces!' }]
				]
			};
		default:
			return {};
	}
}

/** Argument lists (before the ack) that must all be acked `invalid`, by kind of mistake. */
function malformed(name: CommandName, ok: Record<string, unknown>): Cases {
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
	const more = specific(name, ok);
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
				: []),
			...(more['wrong types'] ?? [])
		],
		'missing fields': [
			[],
			// these take an empty object: every field has a default, or there are none
			...(['audit:list', 'stage:key', 'stage:revoke-key'].includes(name) ? [] : [[{}]]),
			...(extend ? [[{ trackId: TRACK }], [{ deltaMs: MIN }]] : []),
			...(more['missing fields'] ?? [])
		],
		'extra fields': [
			[{ ...ok, extra: 1 }],
			[{ ...ok, role: 'chair' }],
			[ok, 'a second argument'],
			...(more['extra fields'] ?? [])
		],
		'huge strings': [
			[{ ...ok, trackId: HUGE }],
			[{ ...ok, trackId: 'main; DROP TABLE timer' }],
			[{ ...ok, extra: HUGE }],
			...(more['huge strings'] ?? [])
		]
	};
}

/** Puts the server where a valid `name` would be obeyed; returns the payload to use. */
async function prepare(name: CommandName, chair: Client): Promise<Record<string, unknown>> {
	const start = () => send(chair, 'timer:start', { trackId: TRACK });
	switch (name) {
		case 'timer:resume':
			await start();
			await send(chair, 'timer:pause', { trackId: TRACK });
			break;
		case 'timer:undo':
			await start();
			break;
		case 'stage:clear':
			await send(chair, 'stage:signal', { trackId: TRACK, kind: 'time-up' });
			break;
		case 'question:vote':
		case 'question:moderate': {
			const ack = await send(chair, 'question:ask', {
				id: QUESTION_ID,
				slotId: CURRENT,
				text: 'How?'
			});
			expect(ack.ok).toBe(true);
			break;
		}
		case 'stage:seen': {
			const ack = await send(chair, 'stage:signal', { trackId: TRACK, kind: 'time-up' });
			return { ...valid[name], signalId: dataOf<StageState>(ack).signal!.id };
		}
		default:
			break;
	}
	return valid[name];
}

/** Commands that change shared state, so that obeying them is broadcast. */
const broadcasts = (name: CommandName) =>
	![
		'clock:ping',
		'track:join',
		'audit:list',
		'question:list',
		'stage:key',
		'stage:revoke-key'
	].includes(name);

describe.each(commandNames)('%s with bad input', (name) => {
	const world = new World();
	let server: TestServer;
	let cookie: string;
	let chair: Client;
	let observer: Client;
	let ok: Record<string, unknown>;
	let seen: [string, unknown][];
	let before: Awaited<ReturnType<typeof stateNow>>;

	/** What a newcomer gets, plus the current slot's questions as a chair sees them. */
	async function stateNow() {
		const questions = await send(chair, 'question:list', { slotId: CURRENT });
		return { ...(await stateOf(server)), questions };
	}

	beforeAll(async () => {
		server = await world.start();
		// the chair's socket also opened the stage with its key, so that `stage:seen` counts
		const auth = { protocolVersion: PROTOCOL_VERSION, stageKey: await server.app.stageKey() };
		({ socket: chair, cookie } = await world.joinAsChair(server, { auth }));
		ok = await prepare(name, chair);
		observer = (await world.join(server)).socket;
		seen = recordEvents(observer);
		before = await stateNow();
	});
	afterAll(() => world.cleanup());

	async function expectUntouched() {
		await pause(50);
		expect(seen).toEqual([]);
		expect(await stateNow()).toEqual(before);
		const fresh = await world.join(server);
		expect(fresh.snapshot.timers).toEqual(before.timers);
		fresh.socket.disconnect();
		expect(server.logs.filter((line) => line.includes(' ERROR '))).toEqual([]);
	}

	it.each(['wrong types', 'missing fields', 'extra fields', 'huge strings'])(
		'acks invalid for %s',
		async (kind) => {
			const cases = malformed(name, ok)[kind]!;
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
		const strangerSeen = recordEvents(stranger);
		stranger.emit(name, ok);
		stranger.emit(name);
		// Messages on one socket are handled in order: once this is acked, the others were seen.
		expect((await send(stranger, 'clock:ping', {})).ok).toBe(true);
		await expectUntouched();
		if (name === 'track:join') {
			await send(chair, 'timer:next', { trackId: TRACK });
			await pause(100);
			expect(strangerSeen, 'a dropped track:join must not join the room').toEqual([]);
			seen.length = 0;
			before = await stateNow();
		}
	});

	it(`drops only the sender of a message over ${MAX_MESSAGE_BYTES} bytes`, async () => {
		const sender = await world.connect(server, { cookie });
		const dropped = new Promise<string>((resolve) => sender.once('disconnect', resolve));
		sender.emit(name, { ...ok, padding: 'x'.repeat(MAX_MESSAGE_BYTES + 1024) }, () => undefined);
		expect(await dropped).toMatch(/transport (close|error)/);
		expect(observer.connected).toBe(true);
		expect(chair.connected).toBe(true);
		await expectUntouched();
	});

	it('still obeys the same command once it is well formed (the checks above can fail)', async () => {
		const ack = await send(chair, name, ok);
		expect(ack.ok, JSON.stringify(ack)).toBe(true);
		if (broadcasts(name)) {
			await pause(50);
			expect(seen.length).toBeGreaterThan(0);
			expect(await stateNow()).not.toEqual(before);
		}
	});
});

describe('an event outside the command catalog', () => {
	const world = new World();
	afterAll(() => world.cleanup());

	it('is ignored, unanswered, whatever its name, and the socket keeps working', async () => {
		const server = await world.start();
		const { socket } = await world.join(server);
		const names = ['timer:explode', '__proto__', 'constructor', 'toString', 'hasOwnProperty'];
		const answers = names.map((name) =>
			send(socket, name, {}).then(
				() => 'answered',
				() => 'no answer'
			)
		);
		expect(await Promise.all(answers)).toEqual(names.map(() => 'no answer'));
		expect((await send(socket, 'clock:ping', {})).ok).toBe(true);
		expect(server.logs.filter((line) => line.includes(' ERROR '))).toEqual([]);
	});
});
