// The integration test world: real Dais servers (createApp on port 0, a real SQLite file in
// a fresh temp DATA_DIR, an explicit clock) and real socket.io-client sockets over
// WebSocket. Each test file makes a World and calls `cleanup()` after each test.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type Snapshot } from '#shared/protocol.ts';
import type { EventInfo } from '#shared/schema/event.ts';
import type { TimerState } from '#shared/schema/timer.ts';
import { plannedTimer } from '#shared/timer.ts';
import { createApp, type App, type AppOptions } from '../../server/app.ts';
import type { Config } from '../../server/config.ts';
import { createLogger } from '../../server/logger.ts';
import { openPostgresStore } from '../../server/store/postgres/postgres.store.ts';
import { openSqliteStore } from '../../server/store/sqlite/sqlite.store.ts';
import { createTestDatabase, dropTestDatabase } from './support/postgres.ts';
import type { Store } from '../../server/store/store.ts';

/** 2025-05-20 11:20 in Lisbon (UTC+1, summer time), epoch ms. */
export const NOW = Date.UTC(2025, 4, 20, 10, 20, 0);
export const TRACK = 'main';
export const MIN = 60_000;

/** Seeded slots around NOW (rehearsal: the first slot starts at 11:00 Lisbon). */
export const SLOTS = {
	/** 11:15–11:45 Lisbon: the 30-minute discussion the plan has on at NOW */
	current: 's02-moving-container-workloads',
	/** 11:45–12:00, a talk */
	next: 's03-a-new-clone',
	/** 12:00–12:15, a talk */
	later: 's04-adopting-the-pidfd'
} as const;

export class TestClock {
	constructor(public t: number = NOW) {}
	now(): number {
		return this.t;
	}
	advance(ms: number): void {
		this.t += ms;
	}
}

export type ServerOptions = {
	dataDir?: string;
	clock?: TestClock;
	/** written into a fresh store before createApp, instead of the seed */
	event?: EventInfo;
	config?: Partial<
		Pick<
			Config,
			| 'chairPasscode'
			| 'publicUrl'
			| 'seedDates'
			| 'trustProxy'
			| 'heartbeatSeconds'
			| 'connectionsPerAddress'
		>
	>;
	questionLimits?: AppOptions['questionLimits'];
	openBudgets?: AppOptions['openBudgets'];
	/** how the server waits (default: record the wait and move the clock on by it) */
	sleep?: AppOptions['sleep'];
	/** stands in for SvelteKit's handler (pages 404 without it) */
	sveltekitHandler?: AppOptions['sveltekitHandler'];
	networkInterfaces?: AppOptions['networkInterfaces'];
};

export type TestServer = {
	url: string;
	port: number;
	dataDir: string;
	clock: TestClock;
	app: App;
	store: Store;
	/** everything the server logged, one entry per line */
	logs: string[];
	/** every wait the server asked for (ms); each moved the test clock on instead */
	sleeps: number[];
	stop(): Promise<void>;
};

type UntypedSocket = Socket & { emit(event: string, ...args: unknown[]): Socket };
export type Client = UntypedSocket;
export type ConnectOptions = {
	cookie?: string;
	protocolVersion?: unknown;
	origin?: string;
	auth?: unknown;
	/** sent in the handshake's auth next to the protocol version */
	deviceToken?: unknown;
	/** further handshake headers (X-Forwarded-For, say) */
	headers?: Record<string, string>;
};

const deviceTokens = new WeakMap<Client, Promise<string>>();

/** The token the server handed the socket right after connecting (fresh devices only). */
export function deviceTokenOf(socket: Client, timeoutMs = 3000): Promise<string> {
	const token = deviceTokens.get(socket);
	if (!token) throw new Error('not a World socket');
	return Promise.race([
		token,
		new Promise<string>((_, reject) =>
			setTimeout(() => reject(new Error('no device:token arrived')), timeoutMs)
		)
	]);
}

/** The stores a test about storage runs on (describe.each(STORES)). */
export const STORES = ['SQLite', 'PostgreSQL'] as const;
export type StoreKind = (typeof STORES)[number];

export class World {
	private readonly servers = new Set<TestServer>();
	private readonly clients = new Set<Client>();
	private readonly dirs = new Set<string>();
	/** on PostgreSQL, each data dir's database (a fresh one per data dir) */
	private readonly databases = new Map<string, string>();

	/** `kind`: where servers keep their data; a server restarted on a data dir finds it again */
	constructor(private readonly kind: StoreKind = 'SQLite') {}

	private async openStore(dataDir: string): Promise<Store> {
		if (this.kind === 'SQLite') return openSqliteStore(dataDir);
		let url = this.databases.get(dataDir);
		if (!url) {
			url = await createTestDatabase();
			this.databases.set(dataDir, url);
		}
		return openPostgresStore(url);
	}

