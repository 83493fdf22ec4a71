// The Socket.IO server: inbound messages are capped at MAX_MESSAGE_BYTES, browsers must
// connect from our own origin, the handshake must carry this PROTOCOL_VERSION (else the
// connect_error message is `protocol_mismatch`), and a live chair session decides the role.
// The handshake's device token decides the device id; a device without a valid one gets
// a fresh id, sent as `device:token` right after connecting. A stage key in the handshake is
// kept on the socket, checked whenever the socket reports what the stage showed. Every socket
// joins its device's room, which hears of moderation on the questions that device asked.
// Behind a trusted proxy, connections are capped per forwarded address here
// (http/connections.ts); a transport that never joins the namespace is dropped after
// CONNECT_TIMEOUT_MS.
import type { Server as HttpServer, IncomingMessage } from 'node:http';
import { Server, type ServerOptions } from 'socket.io';
import type { ConnectionCount } from '../http/connections.ts';
import {
	HandshakeAuth,
	MAX_MESSAGE_BYTES,
	PROTOCOL_VERSION,
	type ChairEnded,
	type ErrorCode,
	type Role
} from '#shared/protocol.ts';
import { readCookie } from '../http/cookies.ts';
import { forwardedAddress, isSameOrigin } from '../http/origin.ts';
import type { Logger } from '../logger.ts';
import { CHAIR_COOKIE, liveAt, type ChairService } from '../services/chair.service.ts';
import type { DeviceService } from '../services/device.service.ts';
import type { IdempotencyService } from '../services/idempotency.service.ts';
import { addressKey } from '../services/address-key.ts';
import type { OpenBudgets } from './budgets.ts';
import { commandListener, type CommandHandlers } from './command.ts';
import { chairRoom, deviceRoom, isChairRoom } from './rooms.ts';
import type { DaisServer, DaisSocket } from './types.ts';

export type IoDeps = {
	chair: ChairService;
	devices: DeviceService;
	/** behind a reverse proxy: take the client address from X-Forwarded-For */
	trustProxy: boolean;
	logger: Logger;
	publicUrl: string | undefined;
	/** false when sharing the http server with other WebSockets (Vite's HMR in dev) */
	destroyUpgrade: boolean;
	/** seconds between heartbeats (Socket.IO's pingInterval) */
	heartbeatSeconds: number;
	/** behind a proxy: Socket.IO connections are counted per forwarded address here */
	connections: ConnectionCount | null;
	/** the adapter that spans processes (Redis); default: this process's memory */
	adapter?: ServerOptions['adapter'];
};

/** What runs the commands of every socket (serveCommands). */
export type CommandDeps = {
	chair: ChairService;
	logger: Logger;
	handlers: CommandHandlers;
	idempotency: IdempotencyService;
	/** the budgets of the commands every client may send */
	budgets: OpenBudgets;
};

/** A client that opens the transport but never joins the namespace is dropped after this. */
const CONNECT_TIMEOUT_MS = 10_000;

/** Socket.IO's own default pingInterval. */
export const DEFAULT_HEARTBEAT_SECONDS = 25;

/** A connect_error whose message is the code, with `data` shaped like an ErrorBody. */
function refusal(
	code: ErrorCode,
	message: string
): Error & { data: { code: ErrorCode; message: string } } {
	return Object.assign(new Error(code), { data: { code, message } });
}

type EngineSocket = {
	request: IncomingMessage;
	close(): void;
	once(event: 'close', listener: () => void): void;
};

