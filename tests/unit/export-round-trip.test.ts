// The exports read back into the same event with Dais's own importer (a round trip), and
// validate against the c3voc JSON Schema and XSD when ../shared/fixtures is present.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import type { EventInfo } from '../../src/lib/shared/schema/event.ts';
import type { Slot } from '../../src/lib/shared/schema/slot.ts';
import { scheduleIcs } from '../../server/interchange/export-ics.ts';
import { scheduleJson, scheduleXml } from '../../server/interchange/export-frab.ts';
import { programme } from '../../server/interchange/programme.ts';
import { parseSchedule } from '../../server/interchange/parse.ts';
import { toEvent } from '../../server/interchange/to-event.ts';
import { transitions, vtimezone } from '../../server/interchange/vtimezone.ts';
import { frabXml, VERSION_1 } from '../integration/schedule-files.ts';

const BASE = 'https://dais.example.org';
const NOW = Date.UTC(2019, 8, 1);
const FIXTURES = fileURLToPath(new URL('../../../shared/fixtures/schedules/', import.meta.url));
const schemas = fs.existsSync(FIXTURES);

const original = (): EventInfo => {
	const sessions = [
		...VERSION_1,
		{
			id: '301',
			room: 'Jade',
			title: 'Late night <hack> & “quotes”',
			date: '2019-09-11T00:30:00+01:00',
			duration: '01:30',
			speakers: ['Zoë', 'Ünal']
		}
	];
	return toEvent(parseSchedule(new TextEncoder().encode(frabXml(sessions))), 'plumbers-camp').event;
};

/** What a round trip must keep: rooms, and per slot its title, instant, length, kind, speakers, abstract. */
const essence = (event: EventInfo) =>
	event.tracks.map((t) => ({
		room: t.name,
		slots: t.slots.map((s) => [
			s.title,
			s.plannedStart,
			s.plannedMinutes,
			s.kind,
			s.speakers,
			s.abstract
		])
	}));

const exports = (event: EventInfo) => {
	const p = programme(event, BASE, NOW);
	return {
		json: scheduleJson(p, BASE),
		xml: scheduleXml(p, BASE),
		ics: scheduleIcs(p, 'dais.example.org', NOW)
	};
};

/** An event with every field a round trip must keep: two rooms, two days, a session past midnight that belongs to the day before, links, a break and a cancelled slot. */
const full = (): EventInfo => {
	const at = (iso: string) => Date.parse(iso);
	const slot = (id: string, fields: Partial<Slot>): Slot => ({
		id,
		kind: 'talk',
		title: id,
		speakers: [],
		abstract: '',
		plannedStart: 0,
		plannedMinutes: 15,
		position: 0,
		...fields
	});
	const jade = [
		slot('open', {
			title: 'Opening',
			kind: 'other',
			plannedStart: at('2019-09-10T09:00:00Z'),
			plannedMinutes: 10,
			day: '2019-09-10'
		}),
		slot('clone', {
			title: 'A new clone syscall',
			speakers: ['Christian Brauner', 'Zoë'],
			abstract: 'Why clone3.\nAnd how.',
			plannedStart: at('2019-09-10T09:10:00Z'),
			plannedMinutes: 25,
			day: '2019-09-10',
			url: 'https://indico.example.org/event/1/contributions/2/'
		}),
		slot('coffee', {
			title: 'Coffee',
			kind: 'break',
			plannedStart: at('2019-09-10T09:35:00Z'),
			plannedMinutes: 30,
			day: '2019-09-10'
		}),
		slot('night', {
			title: 'Late night <hack> & “quotes”',
			kind: 'discussion',
			plannedStart: at('2019-09-10T23:30:00Z'),
			plannedMinutes: 90,
			day: '2019-09-10',
			speakers: ['Ünal']
		}),
		slot('day2', {
			title: 'Day two',
			plannedStart: at('2019-09-11T08:00:00Z'),
			plannedMinutes: 45,
			day: '2019-09-11',
			cancelled: true,
			abstract: 'Called off.'
		})
	];
	const hall = [
		slot('hall1', {
			title: 'Checkpoint/restore in the hall',
			kind: 'discussion',
			plannedStart: at('2019-09-11T09:00:00Z'),
			plannedMinutes: 60,
			day: '2019-09-11',
			url: 'https://indico.example.org/event/1/contributions/3/'
		})
	];
	const track = (id: string, name: string, room: string, slots: Slot[]) => ({
		id,
		name,
		room,
		slots: slots.map((s, position) => ({ ...s, position }))
	});
	return {
		id: 'plumbers-camp',
		title: 'Plumbers Camp 2019',
		timezone: 'Europe/Lisbon',
		venue: 'Corinthia Hotel, Lisbon',
		rehearsal: false,
		agendaVersion: 3,
		tracks: [
			track('jade', 'Jade', 'Jade', jade),
			track('hall', 'Room & Board', 'Room & Board', hall)
		]
	};
};

