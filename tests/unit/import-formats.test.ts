// Each format and quirk the importer reads, on small schedules written for Dais (the real
// files are checked in import-real-files.test.ts when ../shared/fixtures is present).
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../server/interchange/imported.ts';
import { MAX_IMPORT_BYTES, parseSchedule } from '../../server/interchange/parse.ts';
import { toEvent } from '../../server/interchange/to-event.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const read = (text: string | Uint8Array, timezone?: string) =>
	parseSchedule(typeof text === 'string' ? bytes(text) : text, { timezone });
const iso = (ms: number) => new Date(ms).toISOString();
const crlf = (lines: string[]) => lines.join('\r\n') + '\r\n';

const vevent = (lines: string[]) => ['BEGIN:VEVENT', ...lines, 'END:VEVENT'];
const calendar = (head: string[], events: string[][]) =>
	crlf([
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//Dais tests//EN',
		...head,
		...events.flat(),
		'END:VCALENDAR'
	]);

describe('iCalendar', () => {
	it('reads UTC, a TZID without VTIMEZONE and floating times in X-WR-TIMEZONE', () => {
		const s = read(
			calendar(
				['X-WR-CALNAME:Plumbing Day', 'X-WR-TIMEZONE:Europe/Lisbon'],
				[
					vevent([
						'UID:a@x',
						'DTSTART:20190910T090000Z',
						'DTEND:20190910T091500Z',
						'SUMMARY:Utc',
						'LOCATION:Jade'
					]),
					vevent([
						'UID:b@x',
						'DTSTART;TZID=Europe/Lisbon;VALUE=DATE-TIME:20190910T103000',
						'DURATION:PT30M',
						'SUMMARY:Zoned',
						'LOCATION:Jade'
					]),
					vevent([
						'UID:c@x',
						'DTSTART:20190910T120000',
						'DTEND:20190910T130000',
						'SUMMARY:Lunch',
						'LOCATION:Hall'
					])
				]
			)
		);
		expect(s.title).toBe('Plumbing Day');
		expect(s.timezone).toBe('Europe/Lisbon');
		expect(s.sessions.map((x) => [x.title, iso(x.start), x.durationMs / 60_000, x.kind])).toEqual([
			['Utc', '2019-09-10T09:00:00.000Z', 15, 'talk'],
			['Zoned', '2019-09-10T09:30:00.000Z', 30, 'talk'],
			['Lunch', '2019-09-10T11:00:00.000Z', 60, 'break']
		]);
	});

	it('reads a TZID that only its VTIMEZONE defines', () => {
		const s = read(
			calendar(
				[
					'BEGIN:VTIMEZONE',
					'TZID:Venue Time',
					'BEGIN:STANDARD',
					'DTSTART:19700101T000000',
					'TZOFFSETFROM:+0530',
					'TZOFFSETTO:+0530',
					'END:STANDARD',
					'END:VTIMEZONE'
				],
				[
					vevent([
						'UID:k@x',
						'DTSTART;TZID=Venue Time:20230910T103000',
						'DTEND;TZID=Venue Time:20230910T105000',
						'SUMMARY:Kochi'
					])
				]
			)
		);
		expect(iso(s.sessions[0]!.start)).toBe('2023-09-10T05:00:00.000Z');
	});

	it('unfolds on bytes, so a fold inside a UTF-8 character and stray CRs read right', () => {
		const head = bytes(calendar([], []).replace('END:VCALENDAR\r\n', ''));
		const event = bytes(
			'BEGIN:VEVENT\r\nUID:f@x\r\nDTSTART:20220517T090000Z\r\nDTEND:20220517T100000Z\r\nSUMMARY:Retour d'
		);
		const split = new Uint8Array([0xe2, 0x0d, 0x0a, 0x20, 0x80, 0x99]);
		const tail = bytes('exp\r\r\n \r\r\n erience\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n');
		const all = new Uint8Array([...head, ...event, ...split, ...tail]);
		expect(read(all).sessions[0]!.title).toBe('Retour d’experience');
	});

	it('takes speakers and room from an Indico contribution export', () => {
		const s = read(
			crlf([
				'BEGIN:VCALENDAR',
				'VERSION:2.0',
				'PRODID:-//CERN//INDICO//EN',
				...vevent([
					'SUMMARY:Checkpointing a container',
					'DTSTART:20240918T083000Z',
					'DTEND:20240918T090000Z',
					'UID:indico-contribution-42@lpc.events',
					'URL:https://lpc.events/event/18/contributions/42/',
					'LOCATION:Hall L (Austria Center)',
					'DESCRIPTION:Speakers: Ada Lovelace (Kernel Org)\\, Alan Turing\\n<p>Why CRIU &amp; friends</p>\\nhttps://lpc.events/event/18/contributions/42/'
				]),
				'END:VCALENDAR'
			])
		);
		const [session] = s.sessions;
		expect(session).toMatchObject({
			room: 'Hall L',
			speakers: ['Ada Lovelace (Kernel Org)', 'Alan Turing'],
			abstract: 'Why CRIU & friends',
			url: 'https://lpc.events/event/18/contributions/42/'
		});
		expect(s.venue).toBe('Austria Center');
	});

	it('names the line of a broken calendar', () => {
		const text = calendar(
			[],
			[vevent(['UID:a', 'DTSTART:20190910T090000Z', 'this line has no colon'])]
		);
		expect(() => read(text)).toThrow(/line 7/);
	});
});

