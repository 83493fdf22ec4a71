// The HTTP side of reminders: GET /api/push/key (the VAPID public key) and POST
// /api/push/subscribe (validated by PushSubscribe; answers `{ status }` or the stable code
// `invalid`, status 400, 413 or 415). The track's calendar to subscribe to is the schedule
// export (schedule-export.ts, GET /schedule/export/schedule.ics).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PushService } from '../services/push.service.ts';
import { readJson, sendJson } from './respond.ts';

/** Up to MAX_STARRED slots with their titles. */
export const PUSH_BODY_BYTES = 64 * 1024;

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export function pushRoutes(deps: {
	push: PushService;
}): Record<string, Partial<Record<string, Handler>>> {
	const { push } = deps;
	return {
		'/api/push/key': {
			GET: async (_req, res) => sendJson(res, 200, { publicKey: push.publicKey })
		},
		'/api/push/subscribe': {
			POST: async (req, res) => {
				const status = await push.subscribe(await readJson(req, PUSH_BODY_BYTES));
				sendJson(res, 200, { status });
			}
		}
	};
}
