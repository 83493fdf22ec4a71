// Durability across a hard crash: a real server process (support/serve.ts) takes a burst of
// questions (or of votes) from several devices and is killed with SIGKILL mid-burst. Restarted on the same
// data dir (SQLite) or database (PostgreSQL), it must list every question whose ack arrived,
// each once (and count every acked vote); re-sending everything (acked or not) from the
// same devices then stores each question id exactly once and counts each vote once.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type QuestionListResult, type Snapshot } from '#shared/protocol.ts';
import { createTestDatabase, dropTestDatabase } from './support/postgres.ts';
import { newId, type AskPayload } from './support/questions.ts';
import { cookiePair, World, type AnyAck, type Client } from './world.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PASSCODE = 'crash-test-passcode';
const DEVICES = 6;
const IN_FLIGHT = 4;
const KILL_AFTER_ACKS = 120;

const world = new World();
const children = new Set<ChildProcess>();
const sockets = new Set<Client>();
afterEach(async () => {
	for (const socket of sockets) socket.disconnect();
	sockets.clear();
	for (const child of children) child.kill('SIGKILL');
	children.clear();
	await world.cleanup();
});

/** Starts support/serve.ts on `dataDir` (and `databaseUrl`, when given); resolves its URL and process once it listens. */
function serve(
	dataDir: string,
	databaseUrl?: string
): Promise<{ url: string; child: ChildProcess }> {
	const child = spawn(process.execPath, ['--import', 'tsx', 'tests/integration/support/serve.ts'], {
		cwd: ROOT,
		env: {
			...process.env,
			PORT: '0',
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			CHAIR_PASSCODE: PASSCODE,
			LOG_LEVEL: 'warn',
			...(databaseUrl ? { DATABASE_URL: databaseUrl } : {})
		},
		stdio: ['ignore', 'pipe', 'inherit']
	});
	children.add(child);
	return new Promise((resolve, reject) => {
		let out = '';
		child.stdout!.on('data', (chunk) => {
			out += chunk;
			const line = /^\{"port":(\d+)\}$/m.exec(out);
			if (line) resolve({ url: `http://127.0.0.1:${line[1]}`, child });
		});
		child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
	});
}

function connect(url: string, deviceToken?: string): Promise<{ socket: Client; token: string }> {
	const socket = io(url, {
		transports: ['websocket'],
		reconnection: false,
		forceNew: true,
		auth: { protocolVersion: PROTOCOL_VERSION, ...(deviceToken ? { deviceToken } : {}) }
	}) as Client;
	sockets.add(socket);
	return new Promise((resolve, reject) => {
		if (deviceToken) socket.once('connect', () => resolve({ socket, token: deviceToken }));
		else socket.once('device:token', ({ token }: { token: string }) => resolve({ socket, token }));
		socket.once('connect_error', reject);
	});
}

