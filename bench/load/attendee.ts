// One simulated attendee, joining like the page does (src/lib/client/connection/connection.svelte.ts):
// a Socket.IO websocket with the protocol version (and the device token the server handed
// out, once it does) in the handshake, retrying a lost connection with the page's backoff;
// `track:join` for the snapshot (naming the event tag it holds, so that a rejoin is answered
// without the event when it has not changed), `question:list` for the slot the timer is on
// (the page lists its slot's questions on every join), then a clock sync of `pings` round
// trips on the first join only (the clocks do not move with a reconnect); it rejoins after every
// reconnect, and syncs the clock again every RESYNC_MS as the page does (at a random phase,
// so a crowd's syncs are spread out as real phones' are). The raw-ws attendee of the floor
// baseline only opens a WebSocket and reads the snapshot the server sends on connect.
// Each attendee names a client address in X-Forwarded-For (the benchmark runs Dais with
// TRUST_PROXY), ATTENDEES_PER_ADDRESS to an address as behind a venue's NAT, so that the
// per-address limits see a crowd as they would see a real one, not 10,000 phones on one address.
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { PROTOCOL_VERSION } from '#shared/protocol.ts';
import { RESYNC_MS } from '../../src/lib/client/connection/clock-math.ts';
import { RECONNECT } from '../../src/lib/client/connection/reconnect.ts';
import type { Crowd } from './ipc.ts';
import type { Recorder } from './recorder.ts';

const ACK_TIMEOUT_MS = 20_000;
const ATTENDEES_PER_ADDRESS = 50;
let attendees = 0;
/** 10.x.y.z, a new one every ATTENDEES_PER_ADDRESS attendees of this process */
const nextAddress = (): string => {
	const n = Math.floor(attendees++ / ATTENDEES_PER_ADDRESS) + process.pid * 1024;
	return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
};

export type Attendee = {
	/** resolves at the first snapshot */
	readonly joined: Promise<void>;
	close(): void;
};

type Ack = { ok: boolean; data?: unknown; error?: { code?: string } };
type JoinAnswer = {
	eventTag?: string;
	event?: unknown;
	timers?: { trackId?: string; version?: number; slotId?: unknown }[];
};

/** The socket of a Socket.IO attendee, for writers that send commands of their own. */
export type SioAttendee = Attendee & { readonly socket: Socket };

export function sioAttendee(crowd: Crowd, recorder: Recorder | null): SioAttendee {
	const index = recorder?.register() ?? -1;
	let deviceToken: string | undefined;
	const auth = () =>
		deviceToken
			? { protocolVersion: PROTOCOL_VERSION, deviceToken }
			: { protocolVersion: PROTOCOL_VERSION };
	const socket: Socket = io(crowd.url, {
		transports: ['websocket'],
		forceNew: true,
		extraHeaders: { 'x-forwarded-for': nextAddress() },
		auth: (cb) => cb(auth()),
		...RECONNECT
	});
	/** the tag of the event held (from a snapshot that carried the event) */
	let eventTag: string | undefined;
	let synced = false;
	let markJoined: () => void = () => {};
	const joined = new Promise<void>((resolve) => (markJoined = resolve));

	const join = async () => {
		let ack: Ack;
		try {
			ack = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('track:join', {
				trackId: crowd.trackId,
				...(eventTag ? { eventTag } : {})
			})) as Ack;
		} catch {
			socket.disconnect().connect();
			return;
		}
		if (!ack.ok) return;
		const answer = ack.data as JoinAnswer;
		if (answer.event !== undefined) eventTag = answer.eventTag;
		const timer = answer.timers?.find((t) => t.trackId === crowd.trackId);
		recorder?.snapshot(index, typeof timer?.version === 'number' ? timer.version : null);
		markJoined();
		if (typeof timer?.slotId === 'string') await listQuestions(timer.slotId);
		if (!synced) await syncClock();
		synced = true;
		recorder?.synced(index);
	};
	const listQuestions = async (slotId: string) => {
		try {
			await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('question:list', { slotId });
		} catch {
			// like the page: the list comes again with the next join
		}
	};
	const syncClock = async () => {
		for (let i = 0; i < crowd.pings && socket.connected; i++) {
			try {
				await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('clock:ping', {});
			} catch {
				break;
			}
		}
	};
	let resync: ReturnType<typeof setTimeout> | undefined;
	const resyncLater = (ms: number) => {
		resync = setTimeout(() => {
			if (socket.connected) void syncClock();
			resyncLater(RESYNC_MS);
		}, ms);
	};
	resyncLater(Math.random() * RESYNC_MS);

	socket.on('connect', () => {
		recorder?.connected(index);
		void join();
	});
	socket.io.on('reconnect_attempt', () => recorder?.attempt(index));
	socket.on('connect_error', (error) => recorder?.failed(index, error.message));
	socket.on('disconnect', (reason) => {
		if (reason === 'io server disconnect') socket.connect();
	});
	socket.on('device:token', (payload: { token?: unknown }) => {
		if (typeof payload?.token === 'string') deviceToken = payload.token;
	});
	if (recorder)
		socket.onAny((event: string, payload: unknown) => recorder.event(index, event, payload));
	return {
		socket,
		joined,
		close: () => {
			clearTimeout(resync);
			socket.removeAllListeners();
			socket.disconnect();
		}
	};
}

export function wsAttendee(crowd: Crowd, recorder: Recorder): Attendee {
	const index = recorder.register();
	const ws = new WebSocket(crowd.url.replace(/^http/, 'ws'));
	let markJoined: () => void = () => {};
	const joined = new Promise<void>((resolve) => (markJoined = resolve));
	ws.on('message', (data) => {
		const message = JSON.parse(String(data)) as { event: string; payload: unknown };
		if (message.event !== 'snapshot') return recorder.event(index, message.event, message.payload);
		recorder.snapshot(index, null);
		recorder.synced(index);
		markJoined();
	});
	ws.on('error', () => undefined);
	return { joined, close: () => ws.terminate() };
}
