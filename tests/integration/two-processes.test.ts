// Two real Dais processes on one store and one Redis (support/processes.ts: SQLite shared
// DATA_DIR, or DAIS_TEST_DATABASE_URL), with real socket.io-client sockets on each: what a
// chair or an attendee does on one is seen on the other at once, the limits count across
// both, a SIGKILLed process loses no acked write, and a Redis outage loses nothing either.
import type { ChildProcess } from 'node:child_process';
import { io } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
	PROTOCOL_VERSION,
	type ChairEnded,
	type QuestionListResult,
	type QuestionVotes,
	type Snapshot
} from '#shared/protocol.ts';
import type { EventInfo } from '#shared/schema/event.ts';
import type { Question } from '#shared/schema/question.ts';
import type { TimerState } from '#shared/schema/timer.ts';
import {
	eventually,
	serveShared,
	sharedStore,
	startRedis,
	type DaisProcess,
	type SharedStore,
	type TestRedis
} from './support/processes.ts';
import { newId } from './support/questions.ts';
import { cookiePair, dataOf, nextEvent, send, TRACK, type AnyAck, type Client } from './world.ts';

const PASSCODE = 'two-processes-passcode';
/** asks per device, per address, votes per device, per address (a minute) */
const LIMITS = '3,1000,1000,100000';

const sockets = new Set<Client>();
afterEach(() => {
	for (const socket of sockets) socket.disconnect();
	sockets.clear();
});

type Pair = {
	redis: TestRedis;
	store: SharedStore;
	a: DaisProcess;
	b: DaisProcess;
	children: Set<ChildProcess>;
	stop(): Promise<void>;
};

async function startPair(env: Record<string, string> = {}): Promise<Pair> {
	const children = new Set<ChildProcess>();
	const redis = await startRedis(children);
	const store = await sharedStore();
	const shared = { ...store.env, REDIS_URL: redis.url, CHAIR_PASSCODE: PASSCODE, ...env };
	const a = await serveShared(children, shared);
	const b = await serveShared(children, shared);
	const stop = async () => {
		for (const child of children) child.kill('SIGKILL');
		await store.cleanup();
	};
	return { redis, store, a, b, children, stop };
}

function connect(
	server: DaisProcess,
	options: { cookie?: string; deviceToken?: string } = {}
): Promise<Client> {
	const socket = io(server.url, {
		transports: ['websocket'],
		reconnection: false,
		forceNew: true,
		auth: {
			protocolVersion: PROTOCOL_VERSION,
			...(options.deviceToken ? { deviceToken: options.deviceToken } : {})
		},
		extraHeaders: options.cookie ? { cookie: options.cookie } : {}
	}) as Client;
	sockets.add(socket);
	return new Promise((resolve, reject) => {
		socket.once('connect', () => resolve(socket));
		socket.once('connect_error', reject);
	});
}

async function join(server: DaisProcess, cookie?: string): Promise<Client> {
	const socket = await connect(server, { cookie });
	const ack = await send(socket, 'track:join', { trackId: TRACK });
	if (!ack.ok) throw new Error(`track:join failed: ${JSON.stringify(ack)}`);
	return socket;
}