const xml = (conference: string, days: string) =>
	`<?xml version="1.0" encoding="UTF-8"?>\n<schedule>\n<conference>${conference}</conference>\n${days}\n</schedule>\n`;

describe('frab / Pentabarf XML', () => {
	it('prefers <date> with its offset, else <start> on the day, after <day_change> the next morning', () => {
		const s = read(
			xml(
				'<title>Camp &amp; Code</title><day_change>06:00</day_change><time_zone_name>Asia/Kolkata</time_zone_name>',
				`<day index="1" date="2023-09-09" start="2023-09-09T21:30:00+00:00">
				<room name="Saal &quot;1&quot;">
					<event id="2"><start>01:00</start><duration>00:30</duration><title>Late</title><type>Lecture</type></event>
					<event id="1"><date>2023-09-10T05:00:00+00:00</date><start>10:30</start><duration>08:30</duration><title>Day trip</title>
						<abstract>&lt;p&gt;Bus at &lt;b&gt;10&lt;/b&gt;&lt;/p&gt;</abstract>
						<persons><person id="7">Sruthi</person><person id="8">Jonathan</person></persons></event>
				</room></day>`
			)
		);
		const [late, trip] = s.sessions;
		expect(iso(late!.start)).toBe('2023-09-09T19:30:00.000Z');
		expect(trip).toMatchObject({
			title: 'Day trip',
			durationMs: 510 * 60_000,
			room: 'Saal "1"',
			speakers: ['Sruthi', 'Jonathan'],
			abstract: 'Bus at 10',
			day: '2023-09-10'
		});
		expect(iso(trip!.start)).toBe('2023-09-10T05:00:00.000Z');
		expect(s.title).toBe('Camp & Code');
	});

	it('reads local times in the zone given when the file names none, and says so', () => {
		const s = read(
			xml(
				'<title>FOSDEM</title>',
				'<day date="2021-02-06"><room name="K.fosdem"><event id="1"><start>09:00</start><duration>00:25</duration><title>Welcome</title></event></room><room name="Empty"/></day>'
			),
			'Europe/Brussels'
		);
		expect(iso(s.sessions[0]!.start)).toBe('2021-02-06T08:00:00.000Z');
		expect(s.notes[0]).toMatch(/names no time zone: local times read in Europe\/Brussels/);
		const { event, notes } = toEvent(s, 'e');
		expect(event.tracks.map((t) => t.id)).toEqual(['k-fosdem']);
		expect(notes.join(' ')).toMatch(/room "Empty" holds no sessions/);
	});

	it('refuses entity declarations (billion laughs) and names the line of malformed XML', () => {
		const bomb =
			'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><schedule>&lol2;</schedule>';
		expect(() => read(bomb)).toThrow(/DOCTYPE or entity/);
		expect(() => read('<schedule>\n<day date="2021-02-06">\n<room></day>\n</schedule>')).toThrow(
			/line 3/
		);
	});

	it('names the event whose duration cannot be read', () => {
		const text = xml(
			'<time_zone_name>UTC</time_zone_name>',
			'<day date="2021-02-06"><room name="A"><event id="9"><start>09:00</start><duration>half an hour</duration><title>T</title></event></room></day>'
		);
		expect(() => read(text)).toThrow(
			/<event> 1 \(id 9\) <duration>: "half an hour" is not a duration/
		);
	});
});

