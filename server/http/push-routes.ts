// The HTTP side of reminders and calendars (issue 25): GET /api/push/key (the VAPID public
// key), POST /api/push/subscribe (validated by PushSubscribe; answers `{ status }` or the
// stable code `invalid`, status 400, 413 or 415) and GET /schedule/export/schedule.ics, the
// whole event's agenda as iCalendar for a calendar subscription (#shared/ics.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { calendarIcs } from '#shared/ics.ts';
import type { Clock } from '../clock.ts';
import type { AgendaService } from '../services/agenda.service.ts';
import type { PushService } from '../services/push.service.ts';
import { readJson, sendJson } from './respond.ts';

/** Up to MAX_STARRED slots with their titles. */
export const PUSH_BODY_BYTES = 64 * 1024;
/** How long a calendar app may keep the track's .ics before asking again (s). */
const ICS_MAX_AGE_S = 300;

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export function pushRoutes(deps: {
	push: PushService;
	agenda: AgendaService;
	clock: Clock;
	publicUrl: string | undefined;
}): Record<string, Partial<Record<string, Handler>>> {
	const { push, agenda, clock, publicUrl } = deps;
	return {
		'/api/push/key': {
			GET: async (_req, res) => sendJson(res, 200, { publicKey: push.publicKey })
		},
		'/api/push/subscribe': {
			POST: async (req, res) => {
				const status = await push.subscribe(await readJson(req, PUSH_BODY_BYTES));
				sendJson(res, 200, { status });
			}
		},
		'/schedule/export/schedule.ics': {
			GET: async (req, res) => {
				const event = await agenda.event();
				const origin = publicUrl ?? `http://${req.headers.host ?? 'localhost'}`;
				const text = calendarIcs({
					eventId: event.id,
					calendarName: event.title,
					timezone: event.timezone,
					location: event.venue,
					slots: event.tracks.flatMap((t) => t.slots),
					now: clock.now(),
					slotUrl: (s) => new URL(`/slot/${s.id}`, origin).href
				});
				res.writeHead(200, {
					'Content-Type': 'text/calendar; charset=utf-8',
					'Content-Length': Buffer.byteLength(text),
					'Content-Disposition': 'inline; filename="schedule.ics"',
					'Cache-Control': `public, max-age=${ICS_MAX_AGE_S}`
				});
				res.end(text);
			}
		}
	};
}
