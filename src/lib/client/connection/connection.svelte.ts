// The socket's lifecycle: connect with the protocol version, join the track (naming the event
// it holds, which the server then leaves out), sync the clock (on the first join, and when
// the offset is stale: see clock-math.ts), feed the track's broadcasts to the LiveTrack, and
// report a status the badge can show. Switching tracks re-joins on the same socket. Lost
// connections are retried with exponential backoff and jitter, and at once when the device
// says it is back online. A server that stops answering a device that still has a network
// reads as "reconnecting" for RESTART_GRACE_MS (a restart or a new deployment), and as
// "offline" only after that. A protocol mismatch stops retrying and asks for a reload. The
// device token the server hands out is kept and sent in every later handshake.
// What else arrives (questions, audit entries) and every (re)join go to whoever listens with
// `on`; a command's result goes back to its sender, who applies it. Server messages are
// trusted as typed: the handshake has proved that both sides speak this PROTOCOL_VERSION
// (and zod stays out of the page).
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION } from '$lib/shared/protocol-version.ts';
import type {
	Ack,
	ClientToServerEvents,
	CommandInput,
	CommandName,
	CommandResult,
	EventName,
	HandshakeAuth,
	JoinSnapshot,
	Role,
	ServerToClientEvents,
	Snapshot
} from '$lib/shared/protocol.ts';
import type { ClientError } from '../labels.ts';
import type { LiveTrack } from '../live-track.svelte.ts';
import type { ServerClock } from './clock.svelte.ts';
import { RECONNECT } from './reconnect.ts';
import type { Ticker } from './ticker.svelte.ts';

export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'offline';
export type CommandAck<N extends CommandName> =
	{ ok: true; data: CommandResult<N> } | { ok: false; error: ClientError };

/** What a page can listen to: the server's events (protocol.ts), and every (re)join. */
export type ConnectionEvents = ServerToClientEvents & {
	/** a (re)join's snapshot has been applied: the page holds the server's current state */
	joined: (snapshot: Snapshot) => void;
};
type EventPayload<E extends keyof ConnectionEvents> = Parameters<ConnectionEvents[E]>[0];

type DaisSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const ACK_TIMEOUT_MS = 5_000;
/** how often the page checks, locally, whether its clock offset is stale */
const STALE_CHECK_MS = 60_000;
/** failed attempts in a row after which we say "offline" rather than "reconnecting" */
const OFFLINE_AFTER = 3;
/** how long a lost server (with the device's network up) is taken for a restart, ms */
const RESTART_GRACE_MS = 30_000;
/** A first snapshot this much newer than the copy the page started from: it was away. */
const AWAY_MS = 30_000;

export class Connection {
	#status = $state.raw<ConnectionStatus>('connecting');
	#lastSyncAt = $state.raw<number | null>(null);
	#role: Role;
	#outdated = $state.raw(false);
	#socket: DaisSocket | null = null;
	#failures = 0;
	#everLive = false;
	readonly #listeners: { [E in keyof ConnectionEvents]?: Set<(payload: never) => void> } = {};
	#deviceToken = $state.raw<string | null>(null);
	/**
	 * the stage display's key from its link (`/stage#key=...`), which lets the display confirm
	 * the signals it shows; set before start(), sent in every handshake
	 */
	declare stageKey?: string;
	/** the server could not be reached since the last join */
	#unreachable = false;
	readonly #live: LiveTrack;
	readonly #clock: ServerClock;
	readonly #ticker: Ticker;

