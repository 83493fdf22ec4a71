// createApp is the one place that wires Dais, in data order: the identity services, then
// Socket.IO (on Redis when a link is given), the domain services publishing through it, the
// /api handlers, every command of the catalog, and the SSR bridge. With Redis, what other
// Dais processes do reaches this one's memory through peers.ts, and when Redis returns after
// an outage this process's connections are closed, so that each phone reconnects and its
// fresh snapshot carries whatever it missed.
// Standalone it answers the http server's requests (API, then SvelteKit, else 404);
// with `middleware: true` it leaves routing to the host (Vite) and exposes `handle`.
import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { getBridge, registerBridge, type DaisBridge } from '#shared/bridge.ts';
import type { ChairEnded } from '#shared/protocol.ts';
import type { EventInfo } from '#shared/schema/event.ts';
import type { Clock, Sleep } from './clock.ts';
import type { Config } from './config.ts';
import { createApi } from './http/api.ts';
import {
	capPeerConnections,
	closeSilentConnections,
	ConnectionCount,
	defaultConnectionsPerAddress
} from './http/connections.ts';
import { compressResponse } from './http/compress.ts';
import { requestLog } from './http/request-log.ts';
import { venueAddresses, type Interfaces, type VenueAddress } from './http/join-url.ts';
import { HttpError, sendError, setSecurityHeaders } from './http/respond.ts';
import { EXPORT_PREFIX, scheduleExportHandler } from './http/schedule-export.ts';
import type { Logger } from './logger.ts';
import { OpenBudgets, type OpenCommand, type OpenCommandBudget } from './realtime/budgets.ts';
import { agendaEditHandlers } from './realtime/agenda-edit.handlers.ts';
import { agendaHandlers } from './realtime/agenda.handlers.ts';
import {
	createIo,
	DEFAULT_HEARTBEAT_SECONDS,
	demote,
	demoteEndedChair,
	dropExpiredChairs,
	serveCommands
} from './realtime/io.ts';
import { listenToPeers, peers } from './realtime/peers.ts';
import type { RedisLink } from './realtime/redis-link.ts';
import { questionHandlers, questionPublisher } from './realtime/question.handlers.ts';
import { chairRoom, trackRoom } from './realtime/rooms.ts';
import { stageHandlers } from './realtime/stage.handlers.ts';
import { timerHandlers } from './realtime/timer.handlers.ts';
import type { DaisServer, DaisSocket } from './realtime/types.ts';
import { AgendaEditService, EVENT_KEY } from './services/agenda-edit.service.ts';
import { AgendaService } from './services/agenda.service.ts';
import { AuditService } from './services/audit.service.ts';
import { ChairService } from './services/chair.service.ts';
import type { Scheduler } from './services/coalescer.ts';
import { DeviceService } from './services/device.service.ts';
import { IdempotencyService } from './services/idempotency.service.ts';
import { EventEditService } from './services/event-edit.service.ts';
import { ImportService, type ImportPublisher } from './services/import.service.ts';
import { PushService, type PushSender } from './services/push.service.ts';
import { redisGuesses } from './services/redis-guesses.ts';
import { redisLimits } from './services/redis-limits.ts';
import { QuestionService, type QuestionLimits } from './services/question.service.ts';
import { Serial } from './services/serial.ts';
import { StageKeyService } from './services/stage-key.service.ts';
import { StageService } from './services/stage.service.ts';
import { TimerService } from './services/timer.service.ts';
import type { Store } from './store/store.ts';

type Next = (err?: unknown) => void;
/** the track's calendar, at the address pretalx uses (DESIGN §10) */
export type RequestHandler = (req: IncomingMessage, res: ServerResponse, next?: Next) => void;