export function createIo(httpServer: HttpServer, deps: IoDeps): DaisServer {
	const { chair, logger, publicUrl } = deps;
	const io: DaisServer = new Server(httpServer, {
		...(deps.adapter ? { adapter: deps.adapter } : {}),
		maxHttpBufferSize: MAX_MESSAGE_BYTES,
		serveClient: false,
		destroyUpgrade: deps.destroyUpgrade,
		pingInterval: deps.heartbeatSeconds * 1000,
		connectTimeout: CONNECT_TIMEOUT_MS,
		allowRequest: (req, callback) => {
			const allowed = isSameOrigin(req, publicUrl);
			callback(allowed ? null : 'forbidden', allowed);
		}
	});

	const { connections } = deps;
	if (connections) {
		io.engine.on('connection', (raw: EngineSocket) => {
			const { socket, headers } = raw.request;
			const key = addressKey(
				forwardedAddress(socket.remoteAddress, headers['x-forwarded-for'], true)
			);
			if (!connections.tryOpen(key)) return void raw.close();
			raw.once('close', () => connections.closed(key));
		});
	}

	io.use(async (socket, next) => {
		const auth = HandshakeAuth.safeParse(socket.handshake.auth);
		if (!auth.success)
			return next(refusal('invalid', 'the handshake must carry { protocolVersion }'));
		if (auth.data.protocolVersion !== PROTOCOL_VERSION) {
			return next(
				refusal(
					'protocol_mismatch',
					`this server speaks protocol ${PROTOCOL_VERSION}; reload the app`
				)
			);
		}
		try {
			const session = await chair.liveSession(
				readCookie(socket.handshake.headers.cookie, CHAIR_COOKIE)
			);
			const { deviceId, freshToken } = deps.devices.identify(auth.data.deviceToken);
			const { address, headers } = socket.handshake;
			const client = forwardedAddress(address, headers['x-forwarded-for'], deps.trustProxy);
			socket.data = {
				role: session ? 'chair' : 'attendee',
				sessionId: session?.id ?? null,
				chairUntil: session?.expiresAt ?? null,
				deviceId,
				freshToken,
				address: addressKey(client),
				stageKey: auth.data.stageKey ?? null
			};
			next();
		} catch (err) {
			logger.error('socket handshake failed', err);
			next(refusal('internal', 'something went wrong on the server'));
		}
	});

	return io;
}

/** Every socket joins its device's room and has its commands run by `handlers`. */
export function serveCommands(io: DaisServer, deps: CommandDeps): void {
	const onCommand = commandListener(deps.handlers, {
		logger: deps.logger,
		roleOf: demoteEndedChair(deps.chair),
		idempotency: deps.idempotency,
		budgets: deps.budgets
	});
	io.on('connection', (socket) => {
		socket.onAny(onCommand);
		socket.join(deviceRoom(socket.data.deviceId));
		const token = socket.data.freshToken;
		if (token) socket.emit('device:token', { token });
	});
}

/**
 * Demotes a socket whose chair session has ended (signed out, expired) to attendee, so that
 * it leaves the chair rooms (they carry pending and hidden questions), and resolves the role
 * the socket is left with. Every chair check on a socket goes through it.
 */
export function demoteEndedChair(chair: ChairService): (socket: DaisSocket) => Promise<Role> {
	return async (socket) => {
		const { sessionId } = socket.data;
		if (sessionId === null) return 'attendee';
		const role = await chair.roleForSession(sessionId);
		if (role !== 'chair') demote(socket);
		return role;
	};
}

/**
 * The socket becomes an attendee's and leaves every chair room; with a `reason` it is told
 * (`chair:ended`), as when a chair signs out or the passcode changes (an expired session's
 * page learns its role from its next join).
 */
export function demote(socket: DaisSocket, reason?: ChairEnded['reason']): void {
	socket.data = { ...socket.data, role: 'attendee', sessionId: null, chairUntil: null };
	for (const room of socket.rooms) if (isChairRoom(room)) socket.leave(room);
	if (reason) socket.emit('chair:ended', { reason });
}

/**
 * Demotes the sockets in the chair rooms of `trackIds` whose session has expired by `now`
 * (epoch ms), so that what is about to go to those rooms reaches live chairs only.
 */
export function dropExpiredChairs(io: DaisServer, trackIds: readonly string[], now: number): void {
	const nsp = io.of('/');
	for (const trackId of trackIds) {
		for (const id of nsp.adapter.rooms.get(chairRoom(trackId)) ?? []) {
			const socket = nsp.sockets.get(id);
			const until = socket?.data.chairUntil;
			if (socket && (until === null || until === undefined || !liveAt(until, now))) demote(socket);
		}
	}
}