async function signIn(server: DaisProcess): Promise<string> {
	const res = await fetch(`${server.url}/api/chair/session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ passcode: PASSCODE })
	});
	if (res.status !== 200) throw new Error(`sign-in answered ${res.status}`);
	return cookiePair(res);
}

const snapshotOf = async (server: DaisProcess) =>
	(await (await fetch(`${server.url}/api/snapshot`)).json()) as Snapshot;

const health = async (server: DaisProcess) =>
	(await (await fetch(`${server.url}/api/health`)).json()) as { redis?: string };

/** A slot that is always ahead of the clock (questions may be asked on it). */
const upcomingSlot = async (server: DaisProcess) =>
	(await snapshotOf(server)).event.tracks[0]!.slots.at(-1)!.id;

describe('two Dais processes on one store and one Redis', () => {
	let pair: Pair;
	beforeAll(async () => {
		pair = await startPair({ QUESTION_LIMITS: LIMITS });
	});
	afterAll(() => pair.stop());

	it('say in /api/health that Redis is up', async () => {
		await eventually(async () => (await health(pair.a)).redis === 'up', 'A sees Redis');
		await eventually(async () => (await health(pair.b)).redis === 'up', 'B sees Redis');
	});

	it("carry a chair's command on one to the attendees on the other", async () => {
		const chair = await join(pair.a, await signIn(pair.a));
		const attendee = await join(pair.b);
		const heard = nextEvent<TimerState>(attendee, 'timer:state');
		const ack = await send(chair, 'timer:start', { trackId: TRACK });
		const started = dataOf<TimerState>(ack);
		expect(started.phase).toBe('running');
		expect(await heard).toEqual(started);
		expect((await snapshotOf(pair.b)).timers.find((t) => t.trackId === TRACK)).toEqual(started);
	});

	it('refuse a stale command on one after a command on the other, applying it never', async () => {
		const cookie = await signIn(pair.a);
		const onA = await join(pair.a, cookie);
		const onB = await join(pair.b, cookie);
		const before = (await snapshotOf(pair.a)).timers.find((t) => t.trackId === TRACK)!;
		const first = await send(onA, 'timer:extend', {
			trackId: TRACK,
			deltaMs: 60_000,
			expectedVersion: before.version
		});
		expect(first).toMatchObject({ ok: true });
		const stale = await send(onB, 'timer:extend', {
			trackId: TRACK,
			deltaMs: 60_000,
			expectedVersion: before.version
		});
		expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });
		const after = (await snapshotOf(pair.b)).timers.find((t) => t.trackId === TRACK)!;
		expect(after).toEqual(dataOf<TimerState>(first));
	});

	it('show a question asked on one on the other, and count a vote there for both', async () => {
		const slotId = await upcomingSlot(pair.a);
		const asker = await join(pair.a);
		const watcherOnA = await join(pair.a);
		const voter = await join(pair.b);
		const seen = nextEvent<Question>(voter, 'question:updated');
		const id = newId();
		const asked = await send(asker, 'question:ask', { id, slotId, text: 'Across processes?' });
		expect(asked).toMatchObject({ ok: true });
		expect(await seen).toMatchObject({ id, text: 'Across processes?', votes: 0 });

		const countsOnA = nextEvent<QuestionVotes>(watcherOnA, 'question:votes');
		const countsOnB = nextEvent<QuestionVotes>(voter, 'question:votes');
		const vote = await send(voter, 'question:vote', { questionId: id, voted: true });
		expect(vote).toMatchObject({ ok: true, data: { questionId: id, votes: 1, voted: true } });
		expect(await countsOnA).toEqual({ slotId, votes: { [id]: 1 } });
		expect(await countsOnB).toEqual({ slotId, votes: { [id]: 1 } });
		const listed = dataOf<QuestionListResult>(
			await send(watcherOnA, 'question:list', { slotId })
		).questions.find((q) => q.id === id);
		expect(listed).toMatchObject({ votes: 1 });
	});

	it("count one device's asks on both against one limit", async () => {
		const slotId = await upcomingSlot(pair.a);
		const deviceToken = await tokenOf(pair.a);
		const onA = await connect(pair.a, { deviceToken });
		const onB = await connect(pair.b, { deviceToken });
		const ask = (socket: Client) =>
			send(socket, 'question:ask', { id: newId(), slotId, text: 'One of a few' });
		const acks: AnyAck[] = [];
		for (const socket of [onA, onB, onA]) acks.push(await ask(socket));
		expect(acks.map((a) => a.ok)).toEqual([true, true, true]);
		expect(await ask(onB)).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
		expect(await ask(onA)).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
	});

	it('demote, on the other, the sockets of a chair who signs out on one', async () => {
		const cookie = await signIn(pair.a);
		const onB = await join(pair.b, cookie);
		const told = nextEvent<ChairEnded>(onB, 'chair:ended');
		const res = await fetch(`${pair.a.url}/api/chair/session`, {
			method: 'DELETE',
			headers: { origin: pair.a.url, cookie }
		});
		expect(res.status).toBeLessThan(300);
		expect(await told).toEqual({ reason: 'signed-out' });
		const refused = await send(onB, 'timer:pause', { trackId: TRACK });
		expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
	});

	it("carry an agenda edit on one to the other's attendees and newcomers at once", async () => {
		const chair = await join(pair.a, await signIn(pair.a));
		const attendee = await join(pair.b);
		const event = (await snapshotOf(pair.b)).event;
		const slot = event.tracks[0]!.slots.at(-1)!;
		const heard = nextEvent<EventInfo>(attendee, 'agenda:updated');
		const ack = await send(chair, 'agenda:update-slot', {
			trackId: TRACK,
			expectedAgendaVersion: event.agendaVersion,
			slotId: slot.id,
			patch: { title: 'Retitled on the other process' }
		});
		const edited = dataOf<EventInfo>(ack);
		expect(await heard).toEqual(edited);
		expect((await snapshotOf(pair.b)).event).toEqual(edited);
		const newcomer = await connect(pair.b);
		const joined = dataOf<Snapshot>(await send(newcomer, 'track:join', { trackId: TRACK }));
		expect(joined.event).toEqual(edited);
	});

	// last: the passcode is another one afterwards
	it("end, on the other, a passcode change's other sessions, and refuse the old passcode there", async () => {
		const mine = await signIn(pair.a);
		const theirs = await signIn(pair.b);
		const theirTab = await join(pair.b, theirs);
		const told = nextEvent<ChairEnded>(theirTab, 'chair:ended');
		const res = await fetch(`${pair.a.url}/api/chair/passcode`, {
			method: 'POST',
			headers: { origin: pair.a.url, cookie: mine }
		});
		expect(res.status).toBe(200);
		const { passcode } = (await res.json()) as { passcode: string };
		expect(await told).toEqual({ reason: 'passcode-changed' });
		const tryOnB = (code: string) =>
			fetch(`${pair.b.url}/api/chair/session`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ passcode: code })
			});
		expect((await tryOnB(PASSCODE)).status).toBe(401);
		expect((await tryOnB(passcode)).status).toBe(200);
	});
});

/** A fresh device's token from `server`. */
async function tokenOf(server: DaisProcess): Promise<string> {
	const socket = io(server.url, {
		transports: ['websocket'],
		reconnection: false,
		forceNew: true,
		auth: { protocolVersion: PROTOCOL_VERSION }
	}) as Client;
	sockets.add(socket);
	return new Promise((resolve) =>
		socket.once('device:token', (body: { token: string }) => resolve(body.token))
	);
}

describe('a Dais process killed with SIGKILL next to another', () => {
	let pair: Pair;
	afterEach(() => pair?.stop());

	it('loses none of the acked questions: the other lists each once', async () => {
		pair = await startPair();
		const slotId = await upcomingSlot(pair.a);
		const devices = await Promise.all(Array.from({ length: 4 }, () => connect(pair.a)));
		const acked = new Set<string>();
		const sent = new Set<string>();
		let killed = false;
		const exited = new Promise((resolve) => pair.a.child.once('exit', resolve));
		const burst = async (socket: Client) => {
			for (;;) {
				const id = newId();
				sent.add(id);
				const ack = await socket
					.timeout(5000)
					.emitWithAck('question:ask', { id, slotId, text: `Burst ${sent.size}` })
					.catch(() => null);
				if (!ack) return;
				expect(ack).toMatchObject({ ok: true });
				acked.add(id);
				if (acked.size >= 60 && !killed) {
					killed = true;
					pair.a.child.kill('SIGKILL');
				}
			}
		};
		await Promise.all(devices.flatMap((socket) => [burst(socket), burst(socket)]));
		expect(await exited).toBe(null);

		const chair = await join(pair.b, await signIn(pair.b));
		const listed = dataOf<QuestionListResult>(await send(chair, 'question:list', { slotId }));
		const ids = listed.questions.map((q) => q.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect([...acked].filter((id) => !ids.includes(id))).toEqual([]);
		expect(ids.filter((id) => !sent.has(id))).toEqual([]);
	});
});

describe('a Redis outage under two Dais processes', () => {
	let pair: Pair;
	afterEach(() => pair?.stop());

	it('keeps each serving its own phones, says so, and catches the others up on return', async () => {
		pair = await startPair();
		await eventually(async () => (await health(pair.b)).redis === 'up', 'B sees Redis');
		const cookie = await signIn(pair.a);
		const chair = await join(pair.a, cookie);
		const attendeeOnA = await join(pair.a);
		const attendeeOnB = await connect(pair.b);
		await send(attendeeOnB, 'track:join', { trackId: TRACK });

		await pair.redis.kill();
		await eventually(async () => (await health(pair.a)).redis === 'down', 'A says down');
		await eventually(async () => (await health(pair.b)).redis === 'down', 'B says down');
		const heardOnA = nextEvent<TimerState>(attendeeOnA, 'timer:state');
		const started = dataOf<TimerState>(await send(chair, 'timer:start', { trackId: TRACK }));
		expect(await heardOnA).toEqual(started);
		expect(pair.a.logs()).toMatch(/Redis at .* is unreachable/);

		// B's phone missed it; once Redis is back, B disconnects it and, as a page does after a
		// server-side disconnect, it connects again at once: its join shows what it missed
		const rejoined = new Promise<Snapshot>((resolve, reject) => {
			attendeeOnB.once('disconnect', (reason) => {
				expect(reason).toBe('io server disconnect');
				attendeeOnB.once('connect', () =>
					send(attendeeOnB, 'track:join', { trackId: TRACK })
						.then((ack) => resolve(dataOf<Snapshot>(ack)))
						.catch(reject)
				);
				attendeeOnB.connect();
			});
		});
		await pair.redis.start();
		await eventually(async () => (await health(pair.b)).redis === 'up', 'B sees Redis again');
		const snapshot = await rejoined;
		expect(snapshot.timers.find((t) => t.trackId === TRACK)).toEqual(started);

		// A disconnected its own sockets too, the chair's among them: its page joins again
		await eventually(async () => (await health(pair.a)).redis === 'up', 'A sees Redis again');
		await eventually(() => !chair.connected, 'A disconnected the chair');
		const again = await join(pair.a, cookie);
		const next = nextEvent<TimerState>(attendeeOnB, 'timer:state');
		const paused = dataOf<TimerState>(await send(again, 'timer:pause', { trackId: TRACK }));
		expect(await next).toEqual(paused);
	});
});
