// Instants from the ways schedules write them. Every result is UTC epoch ms; durations are
// ms. Wall-clock times are resolved in an IANA zone with the platform's tz data, so a zone's
// rule (not a file's embedded one) decides the offset.
import { utcOffsetMs } from '#shared/time-format.ts';
import { ImportError } from './imported.ts';

const ISO_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const WALL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

/** An ISO 8601 date-time that carries its offset, or null when it carries none. */
export function isoInstant(text: string): number | null {
	const trimmed = text.trim();
	if (!ISO_OFFSET.test(trimmed)) return null;
	const ms = Date.parse(trimmed);
	return Number.isNaN(ms) ? null : ms;
}

/** The instant a wall-clock time (`YYYY-MM-DDTHH:MM[:SS]`) names in `timeZone`. */
export function wallInstant(wall: string, timeZone: string, where?: string): number {
	const m = WALL.exec(wall.trim());
	if (!m) throw new ImportError(`"${wall}" is not a date and time`, where);
	const [, y, mo, d, h, mi, s] = m;
	const asUtc = Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +(s ?? 0));
	if (Number.isNaN(asUtc)) throw new ImportError(`"${wall}" is not a date and time`, where);
	const first = asUtc - utcOffsetMs(asUtc, timeZone);
	return asUtc - utcOffsetMs(first, timeZone);
}

/** The calendar date (YYYY-MM-DD) of an instant in `timeZone`. */
export function localDate(epochMs: number, timeZone: string): string {
	return new Date(epochMs + utcOffsetMs(epochMs, timeZone)).toISOString().slice(0, 10);
}

/** `HH:MM` or `HH:MM:SS` (hours may exceed 24) as ms. */
export function clockDuration(text: string, where?: string): number {
	const parts = text.trim().split(':');
	if (parts.length < 2 || parts.length > 3 || parts.some((p) => !/^\d{1,3}$/.test(p))) {
		throw new ImportError(`"${text}" is not a duration (HH:MM)`, where);
	}
	const [a, b, c] = parts.map(Number) as [number, number, number?];
	return (a * 3600 + b * 60 + (c ?? 0)) * 1000;
}

/** Counts ISO date-times whose written offset is not `timeZone`'s at that instant. */
export function offsetMismatches(isoTexts: readonly string[], timeZone: string): number {
	let count = 0;
	for (const text of isoTexts) {
		const ms = isoInstant(text);
		const m = /(Z|([+-])(\d{2}):?(\d{2}))$/.exec(text.trim());
		if (ms === null || !m) continue;
		const written = m[1] === 'Z' ? 0 : (m[2] === '-' ? -1 : 1) * (+m[3]! * 60 + +m[4]!) * 60_000;
		if (written !== utcOffsetMs(ms, timeZone)) count++;
	}
	return count;
}

/** A note when some of `isoTexts` disagree with `timeZone`; null when none do. */
export function offsetNote(isoTexts: readonly string[], timeZone: string): string | null {
	const n = offsetMismatches(isoTexts, timeZone);
	return n === 0
		? null
		: `${n} of ${isoTexts.length} start times carry an offset other than ${timeZone}'s: the instant each names is kept`;
}
