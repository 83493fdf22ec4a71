// GET /schedule/export/schedule.{json,xml,ics}[?track=<id>]: the event (or one track) at
// the addresses pretalx uses, public and without sign-in, so attendee apps (Giggity,
// EventFahrplan) and calendars subscribe to Dais as to any conference system. The query is
// validated (`invalid`: unknown or repeated parameters; `not_found`: an unknown track).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { TrackId } from '#shared/schema/event.ts';
import type { Clock } from '../clock.ts';
import { scheduleIcs } from '../interchange/export-ics.ts';
import { scheduleJson, scheduleXml } from '../interchange/export-frab.ts';
import { programme } from '../interchange/programme.ts';
import type { AgendaService } from '../services/agenda.service.ts';
import { DomainError } from '../services/errors.ts';
import { baseUrl } from './qr.ts';
import type { Logger } from '../logger.ts';
import { HttpError, sendError } from './respond.ts';

export const EXPORT_PREFIX = '/schedule/export/';

const Query = z.strictObject({ track: TrackId.optional() });

const FORMATS = {
	'schedule.json': 'application/json; charset=utf-8',
	'schedule.xml': 'application/xml; charset=utf-8',
	'schedule.ics': 'text/calendar; charset=utf-8'
} as const;
type FileName = keyof typeof FORMATS;

/** How long an app or proxy may keep an export (s): agenda changes show within a minute. */
export const EXPORT_MAX_AGE_S = 60;

export type ScheduleExportDeps = {
	agenda: AgendaService;
	clock: Clock;
	publicUrl: string | undefined;
};

/** Answers an export request; throws HttpError or DomainError for the caller to send. */
export async function serveScheduleExport(
	deps: ScheduleExportDeps,
	req: IncomingMessage,
	res: ServerResponse
): Promise<void> {
	const url = new URL(req.url ?? '/', 'http://localhost');
	const name = url.pathname.slice(EXPORT_PREFIX.length);
	if (!(name in FORMATS))
		throw new HttpError({ code: 'not_found', message: `no export at ${url.pathname}` });
	if (req.method !== 'GET' && req.method !== 'HEAD') {
		throw new HttpError({ code: 'invalid', message: 'use GET' }, 405, { Allow: 'GET, HEAD' });
	}
	const keys = [...url.searchParams.keys()];
	const query = Query.safeParse(Object.fromEntries(url.searchParams));
	if (!query.success || new Set(keys).size !== keys.length) {
		throw new HttpError({ code: 'invalid', message: 'use no query, or ?track=<track id>' });
	}
	const event = await deps.agenda.event();
	const track = query.data.track;
	if (track && !event.tracks.some((t) => t.id === track)) {
		throw new DomainError('not_found', `there is no track "${track}"`);
	}
	const base = baseUrl(req, deps.publicUrl);
	const now = deps.clock.now();
	const p = programme(event, base, now, track);
	const file = name as FileName;
	const body =
		file === 'schedule.json'
			? scheduleJson(p, base)
			: file === 'schedule.xml'
				? scheduleXml(p, base)
				: scheduleIcs(p, new URL(base).host, now);
	res.writeHead(200, {
		'Content-Type': FORMATS[file],
		'Content-Length': Buffer.byteLength(body),
		'Cache-Control': `public, max-age=${EXPORT_MAX_AGE_S}`,
		'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
		'Access-Control-Allow-Origin': '*',
		'Cross-Origin-Resource-Policy': 'cross-origin',
		'Content-Disposition': `inline; filename="${file}"`,
		Vary: 'Host'
	});
	res.end(req.method === 'HEAD' ? undefined : body);
}

/** The handler for every path under EXPORT_PREFIX: errors as JSON, bugs as `internal`. */
export function scheduleExportHandler(deps: ScheduleExportDeps, logger: Logger) {
	return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
		try {
			await serveScheduleExport(deps, req, res);
		} catch (err) {
			if (err instanceof HttpError) return sendError(res, err);
			if (err instanceof DomainError) return sendError(res, new HttpError(err.toBody()));
			logger.error(`${req.method} ${req.url} failed`, err);
			sendError(
				res,
				new HttpError({ code: 'internal', message: 'something went wrong on the server' })
			);
		}
	};
}