/** A chair's socket on the server at `url` (signed in with the passcode). */
async function chairOn(url: string): Promise<Client> {
	const signIn = await fetch(`${url}/api/chair/session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ passcode: PASSCODE })
	});
	const chair = io(url, {
		transports: ['websocket'],
		reconnection: false,
		forceNew: true,
		auth: { protocolVersion: PROTOCOL_VERSION },
		extraHeaders: { cookie: cookiePair(signIn) }
	}) as Client;
	sockets.add(chair);
	return chair;
}

const emit = (socket: Client, name: string, payload: unknown): Promise<AnyAck | null> =>
	socket
		.timeout(5000)
		.emitWithAck(name, payload)
		.then((ack: AnyAck) => ack)
		.catch(() => null);

const databases: string[] = [];
afterEach(async () => {
	for (const url of databases.splice(0)) await dropTestDatabase(url);
});

/** Where the store lives: the data dir's SQLite file, or a fresh PostgreSQL database. */
const stores = {
	SQLite: async () => undefined,
	PostgreSQL: async () => {
		const url = await createTestDatabase();
		databases.push(url);
		return url;
	}
};

describe.each(Object.keys(stores) as (keyof typeof stores)[])(
	'a server on %s killed with SIGKILL during a burst of questions',
	(engine) => {
		it('loses none of the acked questions and duplicates none', async () => {
			const dataDir = world.freshDataDir();
			const databaseUrl = await stores[engine]();
			const first = await serve(dataDir, databaseUrl);
			const snapshot = (await (await fetch(`${first.url}/api/snapshot`)).json()) as Snapshot;
			const slotId = snapshot.event.tracks[0]!.slots.at(-1)!.id; // always upcoming
			const devices = await Promise.all(Array.from({ length: DEVICES }, () => connect(first.url)));

			const sent = new Map<string, { device: number; payload: AskPayload }>();
			const acked = new Set<string>();
			let killed = false;
			const burst = async (device: number) => {
				for (;;) {
					const payload = { id: newId(), slotId, text: `Burst question ${sent.size}` };
					sent.set(payload.id, { device, payload });
					const ack = await emit(devices[device]!.socket, 'question:ask', payload);
					if (!ack) return;
					expect(ack).toMatchObject({ ok: true });
					acked.add(payload.id);
					if (acked.size >= KILL_AFTER_ACKS && !killed) {
						killed = true;
						first.child.kill('SIGKILL');
					}
				}
			};
			const exited = new Promise((resolve) => first.child.once('exit', resolve));
			await Promise.all(
				devices.flatMap((_, device) => Array.from({ length: IN_FLIGHT }, () => burst(device)))
			);
			expect(await exited).toBe(null);
			expect(acked.size).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);

			const second = await serve(dataDir, databaseUrl);
			const signIn = await fetch(`${second.url}/api/chair/session`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ passcode: PASSCODE })
			});
			const chair = io(second.url, {
				transports: ['websocket'],
				reconnection: false,
				forceNew: true,
				auth: { protocolVersion: PROTOCOL_VERSION },
				extraHeaders: { cookie: cookiePair(signIn) }
			}) as Client;
			sockets.add(chair);
			const listAll = async () => {
				const ack = await emit(chair, 'question:list', { slotId });
				if (!ack?.ok) throw new Error(`question:list failed: ${JSON.stringify(ack)}`);
				return (ack.data as QuestionListResult).questions;
			};

			const afterCrash = await listAll();
			const storedIds = afterCrash.map((q) => q.id);
			expect(new Set(storedIds).size).toBe(storedIds.length);
			expect(storedIds.filter((id) => !sent.has(id))).toEqual([]);
			expect([...acked].filter((id) => !storedIds.includes(id))).toEqual([]);
			for (const q of afterCrash) expect(q.text).toBe(sent.get(q.id)!.payload.text);

			const again = await Promise.all(devices.map((d) => connect(second.url, d.token)));
			const resent = await Promise.all(
				[...sent.values()].map(({ device, payload }) =>
					emit(again[device]!.socket, 'question:ask', payload)
				)
			);
			expect(resent.filter((ack) => !ack?.ok)).toEqual([]);
			const final = await listAll();
			expect(final.map((q) => q.id).sort()).toEqual([...sent.keys()].sort());
		});

		it('loses none of the acked votes and counts none twice', async () => {
			const dataDir = world.freshDataDir();
			const databaseUrl = await stores[engine]();
			const first = await serve(dataDir, databaseUrl);
			const snapshot = (await (await fetch(`${first.url}/api/snapshot`)).json()) as Snapshot;
			const slotId = snapshot.event.tracks[0]!.slots.at(-1)!.id;
			const devices = await Promise.all(Array.from({ length: DEVICES }, () => connect(first.url)));
			const questionIds = Array.from({ length: 40 }, () => newId());
			const asks = await Promise.all(
				questionIds.map((id, n) =>
					emit(devices[n % DEVICES]!.socket, 'question:ask', { id, slotId, text: `Vote ${n}` })
				)
			);
			expect(asks.filter((ack) => !ack?.ok)).toEqual([]);

			type Sent = {
				device: number;
				payload: { questionId: string; voted: true; commandId: string };
			};
			const queue: Sent[] = devices.flatMap((_, device) =>
				questionIds.map((questionId) => ({
					device,
					payload: { questionId, voted: true as const, commandId: newId() }
				}))
			);
			const sent: Sent[] = [];
			const acked: Sent[] = [];
			let killed = false;
			const burst = async (device: number) => {
				const mine = queue.filter((v) => v.device === device);
				for (const vote of mine) {
					sent.push(vote);
					const ack = await emit(devices[device]!.socket, 'question:vote', vote.payload);
					if (!ack) return;
					expect(ack).toMatchObject({ ok: true });
					acked.push(vote);
					if (acked.length >= KILL_AFTER_ACKS && !killed) {
						killed = true;
						first.child.kill('SIGKILL');
					}
				}
			};
			const exited = new Promise((resolve) => first.child.once('exit', resolve));
			await Promise.all(devices.map((_, device) => burst(device)));
			expect(await exited).toBe(null);
			expect(acked.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);

			const second = await serve(dataDir, databaseUrl);
			const chair = await chairOn(second.url);
			const countsOf = async () => {
				const ack = await emit(chair, 'question:list', { slotId });
				if (!ack?.ok) throw new Error(`question:list failed: ${JSON.stringify(ack)}`);
				const questions = (ack.data as QuestionListResult).questions;
				return new Map(questions.map((q) => [q.id, q.votes]));
			};
			const perQuestion = (votes: Sent[], id: string) =>
				votes.filter((v) => v.payload.questionId === id).length;
			const afterCrash = await countsOf();
			for (const id of questionIds) {
				expect(afterCrash.get(id)).toBeGreaterThanOrEqual(perQuestion(acked, id));
				expect(afterCrash.get(id)).toBeLessThanOrEqual(perQuestion(sent, id));
			}

			const again = await Promise.all(devices.map((d) => connect(second.url, d.token)));
			const resent = await Promise.all(
				sent.map(({ device, payload }) => emit(again[device]!.socket, 'question:vote', payload))
			);
			expect(resent.filter((ack) => !ack?.ok)).toEqual([]);
			const final = await countsOf();
			for (const id of questionIds) expect(final.get(id)).toBe(perQuestion(sent, id));
		}, 60_000);
	}
);
