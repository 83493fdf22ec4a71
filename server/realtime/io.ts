// The Socket.IO server: inbound messages are capped at MAX_MESSAGE_BYTES, browsers must
// connect from our own origin, the handshake must carry this PROTOCOL_VERSION (else the
// connect_error message is `protocol_mismatch`), and the chair cookie decides the role.
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import {
	HandshakeAuth,
	MAX_MESSAGE_BYTES,
	PROTOCOL_VERSION,
	type ErrorCode
} from '#shared/protocol.ts';
import { readCookie } from '../http/cookies.ts';
import { isSameOrigin } from '../http/origin.ts';
import type { Logger } from '../logger.ts';
import { CHAIR_COOKIE, type ChairService } from '../services/chair.service.ts';
import type { IdempotencyService } from '../services/idempotency.service.ts';
import { registerCommands, type CommandHandlers } from './command.ts';
import type { DaisServer, DaisSocket } from './types.ts';

export type IoDeps = {
	chair: ChairService;
	logger: Logger;
	handlers: CommandHandlers;
	idempotency: IdempotencyService;
	publicUrl: string | undefined;
	/** false when sharing the http server with other WebSockets (Vite's HMR in dev) */
	destroyUpgrade: boolean;
};

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
			socket.data = { role: sessionId ? 'chair' : 'attendee', sessionId };
			next();
		} catch (err) {
			logger.error('socket handshake failed', err);
			next(refusal('internal', 'something went wrong on the server'));
		}
	});

	const isChair = async (socket: DaisSocket) => {
		const { sessionId } = socket.data;
		if (sessionId && (await chair.isActive(sessionId))) return true;
		socket.data = { role: 'attendee', sessionId: null };
		return false;
	};

	const { idempotency } = deps;
	io.on('connection', (socket) =>
		registerCommands(socket, handlers, { logger, isChair, idempotency })
	);
	return io;
}
