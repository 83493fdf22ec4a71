// The exports read back into the same event with Dais's own importer (a round trip), and
// validate against the c3voc JSON Schema and XSD when ../shared/fixtures is present.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import type { EventInfo } from '../../src/lib/shared/schema/event.ts';
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

describe('exporting the event', () => {
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
		const ok = validate(JSON.parse(exports(original()).json));
		expect(validate.errors ?? []).toEqual([]);
		expect(ok).toBe(true);
	});

	it('schedule.xml validates against frab-xml/schedule.xml.xsd', async () => {
		const result = await validateXML({
			xml: [{ fileName: 'schedule.xml', contents: exports(original()).xml }],
			schema: [fs.readFileSync(`${FIXTURES}frab-xml/schedule.xml.xsd`, 'utf8')]
		});
		expect(result.errors).toEqual([]);
		expect(result.valid).toBe(true);
	});
});
