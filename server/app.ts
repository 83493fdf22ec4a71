// createApp is the one place that wires Dais: services over the injected store and clock,
// the /api handlers, Socket.IO with every command of the catalog, and the SSR bridge.
// Standalone it answers the http server's requests (API, then SvelteKit, else 404);
// with `middleware: true` it leaves routing to the host (Vite) and exposes `handle`.
import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import { getBridge, registerBridge, type DaisBridge } from '#shared/bridge.ts';
import { trackRoom } from '#shared/protocol.ts';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import { createApi } from './http/api.ts';
import { readCookie } from './http/cookies.ts';
import { HttpError, sendError, setSecurityHeaders } from './http/respond.ts';
import type { Logger } from './logger.ts';
import { agendaHandlers } from './realtime/agenda.handlers.ts';
import { createIo } from './realtime/io.ts';
import { timerHandlers } from './realtime/timer.handlers.ts';
import type { DaisServer } from './realtime/types.ts';
import { AgendaService } from './services/agenda.service.ts';
import { CHAIR_COOKIE, ChairService } from './services/chair.service.ts';
import { IdempotencyService } from './services/idempotency.service.ts';
import { TimerService } from './services/timer.service.ts';
import type { Store } from './store/store.ts';

type Next = (err?: unknown) => void;
export type RequestHandler = (req: IncomingMessage, res: ServerResponse, next?: Next) => void;

export type AppOptions = {
	httpServer: HttpServer;
	store: Store;
	clock: Clock;
	logger: Logger;
	config: Pick<Config, 'chairPasscode' | 'publicUrl' | 'seedDates'>;
	/** SvelteKit's adapter-node handler (build/handler.js); pages 404 without it */
	sveltekitHandler?: RequestHandler;
	/** true: do not take over the http server's requests; the host calls `handle` */
	middleware?: boolean;
};

export type App = {
	io: DaisServer;
	/** Security headers, then /api/*, then `next` (or SvelteKit, or a JSON 404). */
	handle: RequestHandler;
	/** The generated chair passcode, for the banner; undefined when configured. */
	generatedPasscode: string | undefined;
	close(): Promise<void>;
};

export async function createApp(options: AppOptions): Promise<App> {
	const { httpServer, store, clock, logger, config } = options;
	const agenda = new AgendaService(store, clock, logger);
	const chair = new ChairService(store, clock);
	// Commands reach the service only through `io`, so it exists whenever this runs.
	const timers = new TimerService(store, agenda, clock, (state) =>
		io.to(trackRoom(state.trackId)).emit('timer:state', state)
	);
	await agenda.init(config.seedDates);
	await chair.init(config.chairPasscode);

	const api = createApi({ agenda, chair, clock, logger, publicUrl: config.publicUrl });
	const handle: RequestHandler = (req, res, next) => {
		setSecurityHeaders(res);
		const path = (req.url ?? '/').split('?')[0] ?? '/';
		if (path === '/api' || path.startsWith('/api/')) return void api(req, res);
		if (next) return next();
		if (options.sveltekitHandler) return options.sveltekitHandler(req, res);
		sendError(res, new HttpError({ code: 'not_found', message: 'not found' }));
	};
	// Before Socket.IO attaches: it wraps the listeners present at that moment.
	if (!options.middleware) httpServer.on('request', handle);

	const io = createIo(httpServer, {
		chair,
		logger,
		publicUrl: config.publicUrl,
		destroyUpgrade: !options.middleware,
		idempotency: new IdempotencyService(store, clock),
		handlers: { ...agendaHandlers(agenda, clock), ...timerHandlers(timers) }
	});

	const roleForCookie = async (header: string | null | undefined) =>
		(await chair.sessionFor(readCookie(header, CHAIR_COOKIE)))
			? ('chair' as const)
			: ('attendee' as const);
	const bridge: DaisBridge = { snapshot: (role) => agenda.snapshot(role), roleFor: roleForCookie };
	registerBridge(bridge);

	return {
		io,
		handle,
		generatedPasscode: chair.generatedPasscode,
		close: async () => {
			if (getBridge() === bridge) registerBridge(undefined);
			io.disconnectSockets(true);
			if (options.middleware) {
				io.engine.close();
				return;
			}
			const closed = new Promise<void>((resolve) => io.close(() => resolve()));
			httpServer.closeAllConnections();
			await closed;
		}
	};
}
