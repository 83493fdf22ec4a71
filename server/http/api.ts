// The JSON API under /api/, served by plain Node handlers so it works with or without the
// SvelteKit build. Every answer is JSON (or 204); errors are `{ error: { code, message } }`.
// Requests that change state must be same-origin; bodies are small and must be JSON.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ChairSignIn, PROTOCOL_VERSION, type JoinLink } from '#shared/protocol.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { AgendaService } from '../services/agenda.service.ts';
import type { AuditService } from '../services/audit.service.ts';
import { CHAIR_COOKIE, chairLabel, type ChairService } from '../services/chair.service.ts';
import { addressKey } from '../services/address-key.ts';
import { DomainError } from '../services/errors.ts';
import { readCookie, serializeCookie } from './cookies.ts';
import { clientAddress, isHttps, isSameOrigin } from './origin.ts';
import type { PushService } from '../services/push.service.ts';
import type { QuestionService } from '../services/question.service.ts';
import { pushRoutes } from './push-routes.ts';
import { exportQuestions } from './question-export.ts';
import { joinBase, type VenueAddress } from './join-url.ts';
import { attendeeUrl, parseQrQuery, qrSvg, qrTrack, requestBase } from './qr.ts';
import type { RequestLog } from './request-log.ts';
import { chairEventEdit, chairImport } from './chair-event.ts';
import type { EventEditService } from '../services/event-edit.service.ts';
import type { ImportService } from '../services/import.service.ts';
import { HttpError, readJson, sendEmpty, sendError, sendJson } from './respond.ts';

export const MAX_BODY_BYTES = 4 * 1024;

export type ApiDeps = {
	agenda: AgendaService;
	chair: ChairService;
	clock: Clock;
	logger: Logger;
	publicUrl: string | undefined;
	audit: AuditService;
	/** A chair session was signed out: its open sockets lose the chair role. */
	onSignedOut(sessionId: string): void;
	/** Chair sessions were ended (passcode rotated, sign out everywhere): their sockets too. */
	onSessionsEnded(reason: 'passcode-changed' | 'everywhere'): Promise<void>;
	questions: QuestionService;
	/** reminders by Web Push and the track's calendar (push-routes.ts) */
	push: PushService;
	/** behind a reverse proxy: take the client address from X-Forwarded-For */
	trustProxy: boolean;
	requests: RequestLog;
	/** where phones on the venue network reach this server now (join-url.ts) */
	venue(): VenueAddress[];
	imports: ImportService;
	events: EventEditService;
	/** whether Redis answers (several Dais processes); undefined: one process alone */
	redis(): 'up' | 'down' | undefined;
};

