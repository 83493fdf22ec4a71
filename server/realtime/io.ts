// The Socket.IO server: inbound messages are capped at MAX_MESSAGE_BYTES, browsers must
// connect from our own origin, the handshake must carry this PROTOCOL_VERSION (else the
// connect_error message is `protocol_mismatch`), and the chair cookie decides the role.
// The handshake's device token decides the device id; a device without a valid one gets
// a fresh id, sent as `device:token` right after connecting. A stage key in the handshake is
// kept on the socket, checked whenever the socket reports what the stage showed. Every socket joins its
// device's room, which hears of moderation on the questions that device asked.
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import {
	HandshakeAuth,
	MAX_MESSAGE_BYTES,
	PROTOCOL_VERSION,
	type ErrorCode
} from '#shared/protocol.ts';
import { readCookie } from '../http/cookies.ts';
import { forwardedAddress, isSameOrigin } from '../http/origin.ts';
import type { Logger } from '../logger.ts';
import { CHAIR_COOKIE, type ChairService } from '../services/chair.service.ts';
import type { DeviceService } from '../services/device.service.ts';
import type { IdempotencyService } from '../services/idempotency.service.ts';
import { addressKey } from '../services/rate-limit.ts';
import { commandListener, type CommandHandlers } from './command.ts';
import { deviceRoom } from './question.handlers.ts';
import type { DaisServer, DaisSocket } from './types.ts';

export type IoDeps = {
	chair: ChairService;
	devices: DeviceService;
	/** behind a reverse proxy: take the client address from X-Forwarded-For */
	trustProxy: boolean;
	logger: Logger;
	handlers: CommandHandlers;
	idempotency: IdempotencyService;
	publicUrl: string | undefined;
	/** false when sharing the http server with other WebSockets (Vite's HMR in dev) */
	destroyUpgrade: boolean;
	/** seconds between heartbeats (Socket.IO's pingInterval) */
	heartbeatSeconds: number;
};

/** Socket.IO's own default pingInterval. */
export const DEFAULT_HEARTBEAT_SECONDS = 25;

/** A connect_error whose message is the code, with `data` shaped like an ErrorBody. */
function refusal(
	code: ErrorCode,
	message: string
): Error & { data: { code: ErrorCode; message: string } } {
	return Object.assign(new Error(code), { data: { code, message } });
}

export function createIo(httpServer: HttpServer, deps: IoDeps): DaisServer {
	const { chair, logger, handlers, publicUrl } = deps;
	const io: DaisServer = new Server(httpServer, {
		maxHttpBufferSize: MAX_MESSAGE_BYTES,
		serveClient: false,
		destroyUpgrade: deps.destroyUpgrade,
		pingInterval: deps.heartbeatSeconds * 1000,
		allowRequest: (req, callback) => {
			const allowed = isSameOrigin(req, publicUrl);
			callback(allowed ? null : 'forbidden', allowed);
		}
	});

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
			const sessionId = await chair.sessionFor(
				readCookie(socket.handshake.headers.cookie, CHAIR_COOKIE)
			);
			const { deviceId, freshToken } = deps.devices.identify(auth.data.deviceToken);
			const { address, headers } = socket.handshake;
			const client = forwardedAddress(address, headers['x-forwarded-for'], deps.trustProxy);
			socket.data = {
				role: sessionId ? 'chair' : 'attendee',
				sessionId,
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

	const isChair = liveChair(chair);
	const { idempotency } = deps;
	const onCommand = commandListener(handlers, { logger, isChair, idempotency });
	io.on('connection', (socket) => {
		socket.onAny(onCommand);
		socket.join(deviceRoom(socket.data.deviceId));
		const token = socket.data.freshToken;
		if (token) socket.emit('device:token', { token });
	});
	return io;
}

/**
 * Whether the chair session behind a socket is still live; once it is not, the socket is
 * an attendee's and leaves the chair rooms (they carry pending and hidden questions).
 */
export function liveChair(chair: ChairService): (socket: DaisSocket) => Promise<boolean> {
	return async (socket) => {
		const { sessionId } = socket.data;
		if (sessionId && (await chair.isActive(sessionId))) return true;
		socket.data = { ...socket.data, role: 'attendee', sessionId: null };
		for (const room of socket.rooms) if (room.startsWith('chair:')) socket.leave(room);
		return false;
	};
}
