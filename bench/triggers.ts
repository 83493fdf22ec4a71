// The driver's own clients, which cause the broadcasts that the attendees time: a chair (on
// Dais: signed in over HTTP, the cookie in the handshake) that extends the timer, and askers
// (one device each, as rate limits are per device) that ask and vote. Each trigger takes
// its start time just before it emits, and resolves with the key the attendees will see.
import crypto from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { PROTOCOL_VERSION } from '#shared/protocol.ts';
import { nowUs } from './load/ipc.ts';
import { questionKey, timerKey, votesKey } from './load/keys.ts';

const ACK_TIMEOUT_MS = 20_000;
export const EXTEND_MS = 60_000;

export type Fired = { t0: number; key: string };
export type Prepared = { slotId: string; version: number };

export interface Trigger {
	/** Makes sure the track's timer is running; its slot and version. */
	prepare(): Promise<Prepared>;
	/** +1 minute by the chair */
	extend(): Promise<Fired>;
	ask(asker: number, slotId: string): Promise<Fired & { id: string }>;
	vote(asker: number, questionId: string): Promise<Fired>;
	/** Pre-moderation on or off (scenario 3 keeps new questions out of the fan-out). */
	premoderate(on: boolean): Promise<void>;
	close(): void;
}

type Ack = { ok: boolean; data?: Record<string, unknown>; error?: { code?: string } };
type TimerLike = { slotId?: unknown; version?: unknown; trackId?: unknown };

function connect(url: string, cookie?: string): Promise<Socket> {
	const socket = io(url, {
		transports: ['websocket'],
		forceNew: true,
		auth: { protocolVersion: PROTOCOL_VERSION },
		extraHeaders: cookie ? { cookie } : {}
	});
	return new Promise((resolve, reject) => {
		socket.once('connect', () => resolve(socket));
		socket.once('connect_error', (err) => reject(err));
	});
}

async function send(socket: Socket, name: string, payload: object): Promise<Ack['data']> {
	const ack = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(name, payload)) as Ack;
	if (!ack.ok) throw new Error(`${name} answered ${ack.error?.code ?? 'an error'}`);
	return ack.data ?? {};
}

/** Signs in with the passcode; the `name=value` cookie pair. */
export async function chairCookie(url: string, passcode: string): Promise<string> {
	const res = await fetch(`${url}/api/chair/session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ passcode })
	});
	const setCookie = res.headers.getSetCookie()[0];
	if (res.status !== 200 || !setCookie) throw new Error(`chair sign-in answered ${res.status}`);
	return setCookie.split(';')[0]!;
}

/** Dais or the Socket.IO baseline (which ignores the cookie and answers every command). */
export class SocketIoTrigger implements Trigger {
	private readonly askers = new Map<number, Socket>();

	private constructor(
		private readonly url: string,
		private readonly chair: Socket,
		private readonly trackId: string
	) {}

	static async open(url: string, trackId: string, cookie?: string): Promise<SocketIoTrigger> {
		const chair = await connect(url, cookie);
		await send(chair, 'track:join', { trackId });
		return new SocketIoTrigger(url, chair, trackId);
	}

	async prepare(): Promise<Prepared> {
		const ack = (await this.chair
			.timeout(ACK_TIMEOUT_MS)
			.emitWithAck('timer:start', { trackId: this.trackId })) as Ack;
		const timer = ack.ok ? (ack.data as TimerLike) : await this.current();
		if (typeof timer.slotId !== 'string' || typeof timer.version !== 'number') {
			throw new Error(`the timer is not running: ${JSON.stringify(timer)}`);
		}
		return { slotId: timer.slotId, version: timer.version };
	}

	private async current(): Promise<TimerLike> {
		const snapshot = await send(this.chair, 'track:join', { trackId: this.trackId });
		const timers = (snapshot?.timers ?? []) as TimerLike[];
		return timers.find((t) => t.trackId === this.trackId) ?? {};
	}

	async extend(): Promise<Fired> {
		const t0 = nowUs();
		const state = await send(this.chair, 'timer:extend', {
			trackId: this.trackId,
			deltaMs: EXTEND_MS
		});
		return { t0, key: timerKey(Number(state?.version)) };
	}

	/** The socket of asker `i`: a device of its own, made on first use. */
	private async asker(i: number): Promise<Socket> {
		const known = this.askers.get(i);
		if (known) return known;
		const socket = await connect(this.url);
		await send(socket, 'track:join', { trackId: this.trackId });
		this.askers.set(i, socket);
		return socket;
	}

	async ask(asker: number, slotId: string) {
		const socket = await this.asker(asker);
		const id = crypto.randomUUID();
		const t0 = nowUs();
		await send(socket, 'question:ask', { id, slotId, text: `Bench question ${asker}: why?` });
		return { t0, key: questionKey(id), id };
	}

	async vote(asker: number, questionId: string): Promise<Fired> {
		const socket = await this.asker(asker);
		const t0 = nowUs();
		const result = await send(socket, 'question:vote', { questionId, voted: true });
		return { t0, key: votesKey(questionId, Number(result?.votes)) };
	}

	async premoderate(on: boolean): Promise<void> {
		await send(this.chair, 'questions:configure', { trackId: this.trackId, premoderated: on });
	}

	close(): void {
		for (const s of [this.chair, ...this.askers.values()]) s.disconnect();
	}
}

/** The raw-ws floor: the sender gets the broadcast too, which serves as its ack. */
export class WsTrigger implements Trigger {
	private version = 0;

	private constructor(private readonly ws: WebSocket) {}

	static async open(url: string): Promise<WsTrigger> {
		const ws = new WebSocket(url.replace(/^http/, 'ws'));
		await new Promise<void>((resolve, reject) => {
			ws.once('open', () => resolve());
			ws.once('error', reject);
		});
		return new WsTrigger(ws);
	}

	private roundTrip(event: string, payload: object, reply: string): Promise<unknown> {
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`no ${reply}`)), ACK_TIMEOUT_MS);
			const onMessage = (data: WebSocket.RawData) => {
				const message = JSON.parse(String(data)) as { event: string; payload: unknown };
				if (message.event !== reply) return;
				clearTimeout(timer);
				this.ws.off('message', onMessage);
				resolve(message.payload);
			};
			this.ws.on('message', onMessage);
			this.ws.send(JSON.stringify({ event, payload }));
		});
	}

	async prepare(): Promise<Prepared> {
		return { slotId: 'ws-slot', version: this.version };
	}

	async extend(): Promise<Fired> {
		const t0 = nowUs();
		const state = (await this.roundTrip(
			'timer:extend',
			{ deltaMs: EXTEND_MS },
			'timer:state'
		)) as TimerLike;
		this.version = Number(state.version);
		return { t0, key: timerKey(this.version) };
	}

	async ask(_asker: number, slotId: string) {
		const id = crypto.randomUUID();
		const t0 = nowUs();
		await this.roundTrip(
			'question:ask',
			{ id, slotId, text: 'Bench question: why?' },
			'question:updated'
		);
		return { t0, key: questionKey(id), id };
	}

	async vote(asker: number, questionId: string): Promise<Fired> {
		const t0 = nowUs();
		// one connection stands for every asker: the asker's number makes each vote distinct
		const counts = (await this.roundTrip(
			'question:vote',
			{ questionId, voted: true, voter: asker },
			'question:votes'
		)) as { votes: Record<string, number> };
		return { t0, key: votesKey(questionId, Number(counts.votes[questionId])) };
	}

	async premoderate(): Promise<void> {}

	close(): void {
		this.ws.terminate();
	}
}
