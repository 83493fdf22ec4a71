// Every real exporter file under ../shared/fixtures imports with its sessions, rooms and
// instants. The files are other people's text and are never copied here: the suite runs
// when the folder sits beside the repository (as in CI) and is skipped otherwise.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseSchedule } from '../../server/interchange/parse.ts';
import { toEvent } from '../../server/interchange/to-event.ts';

const ROOT = fileURLToPath(new URL('../../../shared/fixtures/', import.meta.url));
const present = fs.existsSync(path.join(ROOT, 'schedules'));

type Fact = {
	file: string;
	format: string;
	zone: string;
	sessions: number;
	tracks: number;
	/** a session known from the file: title start, its instant (UTC), minutes and room */
	known: { title: string; start: string; minutes: number; room: string };
	timezone?: string;
};

const FACTS: Fact[] = [
	{
		file: 'schedules/frab-xml/38c3-subset.xml',
		format: 'frab-xml',
		zone: 'Europe/Berlin',
		sessions: 20,
		tracks: 4,
		known: {
			title: '38C3: Opening Ceremony',
			start: '2024-12-27T09:30:00Z',
			minutes: 30,
			room: 'Saal 1'
		}
	},
	{
		file: 'schedules/frab-xml/debconf23-wafer.xml',
		format: 'frab-xml',
		zone: 'Asia/Kolkata',
		sessions: 117,
		tracks: 5,
		known: {
			title: 'Opening Ceremony',
			start: '2023-09-10T05:00:00Z',
			minutes: 20,
			room: 'Anamudi'
		}
	},
	{
		file: 'schedules/frab-xml/fosdem-2021-subset.xml',
		format: 'frab-xml',
		zone: 'Europe/Brussels',
		timezone: 'Europe/Brussels',
		sessions: 11,
		tracks: 4,
		known: {
			title: 'Welcome to FOSDEM 2021',
			start: '2021-02-06T08:00:00Z',
			minutes: 25,
			room: 'K.fosdem'
		}
	},
	{
		file: 'schedules/c3voc-json/examples/pretalx-democon.json',
		format: 'frab-json',
		zone: 'UTC',
		sessions: 36,
		tracks: 2,
		known: {
			title: 'Focused 5thgeneration hardware',
			start: '2020-12-14T08:00:00Z',
			minutes: 30,
			room: 'Gray Room'
		}
	},
	{
		file: 'schedules/c3voc-json/examples/frab-camp2019.json',
		format: 'frab-json',
		zone: 'Europe/Berlin',
		sessions: 79,
		tracks: 2,
		known: { title: 'Opening Ceremony', start: '2019-08-21T09:00:00Z', minutes: 30, room: 'Curie' }
	},
	{
		file: 'schedules/c3voc-json/examples/hub-schedule2.json',
		format: 'c3voc-json-v2',
		zone: 'Europe/Berlin',
		sessions: 2,
		tracks: 2,
		known: {
			title: '38C3: Opening Ceremony',
			start: '2024-12-27T09:30:00Z',
			minutes: 30,
			room: 'Saal 1'
		}
	},
	{
		file: 'schedules/c3voc-json/examples/invalid-example.json',
		format: 'frab-json',
		zone: 'Europe/Zurich',
		sessions: 1,
		tracks: 1,
		known: {
			title: 'Internal Penetration Testing Basics',
			start: '2022-12-28T13:00:00Z',
			minutes: 45,
			room: 'Winterchaos'
		}
	},
	{
		file: 'schedules/indico/indico-timetable-export-doc-example.json',
		format: 'indico-json',
		zone: 'Europe/Zurich',
		sessions: 1,
		tracks: 1,
		known: { title: 'Contrib 1', start: '2013-04-29T14:00:00Z', minutes: 30, room: '160-1-009' }
	},
	{
		file: 'schedules/indico/indico-event-export-sessions-doc-example.json',
		format: 'indico-event-json',
		zone: 'Europe/Zurich',
		sessions: 4,
		tracks: 1,
		known: { title: 'd1c1', start: '2011-06-23T06:00:00Z', minutes: 20, room: 'CERN' }
	},
	{
		file: 'schedules/ical/kielux-2020.ics',
		format: 'ical',
		zone: 'UTC',
		sessions: 24,
		tracks: 4,
		known: {
			title: 'OpenCelium - Der generische OpenSoure API-Hub',
			start: '2020-09-18T11:00:00Z',
			minutes: 60,
			room: 'Ravensberg'
		}
	},
	{
		file: 'schedules/ical/lca2020-subset.ics',
		format: 'ical',
		zone: 'Australia/Brisbane',
		sessions: 38,
		tracks: 4,
		known: {
			title: 'Velociraptor - Dig Deeper',
			start: '2020-01-15T03:30:00Z',
			minutes: 100,
			room: 'Room 9'
		}
	},
	{
		file: 'schedules/ical/jres2022-subset.ics',
		format: 'ical',
		zone: 'Europe/Paris',
		sessions: 9,
		tracks: 6,
		known: {
			title: 'Accueil congressistes',
			start: '2022-05-17T09:00:00Z',
			minutes: 90,
			room: 'Accueil Parc Chanot'
		}
	},
	{
		file: 'schedules-extra/xml/fosdem-2010-pentabarf.xml',
		format: 'frab-xml',
		zone: 'Europe/Brussels',
		timezone: 'Europe/Brussels',
		sessions: 300,
		tracks: 20,
		known: { title: 'Welcome', start: '2010-02-06T09:00:00Z', minutes: 45, room: 'Janson' }
	},
	{
		file: 'schedules-extra/xml/fosdem-2010-archive.xml',
		format: 'frab-xml',
		zone: 'Europe/Brussels',
		timezone: 'Europe/Brussels',
		sessions: 301,
		tracks: 20,
		known: {
			title: 'FOSDEM: Lightning Opening Talk',
			start: '2010-02-06T12:00:00Z',
			minutes: 15,
			room: 'Ferrer'
		}
	},
	{
		file: 'schedules-extra/xml/fosdem-2026.xml',
		format: 'frab-xml',
		zone: 'Europe/Brussels',
		sessions: 883,
		tracks: 30,
		known: {
			title: 'Welcome to FOSDEM 2026',
			start: '2026-01-31T08:30:00Z',
			minutes: 20,
			room: 'Janson'
		}
	},
	{
		file: 'schedules-extra/xml/36c3-wiki.schedule.xml',
		format: 'frab-xml',
		zone: 'UTC',
		sessions: 631,
		tracks: 67,
		known: {
			title: 'Ende Gelände – peaceful climate activism (civil di',
			start: '2019-12-30T13:00:00Z',
			minutes: 30,
			room: 'Assembly:Curry Club Augsburg'
		}
	},
	{
		file: 'schedules-extra/xml/39c3-everything.schedule.xml',
		format: 'frab-xml',
		zone: 'Europe/Berlin',
		sessions: 895,
		tracks: 58,
		known: { title: 'Opening Ceremony', start: '2025-12-27T09:30:00Z', minutes: 30, room: 'One' }
	},
	{
		file: 'schedules-extra/json/jev22-channels.schedule.json',
		format: 'frab-json',
		zone: 'Europe/Amsterdam',
		sessions: 213,
		tracks: 14,
		known: {
			title: 'Intro to Solar Protocol',
			start: '2022-12-27T15:30:00Z',
			minutes: 60,
			room: 'WoodbineDWeb'
		}
	},
	{
		file: 'schedules-extra/ics/pyconau-2023-pretalx.ics',
		format: 'ical',
		zone: 'Australia/Adelaide',
		sessions: 94,
		tracks: 4,
		known: {
			title: 'Specialist Tracks Combined Opening Address',
			start: '2023-08-17T23:30:00Z',
			minutes: 20,
			room: 'Hall C (Plenary)'
		}
	},
	{
		file: 'schedules-extra/ics/pyconuk-2015.ics',
		format: 'ical',
		zone: 'UTC',
		sessions: 162,
		tracks: 11,
		known: {
			title: 'Registration / Breakfast',
			start: '2015-09-18T07:00:00Z',
			minutes: 90,
			room: 'Cafeteria'
		}
	},
	{
		file: 'schedules-extra/ics/cfgmgmtcamp-2019.ics',
		format: 'ical',
		zone: 'Europe/Brussels',
		sessions: 113,
		tracks: 8,
		known: {
			title: 'You Had One Job: Configuring the Edge Router',
			start: '2019-02-04T16:30:00Z',
			minutes: 25,
			room: ''
		}
	},
	{
		file: 'schedules-extra/ics/devfest-toulouse-2019.ics',
		format: 'ical',
		zone: 'Europe/Paris',
		sessions: 47,
		tracks: 5,
		known: {
			title: "Une histoire de l'informatique",
			start: '2019-10-03T07:00:00Z',
			minutes: 40,
			room: 'Stack Labs'
		}
	},
	{
		file: 'schedules-extra/ics/moca-2024.ics',
		format: 'ical',
		zone: 'UTC',
		sessions: 88,
		tracks: 4,
		known: { title: 'Closing ceremony', start: '2024-09-15T13:00:00Z', minutes: 60, room: 'XOR' }
	}
];

