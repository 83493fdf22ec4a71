// A VTIMEZONE for an IANA zone over a span of instants, from the platform's tz data: one
// component per offset in force (DAYLIGHT when it is above the span's lowest offset), each
// starting at its transition's wall time in the offset before it. No RRULEs: the span is
// the event's, so every transition a calendar needs is listed.
import { utcOffsetMs } from '#shared/time-format.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const pad = (n: number) => String(n).padStart(2, '0');
const offsetText = (ms: number) => {
	const minutes = Math.abs(ms) / 60_000;
	return `${ms < 0 ? '-' : '+'}${pad(Math.floor(minutes / 60))}${pad(minutes % 60)}`;
};
const wall = (epochMs: number, offsetMs: number) =>
	new Date(epochMs + offsetMs).toISOString().slice(0, 19).replace(/[-:]/g, '');

/** The instants (epoch ms, to the minute) in [from, to] at which `zone`'s offset changes. */
export function transitions(zone: string, from: number, to: number): number[] {
	const found: number[] = [];
	for (let t = from; t < to; t += DAY) {
		const next = Math.min(t + DAY, to);
		if (utcOffsetMs(t, zone) === utcOffsetMs(next, zone)) continue;
		let [lo, hi] = [t, next];
		while (hi - lo > 60_000) {
			const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
			if (utcOffsetMs(mid, zone) === utcOffsetMs(lo, zone)) lo = mid;
			else hi = mid;
		}
		found.push(hi);
	}
	return found;
}

/** VTIMEZONE text (LF line ends) for `zone` covering [from, to] (epoch ms), padded by a year. */
export function vtimezone(zone: string, from: number, to: number): string {
	const start = from - 366 * DAY;
	const end = to + 366 * DAY;
	const changes = transitions(zone, start, end);
	const periods = [
		{ at: start, before: utcOffsetMs(start, zone), after: utcOffsetMs(start, zone) },
		...changes.map((at) => ({
			at,
			before: utcOffsetMs(at - 60_000, zone),
			after: utcOffsetMs(at, zone)
		}))
	];
	const lowest = Math.min(...periods.map((p) => p.after));
	const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
	for (const p of periods) {
		const kind = p.after > lowest ? 'DAYLIGHT' : 'STANDARD';
		lines.push(
			`BEGIN:${kind}`,
			`DTSTART:${wall(p.at, p.before)}`,
			`TZOFFSETFROM:${offsetText(p.before)}`,
			`TZOFFSETTO:${offsetText(p.after)}`,
			`END:${kind}`
		);
	}
	lines.push('END:VTIMEZONE');
	return lines.join('\n');
}
