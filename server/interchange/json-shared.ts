// Helpers the JSON parsers share: lenient zod pieces (ids as opaque strings, null and ''
// as absent) and the first zod issue as an ImportError naming its field.
import { z } from 'zod';
import { isTimeZone } from '#shared/time-format.ts';
import { ImportError, type ImportOptions } from './imported.ts';

/** A number or string id, as a string. */
export const Id = z.union([z.string(), z.number()]).transform(String);
/** Text that may be null, missing or not text: '' then. */
export const Text = z
	.any()
	.optional()
	.transform((v) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : ''));

/** `issues[0]` as "field: message", e.g. `schedule.conference.days[0].date`. */
export function fail(error: z.ZodError, root = ''): never {
	const issue = error.issues[0]!;
	const path = issue.path
		.map((p, i) =>
			typeof p === 'number' ? `[${p}]` : i === 0 && !root ? String(p) : `.${String(p)}`
		)
		.join('');
	throw new ImportError(issue.message, `${root}${path}` || 'the document');
}

export function parseWith<T extends z.ZodType>(schema: T, value: unknown, root = ''): z.output<T> {
	const parsed = schema.safeParse(value);
	if (!parsed.success) fail(parsed.error, root);
	return parsed.data;
}

/** The named zone when it is a known IANA zone; else the fallback, with a note. */
export function zoneOr(named: string, options: ImportOptions, notes: string[]): string {
	if (named && isTimeZone(named)) return named;
	const fallback = options.timezone ?? 'UTC';
	notes.push(
		named
			? `unknown time zone "${named}": local times read in ${fallback}`
			: `the file names no time zone: local times read in ${fallback}`
	);
	return fallback;
}