const v1 = (events: unknown[], zone = 'Europe/Berlin') =>
	JSON.stringify({
		schedule: {
			version: '1',
			conference: {
				title: 'Camp',
				time_zone_name: zone,
				days: [
					{
						index: 1,
						date: '2019-08-21',
						day_start: '2019-08-21T09:00:00+02:00',
						rooms: { Curie: events }
					}
				]
			}
		}
	});

describe('schedule.json', () => {
	it('reads v1 with string or number ids, null text and an offset the zone disagrees with', () => {
		const s = read(
			v1([
				{
					id: '7',
					guid: null,
					date: '2019-08-22T00:15:00+02:00',
					duration: '01:30',
					room: 'Curie',
					title: 'Night <talk>',
					abstract: null,
					persons: [{ id: 1, public_name: 'jinxx' }]
				},
				{
					id: 8,
					date: '2019-08-21T10:30:00-05:00',
					duration: '00:30',
					room: 'Curie',
					title: 'Remote',
					type: 'Workshop'
				}
			])
		);
		expect(
			s.sessions.map((x) => [x.sourceId, iso(x.start), x.durationMs / 60_000, x.day, x.kind])
		).toEqual([
			['7', '2019-08-21T22:15:00.000Z', 90, '2019-08-21', 'talk'],
			['8', '2019-08-21T15:30:00.000Z', 30, '2019-08-21', 'discussion']
		]);
		expect(s.sessions[0]!.title).toBe('Night <talk>');
		expect(s.notes.join(' ')).toMatch(
			/1 of 2 start times carry an offset other than Europe\/Berlin/
		);
	});

	it('reads the flat v2 with participants and room objects', () => {
		const s = read(
			JSON.stringify({
				schedule: {
					conference: {
						title: '38C3',
						time_zone_name: 'Europe/Berlin',
						rooms: [{ name: 'Saal 1' }]
					},
					events: [
						{
							guid: 'g1',
							start: '2024-12-27T10:30:00+01:00',
							end: '2024-12-27T11:00:00+01:00',
							room: { name: 'Saal 1', guid: 'r' },
							title: 'Opening',
							participants: [
								{ name: 'Ada', role: 'SPEAKER' },
								{ name: 'Bob', role: 'CONTRIBUTOR' }
							]
						}
					]
				}
			})
		);
		expect(s.format).toBe('c3voc-json-v2');
		expect(s.sessions[0]).toMatchObject({
			sourceId: 'g1',
			room: 'Saal 1',
			speakers: ['Ada'],
			durationMs: 1_800_000
		});
	});

	it('names the field that is wrong', () => {
		expect(() => read(v1([{ id: 1, date: 'tomorrow', duration: '00:30', title: 'T' }]))).toThrow(
			'schedule.conference.days[0].rooms["Curie"][0].date: "tomorrow" is not a date-time with an offset'
		);
		expect(() => read(v1([{ id: 1, date: '2019-08-21T10:00:00+02:00', title: 'T' }]))).toThrow(
			/rooms\["Curie"\]\[0\]\.duration/
		);
	});
});