export type AppOptions = {
	httpServer: HttpServer;
	store: Store;
	clock: Clock;
	logger: Logger;
	config: Pick<Config, 'chairPasscode' | 'publicUrl' | 'seedDates'> &
		Partial<Pick<Config, 'trustProxy' | 'heartbeatSeconds' | 'connectionsPerAddress' | 'host'>>;
	/** this machine's network interfaces, for the join address (default: os.networkInterfaces) */
	networkInterfaces?: () => Interfaces;
	/** per-device and per-address throttles of asks, votes and lists (defaults: the README's) */
	questionLimits?: Partial<QuestionLimits>;
	/** how the sign-in throttle waits (default: a real timer) */
	sleep?: Sleep;
	/** budgets of the commands every client may send (defaults: OPEN_BUDGETS) */
	openBudgets?: Partial<Record<OpenCommand, OpenCommandBudget>>;
	/** timers for coalescing vote broadcasts (default: the real ones) */
	scheduler?: Scheduler;
	/** SvelteKit's adapter-node handler (build/handler.js); pages 404 without it */
	sveltekitHandler?: RequestHandler;
	/** how reminders are handed to push services (default: web-push) */
	pushSender?: PushSender;
	/** true: do not take over the http server's requests; the host calls `handle` */
	middleware?: boolean;
	/** several Dais processes as one: broadcasts, rate limits and caches shared over Redis */
	redis?: RedisLink;
	/** how often (ms) the stored event is checked for another process's write (default 2 s) */
	eventWatchMs?: number;
};

export type App = {
	io: DaisServer;
	/** Security headers, then /api/*, then `next` (or SvelteKit, or a JSON 404); text compressed. */
	handle: RequestHandler;
	/** The generated chair passcode, for the banner; undefined when configured. */
	generatedPasscode: string | undefined;
	/** The key stage displays are opened with now (`/stage#key=...`), for the banner. */
	stageKey(): Promise<string>;
	/** Where phones on the venue network reach this server, for the banner (join-url.ts). */
	venue(): VenueAddress[];
	/** Web Push reminders; tests call `push.tick()` instead of waiting for its interval */
	push: PushService;
	/** the other Dais processes' link: undefined alone, else whether Redis answers now */
	redis(): 'up' | 'down' | undefined;
	close(): Promise<void>;
};