	constructor(deps: { live: LiveTrack; clock: ServerClock; ticker: Ticker; role: Role }) {
		this.#live = deps.live;
		this.#clock = deps.clock;
		this.#ticker = deps.ticker;
		this.#role = $state.raw(deps.role);
		this.on('timer:state', (timer) => this.#live.applyTimer(timer, this.#clock.now()));
		this.on('agenda:updated', (event) => this.#live.applyAgenda(event, this.#clock.now()));
		this.on('stage:state', (stage) => this.#live.applyStage(stage));
		this.on('questions:settings', (settings) => this.#live.applyQuestionSettings(settings));
	}

	get status() {
		return this.#status;
	}
	/** server epoch ms when we last knew we had the server's state; null before the first join */
	get lastSyncAt() {
		return this.#lastSyncAt;
	}
	get role() {
		return this.#role;
	}
	/** true when the server speaks a newer protocol: the page must be reloaded */
	get outdated() {
		return this.#outdated;
	}
	/**
	 * Calls `handler` with every `event`: a server event of the protocol catalog, or `joined`
	 * after each (re)join. Returns the unsubscribe.
	 */
	on<E extends keyof ConnectionEvents>(event: E, handler: ConnectionEvents[E]): () => void {
		const handlers = (this.#listeners[event] ??= new Set());
		handlers.add(handler);
		return () => void handlers.delete(handler);
	}

	/** the token that names this device to the server (votes, "mine"); null until it has one */
	get deviceToken() {
		return this.#deviceToken;
	}

	/** Takes the device token kept on the device; call before start(). */
	restoreDeviceToken(token: string): void {
		this.#deviceToken ??= token;
	}

	/** Follows another track: the LiveTrack switches at once, the socket re-joins. */
	follow(trackId: string): void {
		if (trackId === this.#live.trackId) return;
		this.#live.select(trackId);
		if (this.#socket?.connected) void this.#join(this.#socket);
	}

	/** Re-joins the track to take a fresh snapshot (e.g. after a `conflict`). */
	async refresh(): Promise<void> {
		if (this.#socket?.connected) await this.#join(this.#socket, false);
	}

	/** Takes the last sync time kept on the device, when this page has not synced yet. */
	restoreLastSync(at: number): void {
		if (this.#lastSyncAt === null) this.#lastSyncAt = at;
	}

	/** Opens the socket; returns the function that closes it. Browser only. */
	start(): () => void {
		const auth: HandshakeAuth = { protocolVersion: PROTOCOL_VERSION, stageKey: this.stageKey };
		if (this.#deviceToken) auth.deviceToken = this.#deviceToken;
		const socket: DaisSocket = io({ transports: ['websocket'], auth, ...RECONNECT });
		this.#socket = socket;
		socket.on('connect', () => void this.#join(socket));
		socket.on('disconnect', (reason) => {
			this.#setStatus(this.#everLive ? 'reconnecting' : 'connecting');
			if (reason === 'io server disconnect') socket.connect();
		});
		socket.on('connect_error', (err) => this.#onConnectError(socket, err));
		// Socket.IO sends the same auth object again on every reconnect.
		socket.on('device:token', ({ token }) => (this.#deviceToken = auth.deviceToken = token));
		// every server event is one of the catalog's (the handshake agreed on the protocol)
		socket.onAny((event: EventName, payload: EventPayload<EventName>) =>
			this.#emit(event, payload)
		);
		const resync = setInterval(() => {
			if (socket.connected && this.#clock.stale()) void this.#sync(socket);
		}, STALE_CHECK_MS);
		const onNetwork = () =>
			this.#setStatus(socket.connected ? 'live' : this.#everLive ? 'reconnecting' : 'connecting');
		// Back online: try now instead of waiting out the backoff.
		const onOnline = () => {
			onNetwork();
			if (!socket.connected && !this.#outdated) this.reconnect();
		};
		window.addEventListener('online', onOnline);
		window.addEventListener('offline', onNetwork);
		// A device that knows it has no network says so now, not after the first failed attempt.
		onNetwork();
		return () => {
			clearInterval(resync);
			window.removeEventListener('online', onOnline);
			window.removeEventListener('offline', onNetwork);
			socket.removeAllListeners();
			socket.disconnect();
			this.#socket = null;
		};
	}

	/**
	 * Reconnects now, with a fresh backoff, so that the handshake carries the current cookies
	 * (after sign-in/out). `role` is shown until the new snapshot confirms (or corrects) it.
	 */
	reconnect(role?: Role): void {
		if (role) this.#role = role;
		const socket = this.#socket;
		if (!socket) return;
		socket.disconnect();
		socket.connect();
	}

	/** Sends a command and waits for its ack, whose result the sender applies. */
	async command<N extends CommandName>(name: N, payload: CommandInput<N>): Promise<CommandAck<N>> {
		const socket = this.#socket;
		if (!socket?.connected)
			return { ok: false, error: { code: 'offline', message: 'not connected' } };
		// the event map is indexed by a generic name here, which TypeScript cannot narrow
		const send = () =>
			(
				socket.timeout(ACK_TIMEOUT_MS) as unknown as {
					emitWithAck(n: N, p: CommandInput<N>): Promise<Ack<CommandResult<N>>>;
				}
			).emitWithAck(name, payload);
		// A command with a commandId is resent once after a lost answer: the server applies
		// an id once, so the resend is acked with the first result instead of applied twice.
		const retries = 'commandId' in payload ? 1 : 0;
		let ack: Ack<CommandResult<N>> | undefined;
		for (let attempt = 0; !ack && attempt <= retries; attempt++) {
			ack = await send().catch(() => undefined);
		}
		return ack ?? { ok: false, error: { code: 'timeout', message: 'no answer' } };
	}

	#emit<E extends keyof ConnectionEvents>(event: E, payload: EventPayload<E>): void {
		// each set holds handlers of its own event (on)
		for (const handler of this.#listeners[event] ?? []) {
			(handler as (payload: EventPayload<E>) => void)(payload);
		}
	}

	async #join(socket: DaisSocket, syncClock = true): Promise<void> {
		this.#failures = 0;
		let ack: Ack<JoinSnapshot>;
		try {
			ack = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('track:join', {
				trackId: this.#live.trackId,
				eventTag: this.#live.state.eventTag
			});
		} catch {
			socket.disconnect().connect();
			return;
		}
		if (!ack.ok) {
			this.#setStatus('reconnecting');
			return;
		}
		// Without an event, the server found the one we named current. Messages on a socket
		// keep their order, so no agenda broadcast newer than it can have arrived before this
		// answer: the page still holds that event.
		const current = this.#live.state;
		const snapshot: Snapshot = { ...ack.data, event: ack.data.event ?? current.event };
		const away = this.#everLive || this.#unreachable || snapshot.serverNow - current.at > AWAY_MS;
		this.#unreachable = false;
		this.#live.applySnapshot(snapshot, away);
		this.#role = snapshot.role;
		this.#clock.seed(snapshot.serverNow);
		this.#everLive = true;
		this.#setStatus('live');
		// A reconnect does not move the clocks: sync again only when the offset is stale. The
		// first ping goes out before what the listeners send, so its round trip waits on none.
		const synced = syncClock && this.#clock.stale() ? this.#sync(socket) : null;
		this.#emit('joined', snapshot);
		await synced;
	}

	async #sync(socket: DaisSocket): Promise<void> {
		await this.#clock.sync(async () => {
			const pong = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('clock:ping', {});
			if (!pong.ok) throw new Error(pong.error.code);
			return pong.data.serverNow;
		});
		this.#ticker.tick();
	}

	#onConnectError(socket: DaisSocket, err: Error): void {
		if (err.message === 'protocol_mismatch') {
			this.#outdated = true;
			socket.disconnect();
			return;
		}
		this.#failures++;
		this.#unreachable = true;
		this.#setStatus(this.#everLive ? 'reconnecting' : 'connecting');
		// A refusal by a server middleware is not retried by Socket.IO itself.
		if (!socket.active) setTimeout(() => socket.connect(), 5_000);
	}

	#setStatus(wanted: ConnectionStatus): void {
		// lastSyncAt: when the page stopped being live, once it has been
		const restarting =
			this.#everLive && this.#clock.now() - (this.#lastSyncAt ?? 0) < RESTART_GRACE_MS;
		const offline =
			navigator.onLine === false ||
			(wanted !== 'live' && this.#failures >= OFFLINE_AFTER && !restarting);
		const next = offline ? 'offline' : wanted;
		if (next === 'offline') this.#unreachable = true;
		// in sync up to now while live, and up to the moment we stop being live
		if (next === 'live' || this.#status === 'live') this.#lastSyncAt = this.#clock.now();
		this.#status = next;
	}
}