function load(fact: Fact) {
	const bytes = fs.readFileSync(path.join(ROOT, fact.file));
	const schedule = parseSchedule(bytes, {
		timezone: fact.timezone,
		name: path.basename(fact.file)
	});
	return { schedule, ...toEvent(schedule, 'imported') };
}

describe.skipIf(!present)('importing the real exporter files in ../shared/fixtures', () => {
	it.each(FACTS)('reads $file with its sessions, rooms and instants', (fact) => {
		const { schedule, event } = load(fact);
		expect(schedule.format).toBe(fact.format);
		expect(event.timezone).toBe(fact.zone);
		const slots = event.tracks.flatMap((t) => t.slots.map((s) => ({ ...s, room: t.room })));
		expect(slots).toHaveLength(fact.sessions);
		expect(event.tracks).toHaveLength(fact.tracks);
		const known = slots.find((s) => s.title.startsWith(fact.known.title));
		expect(known, fact.known.title).toBeDefined();
		expect(new Date(known!.plannedStart).toISOString()).toBe(
			fact.known.start.replace('Z', '.000Z')
		);
		expect(known!.plannedMinutes).toBe(fact.known.minutes);
		if (fact.known.room) expect(known!.room).toBe(fact.known.room);
		for (const track of event.tracks) {
			const starts = track.slots.map((s) => s.plannedStart);
			expect(starts).toEqual([...starts].sort((a, b) => a - b));
		}
		expect(new Set(slots.map((s) => s.id)).size).toBe(slots.length);
	});

	it('joins a fold that splits a UTF-8 character (JRES) before decoding it', () => {
		const { event } = load(FACTS.find((f) => f.file.includes('jres'))!);
		const text = JSON.stringify(event);
		expect(text).toContain('d’exploitation');
		expect(text).not.toContain('\uFFFD');
	});

	it('files a 00:15 session under the conference day before it (38C3)', () => {
		const { event } = load(FACTS[0]!);
		const late = event.tracks
			.flatMap((t) => t.slots)
			.filter((s) => new Date(s.plannedStart).toISOString() === '2024-12-27T23:15:00.000Z');
		expect(late.length).toBeGreaterThan(0);
		for (const slot of late) expect(slot.day).toBe('2024-12-27');
	});

	it('keeps both rooms that share a guid (pretalx demo) and says the zone disagrees', () => {
		const { event, notes } = load(FACTS[3]!);
		expect(event.tracks.map((t) => t.name)).toEqual(['Gray Room', 'Tan Room']);
		expect(notes.join(' ')).toMatch(/offset other than UTC/);
	});

	it('trusts the tz database over a wrong VTIMEZONE and says so (PyCon AU)', () => {
		const fact = FACTS.find((f) => f.file.includes('pyconau'))!;
		expect(load(fact).notes.join(' ')).toMatch(/VTIMEZONE for Australia\/Adelaide disagrees/);
	});

	it('keeps the sessions of repeated UIDs apart (MOCA: 88 events, 5 UIDs)', () => {
		const { event } = load(FACTS.find((f) => f.file.includes('moca'))!);
		expect(event.tracks.flatMap((t) => t.slots)).toHaveLength(88);
	});

	it('brings speakers and plain-text abstracts across', () => {
		const { event } = load(FACTS[1]!);
		const slots = event.tracks.flatMap((t) => t.slots);
		expect(Math.max(...slots.map((s) => s.speakers.length))).toBe(9);
		const fosdem = load(FACTS[2]!).event.tracks.flatMap((t) => t.slots);
		expect(fosdem.find((s) => s.title === 'Welcome to FOSDEM 2021')!.abstract).toBe(
			'FOSDEM welcome and opening talk.'
		);
		for (const slot of fosdem) expect(slot.abstract).not.toMatch(/<\/?p>/);
	});

	it('imports FOSDEM 2026 (2.8 MB) in well under the time a chair waits', () => {
		const fact = FACTS.find((f) => f.file.includes('fosdem-2026'))!;
		const started = performance.now();
		load(fact);
		expect(performance.now() - started).toBeLessThan(5000);
	});
});