export async function createApp(options: AppOptions): Promise<App> {
	const { httpServer, store, clock, logger, config, redis } = options;
	const trustProxy = config.trustProxy ?? false;
	const chair = new ChairService(
		store,
		clock,
		options.sleep,
		redis ? redisGuesses(redis.client) : undefined
	);
	const devices = new DeviceService(store);

	// Before Socket.IO attaches: it wraps the listeners present at that moment.
	// (createApp resolves before the server listens, so `handle` is the real one by then)
	let handle: RequestHandler = (_req, res) =>
		sendError(res, new HttpError({ code: 'not_found', message: 'not found' }));
	if (!options.middleware) httpServer.on('request', (req, res) => handle(req, res));
	const connections = new ConnectionCount(
		config.connectionsPerAddress ?? defaultConnectionsPerAddress()
	);
	if (!options.middleware && !trustProxy) capPeerConnections(httpServer, connections);
	const io = createIo(httpServer, {
		chair,
		devices,
		trustProxy,
		logger,
		publicUrl: config.publicUrl,
		destroyUpgrade: !options.middleware,
		heartbeatSeconds: config.heartbeatSeconds ?? DEFAULT_HEARTBEAT_SECONDS,
		connections: trustProxy ? connections : null,
		adapter: redis?.adapter()
	});
	if (!options.middleware) closeSilentConnections(httpServer);
	const others = peers(io, redis !== undefined);

	const agenda = new AgendaService(store, clock, logger, () => others.tell('event:changed'));
	const serial = new Serial();
	const audit = new AuditService(store, agenda, clock, (entry, trackIds) => {
		dropExpiredChairs(io, trackIds, clock.now());
		io.to(trackIds.map(chairRoom)).emit('audit:appended', entry);
	});
	const timers = new TimerService(
		store,
		agenda,
		clock,
		(state) => io.to(trackRoom(state.trackId)).emit('timer:state', state),
		serial,
		audit
	);
	const edits = new AgendaEditService(
		store,
		agenda,
		clock,
		(event, trackId) => io.to(trackRoom(trackId)).emit('agenda:updated', event),
		serial,
		audit
	);
	const stages = new StageService(
		store,
		agenda,
		clock,
		(state) => io.to(trackRoom(state.trackId)).emit('stage:state', state),
		serial,
		audit
	);
	// Sockets on a track an import or edit dropped move to the first track, which pages show.
	const publishAgenda = (event: EventInfo, tracks: Parameters<ImportPublisher>[2]) => {
		const first = event.tracks[0]!.id;
		for (const gone of tracks.removed) {
			io.in(trackRoom(gone)).socketsJoin(trackRoom(first));
			io.in(chairRoom(gone)).socketsJoin(chairRoom(first));
		}
		const all = [...tracks.kept, ...tracks.removed];
		io.to(all.map(trackRoom)).emit('agenda:updated', event);
		return all;
	};
	const publishEvent: ImportPublisher = (event, entry, tracks) => {
		const all = publishAgenda(event, tracks);
		io.to(all.map(chairRoom)).emit('audit:appended', entry);
	};
	// Another process may write the event (`npm run import` on the same data while this one
	// runs): the stored version is checked every few seconds, and a new event goes out as an
	// import's does.
	const watchEvent = async () => {
		const before = (await agenda.event()).tracks.map((t) => t.id);
		const event = await agenda.refresh();
		if (!event) return;
		logger.info(`the stored event changed to agenda version ${event.agendaVersion}: sent out`);
		const kept = event.tracks.map((t) => t.id);
		publishAgenda(event, { kept, removed: before.filter((id) => !kept.includes(id)) });
	};
	const eventWatch = setInterval(
		() =>
			void serial
				.run(EVENT_KEY, watchEvent)
				.catch((err: unknown) => logger.error('could not check the stored event', err)),
		options.eventWatchMs ?? 2000
	);
	eventWatch.unref();
	const imports = new ImportService(store, agenda, clock, serial, publishEvent);
	const events = new EventEditService(store, agenda, clock, serial, publishEvent);
	const stageKeys = new StageKeyService(store);
	const interfaces = options.networkInterfaces ?? os.networkInterfaces;
	const venue = () => {
		const port = (httpServer.address() as AddressInfo | null)?.port;
		return port ? venueAddresses(interfaces(), config.host ?? '0.0.0.0', port) : [];
	};
	const questions = new QuestionService({
		store,
		agenda,
		clock,
		logger,
		publisher: questionPublisher(
			() => io,
			(trackId) => dropExpiredChairs(io, [trackId], clock.now()),
			redis !== undefined
		),
		limits: options.questionLimits,
		scheduler: options.scheduler,
		limitsFactory: redis && redisLimits(redis.client),
		onVoted: (slotId, trackId, ids) => others.tell('question:voted', slotId, trackId, ids)
	});
	await agenda.init(config.seedDates);
	await chair.init(config.chairPasscode);
	await devices.init();
	await stageKeys.init();
	const push = new PushService(
		store,
		agenda,
		clock,
		logger,
		// VAPID wants an https: or mailto: contact for the push services' operators.
		config.publicUrl?.startsWith('https:') ? config.publicUrl : 'mailto:dais@invalid',
		options.pushSender
	);
	await push.init();
	push.start();

	const signedOut = (sessionId: string) => demoteSockets(io, sessionId);
	const sessionsEnded = async (reason: ChairEnded['reason']) => {
		await chair.reload();
		await demoteEnded(io, chair, reason);
	};
	listenToPeers(
		io,
		{
			signedOut,
			sessionsEnded,
			eventChanged: () => agenda.forget(),
			voted: (slotId, trackId, ids) => questions.votesElsewhere(slotId, trackId, ids)
		},
		logger
	);
	// Each page connects again at once after a server-side disconnect (connection.svelte.ts).
	redis?.onReturn(() => {
		agenda.forget();
		void chair.reload();
		io.local.disconnectSockets(true);
	});

	const requests = requestLog(logger, clock);
	const api = createApi({
		agenda,
		chair,
		clock,
		logger,
		publicUrl: config.publicUrl,
		audit,
		onSignedOut: (sessionId) => {
			signedOut(sessionId);
			others.tell('chair:signed-out', sessionId);
		},
		onSessionsEnded: async (reason) => {
			others.tell('chair:sessions-ended', reason);
			await demoteEnded(io, chair, reason);
		},
		questions,
		push,
		trustProxy,
		requests,
		venue,
		imports,
		events,
		redis: () => redis?.state()
	});
	const exports = scheduleExportHandler({ agenda, clock, publicUrl: config.publicUrl }, logger);
	handle = (req, res, next) => {
		setSecurityHeaders(res);
		const path = (req.url ?? '/').split('?')[0] ?? '/';
		if (path === '/api' || path.startsWith('/api/')) {
			compressResponse(req, res);
			return void api(req, res);
		}
		if (path.startsWith(EXPORT_PREFIX)) {
			compressResponse(req, res);
			return void exports(req, res);
		}
		if (next) return next();
		compressResponse(req, res);
		if (options.sveltekitHandler) return options.sveltekitHandler(req, res);
		sendError(res, new HttpError({ code: 'not_found', message: 'not found' }));
	};

	serveCommands(io, {
		chair,
		logger,
		idempotency: new IdempotencyService(store, clock),
		budgets: new OpenBudgets(() => clock.now(), options.openBudgets),
		handlers: {
			...agendaHandlers(agenda, clock, demoteEndedChair(chair)),
			...timerHandlers(timers),
			...agendaEditHandlers(edits),
			...stageHandlers(stages, stageKeys, audit),
			...questionHandlers(questions, demoteEndedChair(chair))
		}
	});

	const bridge: DaisBridge = {
		snapshot: (role) => agenda.snapshot(role),
		roleFor: (cookieHeader) => chair.roleForCookie(cookieHeader),
		requestFailed: (status, method, path, error) =>
			status < 500
				? requests.clientError(status, method, path)
				: requests.failed(method, path, error)
	};
	registerBridge(bridge);

	return {
		io,
		handle: (req, res, next) => handle(req, res, next),
		generatedPasscode: chair.generatedPasscode,
		stageKey: () => stageKeys.current(),
		venue,
		push,
		redis: () => redis?.state(),
		close: async () => {
			clearInterval(eventWatch);
			push.stop();
			if (getBridge() === bridge) registerBridge(undefined);
			questions.shutdown();
			// local: over Redis, io.disconnectSockets would disconnect every process's sockets
			io.local.disconnectSockets(true);
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

/**
 * The open sockets of a signed-out chair session become attendees, leave the chair rooms
 * and are told (`chair:ended`).
 */
function demoteSockets(io: DaisServer, sessionId: string): void {
	for (const socket of io.of('/').sockets.values()) {
		if (socket.data.sessionId === sessionId) demote(socket, 'signed-out');
	}
}

/**
 * Every open socket whose chair session no longer exists is demoted, told why, and
 * disconnected: its page connects again at once (as every page does after a server-side
 * disconnect) and its new snapshot makes the page an attendee's.
 */
async function demoteEnded(
	io: DaisServer,
	chair: ChairService,
	reason: ChairEnded['reason']
): Promise<void> {
	for (const socket of io.of('/').sockets.values()) {
		const { sessionId } = socket.data;
		if (sessionId && (await chair.roleForSession(sessionId)) !== 'chair') {
			demote(socket, reason);
			socket.disconnect();
		}
	}
}
