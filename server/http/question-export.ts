// GET /api/questions/export?format=md|csv[&slotId=...][&trackId=...]: the chairs' download
// of one slot's questions, or a whole track's (default: the first track), every status
// included. Needs a live chair session (`forbidden` otherwise); the query is validated
// (`invalid`: unknown, repeated or malformed parameters). Answers as an attachment.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { QuestionExportQuery, type Role } from '#shared/protocol.ts';
import { questionsCsv, questionsMarkdown, type ExportInput } from '#shared/question-export.ts';
import { byPosition } from '#shared/timer.ts';
import type { Clock } from '../clock.ts';
import type { AgendaService } from '../services/agenda.service.ts';
import { DomainError } from '../services/errors.ts';
import type { QuestionService } from '../services/question.service.ts';
import { HttpError, sendText } from './respond.ts';

export type ExportDeps = {
	agenda: AgendaService;
	questions: QuestionService;
	clock: Clock;
	roleOf(req: IncomingMessage): Promise<Role>;
};

function parseQuery(req: IncomingMessage): QuestionExportQuery {
	const params = new URL(req.url ?? '/', 'http://localhost').searchParams;
	const keys = [...params.keys()];
	const parsed = QuestionExportQuery.safeParse(Object.fromEntries(params));
	if (!parsed.success || new Set(keys).size !== keys.length) {
		throw new HttpError({
			code: 'invalid',
			message: 'use ?format=md or ?format=csv, optionally with one slotId or trackId'
		});
	}
	return parsed.data;
}

async function exportInput(
	deps: ExportDeps,
	query: QuestionExportQuery
): Promise<{ input: ExportInput; trackId: string }> {
	const event = await deps.agenda.event();
	const { track, slot } = query.slotId
		? await deps.questions.slot(query.slotId)
		: { track: await deps.agenda.track(query.trackId ?? event.tracks[0]!.id), slot: null };
	if (query.trackId && query.trackId !== track.id) {
		throw new DomainError('not_found', `the slot is not on track "${query.trackId}"`);
	}
	const questions = await deps.questions.allOfTrack(track.id);
	const sections = byPosition(track.slots)
		.filter((s) => (slot ? s.id === slot.id : questions.some((q) => q.slotId === s.id)))
		.map((s) => ({ slot: s, questions: questions.filter((q) => q.slotId === s.id) }));
	const input = {
		eventTitle: event.title,
		trackName: track.name,
		timezone: event.timezone,
		exportedAt: deps.clock.now(),
		sections
	};
	return { input, trackId: track.id };
}

export function exportQuestions(deps: ExportDeps) {
	return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
		if ((await deps.roleOf(req)) !== 'chair') {
			throw new HttpError({ code: 'forbidden', message: 'only a signed-in chair can export' });
		}
		const query = parseQuery(req);
		const { input, trackId } = await exportInput(deps, query);
		const [body, type, ext] =
			query.format === 'md'
				? [questionsMarkdown(input), 'text/markdown; charset=utf-8', 'md']
				: [questionsCsv(input), 'text/csv; charset=utf-8; header=present', 'csv'];
		// Ids are [A-Za-z0-9_-]: safe inside the quoted filename.
		const filename = `questions-${query.slotId ?? trackId}.${ext}`;
		sendText(res, 200, body, type, {
			'Content-Disposition': `attachment; filename="${filename}"`
		});
	};
}