/** How long a browser or proxy may keep a QR code (s). */
export const QR_MAX_AGE_S = 3600;

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export function createApi(
	deps: ApiDeps
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
	const { agenda, audit, chair, clock, publicUrl, questions, trustProxy } = deps;
	const chairCookie = (req: IncomingMessage) => readCookie(req.headers.cookie, CHAIR_COOKIE);
	const signedInChair = async (req: IncomingMessage): Promise<string> => {
		const sessionId = await chair.sessionFor(chairCookie(req));
		if (!sessionId) throw new HttpError({ code: 'forbidden', message: 'sign in as a chair first' });
		return sessionId;
	};
	const roleOf = (req: IncomingMessage) => chair.roleForCookie(req.headers.cookie);
	/** The attendee URL of the track a request's query names (?track=), for the room. */
	const joinUrl = async (req: IncomingMessage) => {
		const query = parseQrQuery(new URL(req.url ?? '/', 'http://localhost'));
		const event = await agenda.event();
		const base = joinBase({ publicUrl, requestBase: requestBase(req), venue: deps.venue() });
		return attendeeUrl(base, event, qrTrack(event, query));
	};

	const actorOf = async (req: IncomingMessage) => {
		const session = await chair.sessionFor(chairCookie(req));
		return session ? { chair: chairLabel(session) } : null;
	};

	const routes: Record<string, Partial<Record<string, Handler>>> = {
		'/api/health': {
			GET: async (_req, res) => {
				await agenda.event();
				const redis = deps.redis();
				sendJson(res, 200, {
					status: 'ok',
					protocolVersion: PROTOCOL_VERSION,
					serverNow: clock.now(),
					...(redis ? { redis } : {})
				});
			}
		},
		'/api/snapshot': {
			GET: async (req, res) => sendJson(res, 200, await agenda.snapshot(await roleOf(req)))
		},
		'/api/qr.svg': {
			GET: async (req, res) => {
				const svg = await qrSvg(await joinUrl(req));
				res.writeHead(200, {
					'Content-Type': 'image/svg+xml; charset=utf-8',
					'Content-Length': Buffer.byteLength(svg),
					'Cache-Control': `public, max-age=${QR_MAX_AGE_S}`,
					'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
					Vary: 'Host'
				});
				res.end(svg);
			}
		},
		'/api/join': {
			GET: async (req, res) => {
				const link: JoinLink = { url: await joinUrl(req) };
				sendJson(res, 200, link, { 'Cache-Control': 'no-store' });
			}
		},
		'/api/chair/session': {
			GET: async (req, res) => sendJson(res, 200, { role: await roleOf(req) }),
			POST: async (req, res) => {
				const parsed = ChairSignIn.safeParse(await readJson(req, MAX_BODY_BYTES));
				if (!parsed.success) {
					throw new HttpError({ code: 'invalid', message: 'send { "passcode": "..." }' });
				}
				const address = addressKey(clientAddress(req, trustProxy));
				const session = await chair.signIn(parsed.data.passcode, address);
				const cookie = serializeCookie(CHAIR_COOKIE, session.cookieValue, {
					maxAgeSeconds: session.maxAgeSeconds,
					secure: isHttps(req, publicUrl)
				});
				await audit.record(
					{ chair: chairLabel(session.sessionId) },
					null,
					'chair:sign-in',
					'Signed in'
				);
				sendJson(res, 200, { role: 'chair' }, { 'Set-Cookie': cookie });
			},
			DELETE: async (req, res) => {
				const ended = await chair.signOut(chairCookie(req));
				if (ended) {
					deps.onSignedOut(ended);
					await audit.record({ chair: chairLabel(ended) }, null, 'chair:sign-out', 'Signed out');
				}
				const cookie = serializeCookie(CHAIR_COOKIE, '', {
					maxAgeSeconds: 0,
					secure: isHttps(req, publicUrl)
				});
				sendEmpty(res, 204, { 'Set-Cookie': cookie });
			}
		},
		'/api/chair/import': { POST: chairImport({ imports: deps.imports, actorOf }) },
		'/api/chair/event': { POST: chairEventEdit({ events: deps.events, actorOf }) },
		'/api/chair/passcode': {
			POST: async (req, res) => {
				const sessionId = await signedInChair(req);
				const passcode = await chair.rotatePasscode(sessionId);
				await deps.onSessionsEnded('passcode-changed');
				await audit.record(
					{ chair: chairLabel(sessionId) },
					null,
					'chair:rotate-passcode',
					'Changed the passcode; every other chair session ended'
				);
				sendJson(res, 200, { passcode }, { 'Cache-Control': 'no-store' });
			}
		},
		'/api/chair/sessions': {
			DELETE: async (req, res) => {
				const sessionId = await signedInChair(req);
				await chair.endSessions();
				await deps.onSessionsEnded('everywhere');
				await audit.record(
					{ chair: chairLabel(sessionId) },
					null,
					'chair:sign-out-everywhere',
					'Signed out everywhere: every chair session ended'
				);
				const cookie = serializeCookie(CHAIR_COOKIE, '', {
					maxAgeSeconds: 0,
					secure: isHttps(req, publicUrl)
				});
				sendEmpty(res, 204, { 'Set-Cookie': cookie });
			}
		},
		'/api/questions/export': {
			GET: exportQuestions({
				agenda,
				questions,
				clock,
				roleOf
			})
		},
		...pushRoutes({ push: deps.push })
	};

	return async (req, res) => {
		try {
			const path = new URL(req.url ?? '/', 'http://localhost').pathname;
			const route = routes[path];
			if (!route) throw new HttpError({ code: 'not_found', message: `no API at ${path}` });
			const handler = route[req.method ?? 'GET'];
			if (!handler) {
				const allow = Object.keys(route).join(', ');
				throw new HttpError({ code: 'invalid', message: `use ${allow}` }, 405, { Allow: allow });
			}
			if (req.method !== 'GET' && !isSameOrigin(req, publicUrl)) {
				throw new HttpError({ code: 'forbidden', message: 'cross-origin requests are refused' });
			}
			await handler(req, res);
		} catch (err) {
			if (err instanceof HttpError) return sendError(res, err);
			if (err instanceof DomainError) {
				const retry = err.retryAfterMs;
				const headers: Record<string, string> =
					retry === undefined ? {} : { 'Retry-After': String(Math.ceil(retry / 1000)) };
				return sendError(res, new HttpError(err.toBody(), undefined, headers));
			}
			deps.requests.failed(req.method ?? 'GET', req.url ?? '/', err);
			sendError(
				res,
				new HttpError({ code: 'internal', message: 'something went wrong on the server' })
			);
		}
	};
}