	freshDataDir(): string {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dais-it-'));
		this.dirs.add(dir);
		return dir;
	}

	async start(options: ServerOptions = {}): Promise<TestServer> {
		const dataDir = options.dataDir ?? this.freshDataDir();
		const clock = options.clock ?? new TestClock();
		const logs: string[] = [];
		const sleeps: number[] = [];
		const sleep = async (ms: number) => {
			sleeps.push(ms);
			if (options.sleep) await options.sleep(ms);
			else clock.advance(ms);
		};
		const logger = createLogger('debug', (line) => void logs.push(line));
		const store = await this.openStore(dataDir);
		if (options.event) {
			await store.events.replace(
				options.event,
				options.event.tracks.map((t) => plannedTimer(t.id))
			);
		}
		const httpServer = http.createServer();
		const config = {
			chairPasscode: undefined,
			publicUrl: undefined,
			seedDates: 'rehearsal' as const,
			...options.config
		};
		const app = await createApp({
			httpServer,
			store,
			clock,
			logger,
			config,
			questionLimits: options.questionLimits,
			openBudgets: options.openBudgets,
			sleep,
			sveltekitHandler: options.sveltekitHandler,
			networkInterfaces: options.networkInterfaces
		});
		await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
		const port = (httpServer.address() as AddressInfo).port;
		const server: TestServer = {
			url: `http://127.0.0.1:${port}`,
			port,
			dataDir,
			clock,
			app,
			store,
			logs,
			sleeps,
			stop: async () => {
				if (!this.servers.delete(server)) return;
				await app.close();
				await store.close();
			}
		};
		this.servers.add(server);
		return server;
	}

	/** Stops `server` and starts a new one on the same data dir and clock. */
	async restart(server: TestServer, options: ServerOptions = {}): Promise<TestServer> {
		await server.stop();
		return this.start({ dataDir: server.dataDir, clock: server.clock, ...options });
	}

	/** A connected socket; rejects with the connect_error when the server refuses it. */
	connect(server: TestServer, options: ConnectOptions = {}): Promise<Client> {
		const headers: Record<string, string> = { ...options.headers };
		if (options.cookie) headers.cookie = options.cookie;
		if (options.origin) headers.origin = options.origin;
		const socket = io(server.url, {
			transports: ['websocket'],
			reconnection: false,
			forceNew: true,
			auth: (options.auth ?? {
				protocolVersion: options.protocolVersion ?? PROTOCOL_VERSION,
				...(options.deviceToken === undefined ? {} : { deviceToken: options.deviceToken })
			}) as object,
			extraHeaders: headers
		}) as Client;
		this.clients.add(socket);
		// Listening before the connection opens: the token arrives right after `connect`.
		deviceTokens.set(
			socket,
			new Promise((resolve) =>
				socket.once('device:token', (body: { token: string }) => resolve(body.token))
			)
		);
		return new Promise((resolve, reject) => {
			socket.once('connect', () => resolve(socket));
			socket.once('connect_error', (err) => reject(err));
		});
	}

	/** A connected socket that has joined a track (the seeded one), with the snapshot it got. */
	async join(
		server: TestServer,
		options: ConnectOptions & { trackId?: string } = {}
	): Promise<{ socket: Client; snapshot: Snapshot }> {
		const socket = await this.connect(server, options);
		const ack = await send(socket, 'track:join', { trackId: options.trackId ?? TRACK });
		if (!ack.ok) throw new Error(`track:join failed: ${JSON.stringify(ack)}`);
		return { socket, snapshot: ack.data as Snapshot };
	}

	/** A chair's socket on a track (the seeded one, or the one named or given in options). */
	async joinAsChair(
		server: TestServer,
		options: string | (ConnectOptions & { trackId?: string }) = {}
	): Promise<{ socket: Client; snapshot: Snapshot; cookie: string }> {
		const chosen = typeof options === 'string' ? { trackId: options } : options;
		const cookie = await signIn(server);
		return { ...(await this.join(server, { ...chosen, cookie })), cookie };
	}

	async cleanup(): Promise<void> {
		for (const client of this.clients) client.disconnect();
		this.clients.clear();
		await Promise.all([...this.servers].map((s) => s.stop()));
		for (const dir of this.dirs) fs.rmSync(dir, { recursive: true, force: true });
		this.dirs.clear();
		for (const url of this.databases.values()) await dropTestDatabase(url);
		this.databases.clear();
	}
}

export type AnyAck =
	{ ok: true; data: unknown } | { ok: false; error: { code: string; message: string } };

/** Emits a command with an ack callback (and any raw arguments); resolves the ack. */
export function send(socket: Client, name: string, ...args: unknown[]): Promise<AnyAck> {
	return socket.timeout(3000).emitWithAck(name, ...args) as Promise<AnyAck>;
}

