import { describe, expect, it } from 'vitest';
import { calendarIcs } from '#shared/ics.ts';
import { T0, agenda } from './fixtures.ts';

const ics = (slots = agenda.slice(0, 2)) =>
	calendarIcs({
		eventId: 'lpc',
		calendarName: 'My agenda, LPC',
		timezone: 'Europe/Lisbon',
		location: 'Room; A',
		slots,
		now: T0,
		slotUrl: (s) => `https://dais.example/slot/${s.id}`
	});

describe('calendar export', () => {
	it('writes each slot in the event time zone with a stable UID', () => {
		const text = ics();
		expect(text).toContain('X-WR-TIMEZONE:Europe/Lisbon\r\n');
		expect(text).toContain('UID:s0@lpc.dais\r\n');
		expect(text).toContain('DTSTART;TZID=Europe/Lisbon:20190910T100000\r\n');
		expect(text).toContain('DTEND;TZID=Europe/Lisbon:20190910T101500\r\n');
		expect(text).toContain('UID:s1@lpc.dais\r\n');
		expect(text).toContain('X-WR-CALNAME:My agenda\\, LPC\r\n');
		expect(text).toContain('LOCATION:Room\\; A\r\n');
		expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(2);
	});

	it('gives the same text twice for the same slots and instant', () => {
		expect(ics()).toBe(ics());
	});

	it('folds lines longer than 75 octets', () => {
		const long = { ...agenda[0]!, title: 'x'.repeat(200) };
		const lines = ics([long]).split('\r\n');
		expect(lines.every((l) => new TextEncoder().encode(l).length <= 75)).toBe(true);
		expect(ics([long]).replace(/\r\n /g, '')).toContain(`SUMMARY:${'x'.repeat(200)}`);
	});
});