describe('Indico JSON', () => {
	it('reads the timetable with {date, time, tz}, minutes and a break, sorted on import', () => {
		const when = (time: string) => ({ date: '2013-04-29', time, tz: 'Europe/Zurich' });
		const s = read(
			JSON.stringify({
				_type: 'HTTPAPIResult',
				results: {
					'137346': {
						'20130429': {
							c1: {
								_type: 'ContribSchEntry',
								entryType: 'Contribution',
								id: 'c1',
								uniqueId: 'a1t1',
								title: 'Second',
								startDate: when('16:30:00'),
								endDate: when('17:00:00'),
								room: null,
								location: 'CERN',
								presenters: [{ name: 'Ada' }]
							},
							b0: {
								_type: 'BreakTimeSchEntry',
								entryType: 'Break',
								id: 'b0',
								title: 'Coffee',
								startDate: when('16:00:00'),
								endDate: when('16:30:00'),
								room: '160-1-009'
							}
						}
					}
				}
			})
		);
		const { event } = toEvent(s, 'e');
		expect(
			event.tracks.map((t) => [t.name, t.slots.map((x) => [x.title, x.kind, iso(x.plannedStart)])])
		).toEqual([
			['CERN', [['Second', 'talk', '2013-04-29T14:30:00.000Z']]],
			['160-1-009', [['Coffee', 'break', '2013-04-29T14:00:00.000Z']]]
		]);
	});
});

describe('files that are not schedules', () => {
	it('refuses truncated JSON with its line, another JSON, plain text and an oversized file', () => {
		expect(() => read('{\n"schedule": {\n"conference": ')).toThrow(ImportError);
		expect(() => read('{"hello": "world"}')).toThrow(
			/neither a schedule.json nor an Indico export/
		);
		expect(() => read('Title,Start\nTalk,10:00')).toThrow(/not a schedule/);
		expect(() => read(new Uint8Array(MAX_IMPORT_BYTES + 1))).toThrow(/at most/);
	});
});

describe('Dais slots from sessions', () => {
	it('clips what does not fit a slot and keeps ids stable and unique', () => {
		const session = {
			sourceId: 'same id!',
			title: 'x'.repeat(300),
			start: 0,
			durationMs: 0,
			room: 'Hall',
			kind: 'talk' as const,
			speakers: Array(30).fill('A'),
			abstract: ''
		};
		const { event, notes } = toEvent(
			{
				format: 'ical',
				title: 'T',
				timezone: 'UTC',
				venue: '',
				rooms: [],
				sessions: [session, { ...session, start: 1, durationMs: 3 * 86_400_000 }],
				notes: []
			},
			'e'
		);
		const [a, b] = event.tracks[0]!.slots;
		expect([a!.id, b!.id]).toEqual(['same-id', 'same-id-2']);
		expect(a!.title).toHaveLength(200);
		expect(a!.speakers).toHaveLength(20);
		expect([a!.plannedMinutes, b!.plannedMinutes]).toEqual([1, 1440]);
		expect(notes).toHaveLength(2);
	});
});

describe('cancelled sessions', () => {
	it('reads STATUS:CANCELLED from any calendar as a cancelled slot that keeps its title', () => {
		const s = read(
			calendar(
				['X-WR-TIMEZONE:Europe/Lisbon'],
				[
					vevent([
						'UID:off@x',
						'DTSTART:20190910T090000Z',
						'DTEND:20190910T091500Z',
						'SUMMARY:Called off',
						'STATUS:CANCELLED'
					]),
					vevent(['UID:on@x', 'DTSTART:20190910T100000Z', 'DTEND:20190910T101500Z', 'SUMMARY:On'])
				]
			)
		);
		const slots = toEvent(s, 'x').event.tracks[0]!.slots;
		expect(slots.map((x) => [x.title, x.cancelled ?? false])).toEqual([
			['Called off', true],
			['On', false]
		]);
	});

	it('takes a "Cancelled: " title literally in a file Dais did not write', () => {
		const s = read(
			calendar(
				[],
				[
					vevent([
						'UID:t@x',
						'DTSTART:20190910T090000Z',
						'DTEND:20190910T091500Z',
						'SUMMARY:Cancelled: a talk about cancelling',
						'CATEGORIES:other'
					])
				]
			)
		);
		expect(s.sessions.map((x) => [x.title, x.kind, x.cancelled])).toEqual([
			['Cancelled: a talk about cancelling', 'talk', undefined]
		]);
	});
});