/** Signs in over HTTP; resolves the `name=value` pair to send back as a Cookie header. */
export async function signIn(server: TestServer, passcode = passcodeOf(server)): Promise<string> {
	const res = await postSession(server, { passcode });
	if (res.status !== 200) throw new Error(`sign-in answered ${res.status}`);
	return cookiePair(res);
}

export function passcodeOf(server: TestServer): string {
	const passcode = server.app.generatedPasscode;
	if (!passcode) throw new Error('this server has a configured passcode');
	return passcode;
}

export function postSession(
	server: TestServer,
	body: unknown,
	headers: Record<string, string> = {}
): Promise<Response> {
	return fetch(`${server.url}/api/chair/session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: JSON.stringify(body)
	});
}

export function cookiePair(res: Response): string {
	const setCookie = res.headers.getSetCookie()[0];
	if (!setCookie) throw new Error('no Set-Cookie');
	return setCookie.split(';')[0]!;
}

/** The stored timer of the seeded track, as a newcomer's snapshot shows it. */
export async function timerOf(server: TestServer): Promise<TimerState> {
	const snapshot = (await (await fetch(`${server.url}/api/snapshot`)).json()) as Snapshot;
	const timer = snapshot.timers.find((t) => t.trackId === TRACK);
	if (!timer) throw new Error('no timer for the seeded track');
	return timer;
}

/** Collects every `timer:state` the socket receives. */
export function recordStates(socket: Client): TimerState[] {
	const seen: TimerState[] = [];
	socket.on('timer:state', (state: TimerState) => void seen.push(state));
	return seen;
}

/** Resolves the next `timer:state` the socket receives. */
export function nextState(socket: Client, timeoutMs = 3000): Promise<TimerState> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('no timer:state arrived')), timeoutMs);
		socket.once('timer:state', (state: TimerState) => {
			clearTimeout(timer);
			resolve(state);
		});
	});
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What a newcomer would get, without the moment it was taken: event, timers, stages. */
export async function stateOf(server: TestServer): Promise<Omit<Snapshot, 'serverNow' | 'role'>> {
	const {
		serverNow: _now,
		role: _role,
		...rest
	} = (await (await fetch(`${server.url}/api/snapshot`)).json()) as Snapshot;
	return rest;
}

/** Collects every server event the socket receives, as [name, payload]. */
export function recordEvents(socket: Client): [string, unknown][] {
	const seen: [string, unknown][] = [];
	socket.onAny((name: string, payload: unknown) => void seen.push([name, payload]));
	return seen;
}

/** Resolves the next `name` event the socket receives. */
export function nextEvent<T>(socket: Client, name: string, timeoutMs = 3000): Promise<T> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`no ${name} arrived`)), timeoutMs);
		socket.once(name, (payload: T) => {
			clearTimeout(timer);
			resolve(payload);
		});
	});
}

/** The data of an ok ack; throws with the ack otherwise. */
export function dataOf<T>(ack: AnyAck): T {
	if (!ack.ok) throw new Error(`refused: ${JSON.stringify(ack.error)}`);
	return ack.data as T;
}

export const TRACK_A = 'hall-a';
export const TRACK_B = 'hall-b';

/**
 * An event with two tracks, each with three 30-minute talks from 10:30 Lisbon on the day of
 * NOW (so at NOW, 11:20, the plan has the second one on): ids a1..a3 and b1..b3.
 */
export function twoTrackEvent(): EventInfo {
	const start = NOW - 20 * MIN - 30 * MIN;
	const slots = (prefix: string) =>
		[0, 1, 2].map((i) => ({
			id: `${prefix}${i + 1}`,
			kind: 'talk' as const,
			title: `Talk ${prefix.toUpperCase()}${i + 1}`,
			speakers: [`Speaker ${prefix}${i + 1}`],
			abstract: '',
			plannedStart: start + i * 30 * MIN,
			plannedMinutes: 30,
			position: i
		}));
	return {
		id: 'two-tracks',
		title: 'Two tracks',
		timezone: 'Europe/Lisbon',
		venue: 'Somewhere',
		rehearsal: true,
		agendaVersion: 1,
		tracks: [
			{ id: TRACK_A, name: 'Hall A', room: 'A', slots: slots('a') },
			{ id: TRACK_B, name: 'Hall B', room: 'B', slots: slots('b') }
		]
	};
}

/** Resolves the first `timer:state` from now on that has `version`. */
export function stateAt(socket: Client, version: number, timeoutMs = 3000): Promise<TimerState> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`no timer:state v${version}`)), timeoutMs);
		const listener = (state: TimerState) => {
			if (state.version !== version) return;
			clearTimeout(timer);
			socket.off('timer:state', listener);
			resolve(state);
		};
		socket.on('timer:state', listener);
	});
}
