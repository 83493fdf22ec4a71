// How instants and durations read on screen. Built on the platform's Intl (a well-kept
// library that adds zero bytes to the client bundle), with formatters cached per zone
// because countdowns re-render every second. Instants are UTC epoch ms; durations are ms;
// time zones are IANA names (e.g. Europe/Lisbon).

const MINUTE_MS = 60_000;

const pad = (n: number): string => String(n).padStart(2, '0');

function clockOf(totalSeconds: number): string {
	const hours = Math.floor(totalSeconds / 3600);
	const minutes = Math.floor((totalSeconds % 3600) / 60);
	const seconds = totalSeconds % 60;
	if (hours > 0) return `${hours}:${pad(minutes)}:${pad(seconds)}`;
	return `${pad(minutes)}:${pad(seconds)}`;
}

/**
 * A countdown from remaining ms: `mm:ss`, `h:mm:ss` from one hour up, and overtime
 * (negative ms) as `+mm:ss` counting up. Positive values round up, so a fresh 15-minute
 * slot reads 15:00 and the display changes exactly on whole seconds.
 */
export function formatCountdown(ms: number): string {
	if (!Number.isFinite(ms)) return '--:--';
	if (ms < 0) return `+${clockOf(Math.floor(-ms / 1000))}`;
	return clockOf(Math.ceil(ms / 1000));
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A formatter for one use (`name`) and zone, made once. */
function formatter(
	name: string,
	locale: 'en-GB' | 'en-US',
	timeZone: string,
	options: Intl.DateTimeFormatOptions
): Intl.DateTimeFormat {
	const key = `${name}|${timeZone}`;
	let format = formatters.get(key);
	if (!format) {
		format = new Intl.DateTimeFormat(locale, { ...options, timeZone });
		formatters.set(key, format);
	}
	return format;
}

const part = (parts: Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes): string =>
	parts.find((p) => p.type === type)?.value ?? '';

/** 24-hour wall-clock time `HH:mm` of an instant (epoch ms) in `timeZone`. */
export function formatClock(epochMs: number, timeZone: string): string {
	const parts = formatter('clock', 'en-GB', timeZone, {
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	}).formatToParts(epochMs);
	return `${part(parts, 'hour')}:${part(parts, 'minute')}`;
}

/** The day of an instant (epoch ms) in `timeZone`, e.g. "Tue 10 Sep". */
export function formatDay(epochMs: number, timeZone: string): string {
	// Assembled from parts: en-GB spells September "Sept" in recent CLDR, en-US's order is odd.
	const parts = formatter('day', 'en-US', timeZone, {
		weekday: 'short',
		day: 'numeric',
		month: 'short'
	}).formatToParts(epochMs);
	return `${part(parts, 'weekday')} ${part(parts, 'day')} ${part(parts, 'month')}`;
}

/** Intl's short name of the zone at that instant, in en-GB: "WEST", "WET", "GMT+5:30"... */
export function zoneName(epochMs: number, timeZone: string): string {
	const parts = formatter('zone', 'en-GB', timeZone, { timeZoneName: 'short' }).formatToParts(
		epochMs
	);
	return part(parts, 'timeZoneName');
}

/** The zone's offset from UTC at that instant, in ms (Lisbon in summer: +3 600 000). */
export function utcOffsetMs(epochMs: number, timeZone: string): number {
	const parts = formatter('offset', 'en-GB', timeZone, {
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
		hourCycle: 'h23'
	}).formatToParts(epochMs);
	const n = (type: Intl.DateTimeFormatPartTypes) => Number(part(parts, type));
	const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
	return wall - Math.floor(epochMs / 1000) * 1000;
}

/** Whether `timeZone` is an IANA zone this platform knows. */
export function isTimeZone(timeZone: string): boolean {
	try {
		new Intl.DateTimeFormat('en-GB', { timeZone });
		return true;
	} catch {
		return false;
	}
}

/** Whether both zones are at the same UTC offset at that instant (epoch ms). */
export function sameOffset(epochMs: number, zoneA: string, zoneB: string): boolean {
	return zoneA === zoneB || utcOffsetMs(epochMs, zoneA) === utcOffsetMs(epochMs, zoneB);
}

/**
 * Whether a device in `deviceZone` reads another wall clock than the event's at that instant
 * (epoch ms). An unknown device zone (null: server rendering) reads the event's.
 */
export function readsDifferently(
	epochMs: number,
	eventZone: string,
	deviceZone: string | null
): deviceZone is string {
	return deviceZone !== null && !sameOffset(epochMs, eventZone, deviceZone);
}

/** The place an IANA zone is named after: "Europe/Lisbon" -> "Lisbon", "UTC" -> "UTC". */
export function zonePlace(timeZone: string): string {
	return (timeZone.split('/').pop() ?? timeZone).replaceAll('_', ' ');
}

/** How a person reads an instant: in the event's zone, and in the device's when it differs. */
export type TimeLabel = {
	/** "15:42"; "15:42 WET" when the device's zone differs */
	event: string;
	/** null when both zones agree; else "07:42 GMT-8", or "Thu 23:42 GMT-8" on another day */
	device: string | null;
};

/** An instant (epoch ms) for a person whose device is in `deviceZone` (null: unknown). */
export function timeLabel(
	epochMs: number,
	eventZone: string,
	deviceZone: string | null
): TimeLabel {
	const clock = formatClock(epochMs, eventZone);
	if (!readsDifferently(epochMs, eventZone, deviceZone)) return { event: clock, device: null };
	const local = `${formatClock(epochMs, deviceZone)} ${zoneName(epochMs, deviceZone)}`;
	const deviceDay = formatDay(epochMs, deviceZone);
	const otherDay = deviceDay !== formatDay(epochMs, eventZone);
	return {
		event: `${clock} ${zoneName(epochMs, eventZone)}`,
		device: otherDay ? `${deviceDay.split(' ')[0]} ${local}` : local
	};
}

/** timeLabel on one line: "15:42", or "15:42 WET (07:42 GMT-8)". */
export function timeText(epochMs: number, eventZone: string, deviceZone: string | null): string {
	const { event, device } = timeLabel(epochMs, eventZone, deviceZone);
	return device ? `${event} (${device})` : event;
}

/**
 * The day of an instant (epoch ms) for a person: "Fri 4 Dec"; where the device's zone
 * differs, "Fri 4 Dec, Lisbon time", and the device's own day after it when that is another
 * ("Fri 4 Dec, Lisbon time (Thu 3 Dec where you are)").
 */
export function dayLabel(epochMs: number, eventZone: string, deviceZone: string | null): string {
	const day = formatDay(epochMs, eventZone);
	if (!readsDifferently(epochMs, eventZone, deviceZone)) return day;
	const named = `${day}, ${zonePlace(eventZone)} time`;
	const deviceDay = formatDay(epochMs, deviceZone);
	return deviceDay === day ? named : `${named} (${deviceDay} where you are)`;
}

/**
 * A duration in words, from ms (the sign is ignored) rounded to whole seconds: "30 s",
 * "5 min", "2 min 30 s", "1 h", "1 h 5 min"; "0 s" for nothing.
 */
export function formatDuration(ms: number): string {
	const total = Math.round(Math.abs(ms) / 1000);
	const hours = Math.floor(total / 3600);
	const minutes = Math.floor((total % 3600) / 60);
	const seconds = total % 60;
	const parts = [];
	if (hours > 0) parts.push(`${hours} h`);
	if (minutes > 0) parts.push(`${minutes} min`);
	if (seconds > 0 || total === 0) parts.push(`${seconds} s`);
	return parts.join(' ');
}

/** Drift in words: "on time" within ±30 s, else "running 7 min late" or "... early". */
export function formatDrift(driftMs: number): string {
	if (Math.abs(driftMs) <= 30_000) return 'on time';
	const amount = formatDuration(Math.round(Math.abs(driftMs) / MINUTE_MS) * MINUTE_MS);
	return `running ${amount} ${driftMs > 0 ? 'late' : 'early'}`;
}
