// Chair edits of the whole event over HTTP. POST /api/chair/event: an EventEdit (create an
// event, change it, add, rename or remove a track) as JSON; the saved event is the answer.
// POST /api/chair/import?mode=preview|apply[&timezone=<IANA>][&replace=1][&name=<file>]:
// a chair uploads a schedule file as the raw body (at most MAX_IMPORT_BYTES). `preview`
// answers what the import would change and writes nothing; `apply` imports it and answers
// the same report. Needs a live chair session (`forbidden`); a bad query is `invalid`, an
// unreadable file `invalid` with its line or field, a body too large 413.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { isTimeZone } from '#shared/time-format.ts';
import { MAX_IMPORT_BYTES } from '../interchange/parse.ts';
import type { Actor } from '../services/audit.service.ts';
import { DomainError } from '../services/errors.ts';
import type { ImportService } from '../services/import.service.ts';
import { EventEdit } from '#shared/event-edit.ts';
import type { EventEditService } from '../services/event-edit.service.ts';
import { HttpError, readBody, readJson, sendJson } from './respond.ts';

const EVENT_EDIT_MAX_BYTES = 16 * 1024;

export const ImportQuery = z.strictObject({
	mode: z.enum(['preview', 'apply']),
	timezone: z.string().max(64).refine(isTimeZone, 'an IANA time zone').optional(),
	replace: z.enum(['0', '1']).optional(),
	name: z.string().min(1).max(200).optional()
});

export type ChairImportDeps = {
	imports: ImportService;
	/** the signed-in chair, or null */
	actorOf(req: IncomingMessage): Promise<Actor | null>;
};

export function chairImport(deps: ChairImportDeps) {
	return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
		const actor = await deps.actorOf(req);
		if (!actor) throw new DomainError('forbidden', 'sign in as a chair to import a schedule');
		const params = new URL(req.url ?? '/', 'http://localhost').searchParams;
		const keys = [...params.keys()];
		const query = ImportQuery.safeParse(Object.fromEntries(params));
		if (!query.success || new Set(keys).size !== keys.length) {
			throw new HttpError({
				code: 'invalid',
				message: 'use ?mode=preview or ?mode=apply, optionally with timezone, replace=1 and name'
			});
		}
		const { mode, timezone, replace, name } = query.data;
		const bytes = await readBody(req, MAX_IMPORT_BYTES, 'the file');
		if (bytes.length === 0)
			throw new HttpError({ code: 'invalid', message: 'send the file as the body' });
		const options = {
			...(timezone ? { timezone } : {}),
			...(name ? { name } : {}),
			replace: replace === '1'
		};
		const report =
			mode === 'preview'
				? await deps.imports.preview(bytes, options)
				: await deps.imports.apply(bytes, options, actor);
		sendJson(res, 200, report);
	};
}

/** POST /api/chair/event: an EventEdit as JSON (chairs only); answers the saved event. */
export function chairEventEdit(deps: {
	events: EventEditService;
	actorOf(req: IncomingMessage): Promise<Actor | null>;
}) {
	return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
		const actor = await deps.actorOf(req);
		if (!actor) throw new DomainError('forbidden', 'sign in as a chair to edit the event');
		const parsed = EventEdit.safeParse(await readJson(req, EVENT_EDIT_MAX_BYTES));
		if (!parsed.success) {
			const issue = parsed.error.issues[0]!;
			throw new HttpError({
				code: 'invalid',
				message: `${issue.path.join('.') || 'body'}: ${issue.message}`
			});
		}
		sendJson(res, 200, await deps.events.edit(parsed.data, actor));
	};
}