/** Everything but ids: the event's fields, its rooms, and every slot's fields in order. */
const everything = (event: EventInfo) => ({
	title: event.title,
	timezone: event.timezone,
	venue: event.venue,
	tracks: event.tracks.map((t) => ({
		name: t.name,
		room: t.room,
		slots: t.slots.map((s) => ({
			title: s.title,
			kind: s.kind,
			speakers: s.speakers,
			abstract: s.abstract,
			plannedStart: s.plannedStart,
			plannedMinutes: s.plannedMinutes,
			day: s.day ?? null,
			url: s.url ?? `${BASE}/slot/${s.id}`,
			cancelled: s.cancelled ?? false
		}))
	}))
});

describe('exporting the event', () => {
	it.each(['json', 'xml', 'ics'] as const)(
		'keeps every field of the event through its schedule.%s but the ids',
		(format) => {
			const event = full();
			const text = exports(event)[format];
			const back = toEvent(parseSchedule(new TextEncoder().encode(text)), 'again');
			const urls = (e: EventInfo) =>
				e.tracks.flatMap((t) => t.slots.map((s) => s.url ?? `${BASE}/slot/${s.id}`));
			// The frab XSD has no place for a venue, so schedule.xml cannot carry it.
			const venue = format === 'xml' ? '' : event.venue;
			expect({ ...everything(back.event), urls: urls(back.event) }).toEqual({
				...everything({ ...event, venue }),
				urls: urls(event)
			});
		}
	);

	it.each(['json', 'xml', 'ics'] as const)(
		'reads its schedule.%s back into the same event',
		(format) => {
			const event = original();
			const text = exports(event)[format];
			const back = toEvent(parseSchedule(new TextEncoder().encode(text)), 'again');
			expect(essence(back.event)).toEqual(essence(event));
			expect(back.event.timezone).toBe('Europe/Lisbon');
			expect(back.notes).toEqual([]);
		}
	);

	it('gives every slot a stable UID, the event zone with a VTIMEZONE, and a UTC DTSTAMP', () => {
		const event = original();
		const ics = exports(event).ics;
		expect(ics).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Lisbon');
		expect(ics).toContain(`UID:${event.tracks[0]!.slots[0]!.id}@dais.example.org`);
		expect(ics).toContain('DTSTART;TZID=Europe/Lisbon:20190910T100000');
		expect(ics).toMatch(/DTSTAMP:20190901T000000Z/);
		expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(5);
		expect(exports(event).ics).toBe(ics);
		const later = exports({ ...event, agendaVersion: event.agendaVersion + 1 }).ics;
		expect(later).toContain(`SEQUENCE:${event.agendaVersion + 1}`);
	});

	it('lists each daylight-saving change of the zone in its VTIMEZONE', () => {
		const from = Date.UTC(2019, 0, 1);
		const to = Date.UTC(2019, 11, 31);
		expect(transitions('Europe/Lisbon', from, to).map((t) => new Date(t).toISOString())).toEqual([
			'2019-03-31T01:00:00.000Z',
			'2019-10-27T01:00:00.000Z'
		]);
		expect(transitions('Asia/Kolkata', from, to)).toEqual([]);
		expect(vtimezone('Europe/Lisbon', from, to)).toContain(
			'BEGIN:DAYLIGHT\nDTSTART:20190331T010000\nTZOFFSETFROM:+0000\nTZOFFSETTO:+0100'
		);
	});

	it('exports one track when asked', () => {
		const event = original();
		const p = programme(event, BASE, NOW, event.tracks[1]!.id);
		expect(p.rooms.map((r) => r.name)).toEqual(['Room & Board']);
	});
});

describe.skipIf(!schemas)('the exports against the c3voc schemas in ../shared/fixtures', () => {
	it('schedule.json validates against c3voc-json/schema.json', () => {
		const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
		const draft6 = JSON.parse(
			fs.readFileSync(
				fileURLToPath(import.meta.resolve('ajv/dist/refs/json-schema-draft-06.json')),
				'utf8'
			)
		);
		ajv.addMetaSchema(draft6);
		const validate = ajv.compile(
			JSON.parse(fs.readFileSync(`${FIXTURES}c3voc-json/schema.json`, 'utf8'))
		);
		for (const event of [original(), full()]) {
			const ok = validate(JSON.parse(exports(event).json));
			expect(validate.errors ?? []).toEqual([]);
			expect(ok).toBe(true);
		}
	});

	it('schedule.xml validates against frab-xml/schedule.xml.xsd', async () => {
		for (const event of [original(), full()]) {
			const result = await validateXML({
				xml: [{ fileName: 'schedule.xml', contents: exports(event).xml }],
				schema: [fs.readFileSync(`${FIXTURES}frab-xml/schedule.xml.xsd`, 'utf8')]
			});
			expect(result.errors).toEqual([]);
			expect(result.valid).toBe(true);
		}
	});
});
