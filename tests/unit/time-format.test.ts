import { describe, expect, it } from 'vitest';
import { formatDelta } from '#shared/audit-text.ts';
import {
	formatClock,
	formatCountdown,
	formatDay,
	formatDrift,
	formatDuration,
	dayLabel,
	isTimeZone,
	sameOffset,
	timeLabel,
	timeText,
	utcOffsetMs,
	zoneName,
	zonePlace
} from '#shared/time-format.ts';
import { currentSlotView, projectTrack } from '#shared/schedule.ts';
import { applyTimerAction } from '#shared/timer-actions.ts';
import { plannedTimer, remainingMs } from '#shared/timer.ts';
import type { Slot } from '#shared/schema/slot.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const LISBON = 'Europe/Lisbon';

describe('formatCountdown', () => {
	it('shows a fresh 15-minute slot as 15:00 and changes on whole seconds', () => {
		expect(formatCountdown(15 * MIN)).toBe('15:00');
		expect(formatCountdown(15 * MIN - 1)).toBe('15:00');
		expect(formatCountdown(15 * MIN - 999)).toBe('15:00');
		expect(formatCountdown(15 * MIN - 1000)).toBe('14:59');
		expect(formatCountdown(1)).toBe('00:01');
		expect(formatCountdown(0)).toBe('00:00');
	});

	it('shows hours from one hour up', () => {
		expect(formatCountdown(HOUR - 1000)).toBe('59:59');
		expect(formatCountdown(HOUR - 999)).toBe('1:00:00');
		expect(formatCountdown(2 * HOUR + 5 * MIN + 3000)).toBe('2:05:03');
	});

	it('counts overtime up with a plus sign', () => {
		expect(formatCountdown(-1)).toBe('+00:00');
		expect(formatCountdown(-999)).toBe('+00:00');
		expect(formatCountdown(-1000)).toBe('+00:01');
		expect(formatCountdown(-(MIN + 1500))).toBe('+01:01');
		expect(formatCountdown(-HOUR)).toBe('+1:00:00');
	});

	it('shows a placeholder for a value that is not a number', () => {
		expect(formatCountdown(Number.NaN)).toBe('--:--');
	});
});

describe('clock, day and zone', () => {
	const tenAm = Date.UTC(2019, 8, 10, 9, 0);

	it('formats the 24-hour wall-clock time in the given zone', () => {
		expect(formatClock(tenAm, LISBON)).toBe('10:00');
		expect(formatClock(tenAm, 'UTC')).toBe('09:00');
		expect(formatClock(Date.UTC(2019, 8, 10, 23, 5), LISBON)).toBe('00:05');
		expect(formatClock(Date.UTC(2019, 8, 10, 17, 30), 'America/New_York')).toBe('13:30');
	});

	it('formats the day as weekday, day and month', () => {
		expect(formatDay(tenAm, LISBON)).toBe('Tue 10 Sep');
		expect(formatDay(Date.UTC(2019, 8, 10, 23, 5), LISBON)).toBe('Wed 11 Sep');
	});

	it("names the zone as Intl's short en-GB name", () => {
		expect(zoneName(tenAm, LISBON)).toBe('WEST');
		expect(zoneName(Date.UTC(2019, 11, 1), LISBON)).toBe('WET');
		expect(zoneName(tenAm, 'Asia/Kolkata')).toBe('GMT+5:30');
	});

	it('measures UTC offsets, including half hours and DST', () => {
		expect(utcOffsetMs(tenAm, LISBON)).toBe(HOUR);
		expect(utcOffsetMs(Date.UTC(2019, 11, 1), LISBON)).toBe(0);
		expect(utcOffsetMs(tenAm + 123, 'Asia/Kolkata')).toBe(5.5 * HOUR);
		expect(utcOffsetMs(Date.UTC(2019, 0, 15), 'America/St_Johns')).toBe(-3.5 * HOUR);
	});

	it('tells whether two zones share an offset at an instant', () => {
		expect(sameOffset(tenAm, LISBON, 'Europe/London')).toBe(true);
		expect(sameOffset(tenAm, LISBON, 'Europe/Madrid')).toBe(false);
		expect(sameOffset(tenAm, LISBON, 'UTC')).toBe(false);
		expect(sameOffset(Date.UTC(2019, 11, 1), LISBON, 'UTC')).toBe(true);
	});

	it('recognises IANA zones', () => {
		expect(isTimeZone(LISBON)).toBe(true);
		expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
	});
});

describe('durations in words', () => {
	it('read as seconds, minutes or hours', () => {
		expect([30_000, 5 * MIN, 60 * MIN, 65 * MIN].map(formatDuration)).toEqual([
			'30 s',
			'5 min',
			'1 h',
			'1 h 5 min'
		]);
	});

	it('round to whole seconds, leave out the parts that are zero and ignore the sign', () => {
		expect([90_000, 150_499, HOUR + 30_000, -2 * MIN, 400, 0].map(formatDuration)).toEqual([
			'1 min 30 s',
			'2 min 30 s',
			'1 h 30 s',
			'2 min',
			'0 s',
			'0 s'
		]);
	});

	it('sign a change with a plus or a true minus', () => {
		expect([MIN, -MIN, 30_000, -(HOUR + 5 * MIN)].map(formatDelta)).toEqual([
			'+1 min',
			'−1 min',
			'+30 s',
			'−1 h 5 min'
		]);
	});
});

describe('formatDrift', () => {
	it('says on time within half a minute either way', () => {
		expect(formatDrift(0)).toBe('on time');
		expect(formatDrift(30_000)).toBe('on time');
		expect(formatDrift(-30_000)).toBe('on time');
	});

	it('says how late or early in whole minutes, rounded', () => {
		expect(formatDrift(30_001)).toBe('running 1 min late');
		expect(formatDrift(89_999)).toBe('running 1 min late');
		expect(formatDrift(90_000)).toBe('running 2 min late');
		expect(formatDrift(7 * MIN)).toBe('running 7 min late');
		expect(formatDrift(-3 * MIN)).toBe('running 3 min early');
	});

	it('says hours and minutes from an hour up', () => {
		expect(formatDrift(HOUR + 5 * MIN)).toBe('running 1 h 5 min late');
		expect(formatDrift(HOUR)).toBe('running 1 h late');
		expect(formatDrift(-(2 * HOUR + MIN))).toBe('running 2 h 1 min early');
	});
});

describe('a slot across the end of summer time (Lisbon, 27 October 2019)', () => {
	// Clocks went back from 02:00 WEST to 01:00 WET: a 120-minute slot from 00:45 WEST
	// ends at 01:45 WET, one wall-clock hour later but two real hours.
	const start = Date.UTC(2019, 9, 26, 23, 45);
	const slot: Slot = {
		id: 'night-owls',
		kind: 'other',
		title: 'Night owls',
		speakers: [],
		abstract: '',
		plannedStart: start,
		plannedMinutes: 120,
		position: 0
	};
	const end = Date.UTC(2019, 9, 27, 1, 45);

	it('shows both ends in local time with their zone names', () => {
		expect([formatClock(start, LISBON), zoneName(start, LISBON)]).toEqual(['00:45', 'WEST']);
		expect([formatClock(end, LISBON), zoneName(end, LISBON)]).toEqual(['01:45', 'WET']);
		expect(formatDay(start, LISBON)).toBe('Sun 27 Oct');
		expect(formatDay(end, LISBON)).toBe('Sun 27 Oct');
	});

	it('counts down the full 120 minutes on the planned clock', () => {
		const planned = plannedTimer('main');
		expect(formatCountdown(currentSlotView([slot], planned, start)!.remainingMs)).toBe('2:00:00');
		// 01:30 WET, after the change: 15 minutes left, not 75.
		const late = Date.UTC(2019, 9, 27, 1, 30);
		expect(formatClock(late, LISBON)).toBe('01:30');
		expect(formatCountdown(currentSlotView([slot], planned, late)!.remainingMs)).toBe('15:00');
		expect(currentSlotView([slot], planned, end)).toBeNull();
	});

	it('projects and runs the slot for 120 minutes', () => {
		const [projected] = projectTrack([slot], plannedTimer('main'), start);
		expect(projected!.end - projected!.start).toBe(120 * MIN);
		expect(projected!.end).toBe(end);

		const result = applyTimerAction(plannedTimer('main'), { type: 'start' }, [slot], start);
		if (!result.ok) throw new Error(result.error.message);
		expect(remainingMs(result.state, start)).toBe(120 * MIN);
		expect(remainingMs(result.state, end)).toBe(0);
		const [live] = projectTrack([slot], result.state, start + MIN);
		expect(live!.end).toBe(end);
	});
});

describe('times for a remote viewer (event in Lisbon, Friday 4 December 2026)', () => {
	// 01:00 WET on Friday in Lisbon is 17:00 on Thursday in Los Angeles and 10:00 on Friday
	// in Tokyo.
	const oneAm = Date.UTC(2026, 11, 4, 1, 0);
	const LA = 'America/Los_Angeles';
	const TOKYO = 'Asia/Tokyo';

	it("names both zones and gives the device's day when it is another day there", () => {
		expect(timeLabel(oneAm, LISBON, LA)).toEqual({ event: '01:00 WET', device: 'Thu 17:00 GMT-8' });
		expect(timeText(oneAm, LISBON, LA)).toBe('01:00 WET (Thu 17:00 GMT-8)');
	});

	it('leaves the day out when it is the same day on the device', () => {
		expect(timeLabel(oneAm, LISBON, TOKYO)).toEqual({ event: '01:00 WET', device: '10:00 GMT+9' });
	});

	it("shows the event's time alone when the zones agree or the device's is unknown", () => {
		expect(timeLabel(oneAm, LISBON, LISBON)).toEqual({ event: '01:00', device: null });
		expect(timeLabel(oneAm, LISBON, 'Europe/London')).toEqual({ event: '01:00', device: null });
		expect(timeLabel(oneAm, LISBON, null)).toEqual({ event: '01:00', device: null });
		expect(timeText(oneAm, LISBON, 'UTC')).toBe('01:00');
		// in summer Lisbon is an hour ahead of UTC
		expect(timeText(Date.UTC(2019, 8, 10, 9), LISBON, 'UTC')).toBe('10:00 WEST (09:00 UTC)');
	});

	it("says the event's day, whose time it is, and the device's own day when it differs", () => {
		expect(dayLabel(oneAm, LISBON, LA)).toBe('Fri 4 Dec, Lisbon time (Thu 3 Dec where you are)');
		expect(dayLabel(oneAm, LISBON, TOKYO)).toBe('Fri 4 Dec, Lisbon time');
		expect(dayLabel(oneAm, LISBON, LISBON)).toBe('Fri 4 Dec');
		expect(dayLabel(oneAm, LISBON, null)).toBe('Fri 4 Dec');
		expect(dayLabel(Date.UTC(2026, 11, 4, 16), LISBON, TOKYO)).toBe(
			'Fri 4 Dec, Lisbon time (Sat 5 Dec where you are)'
		);
	});

	it('names a zone after its place', () => {
		expect(zonePlace(LISBON)).toBe('Lisbon');
		expect(zonePlace('America/Argentina/Buenos_Aires')).toBe('Buenos Aires');
		expect(zonePlace('UTC')).toBe('UTC');
	});
});
