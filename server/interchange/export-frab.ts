// schedule.json (c3voc schema v1) and schedule.xml (the c3voc/frab XSD) from a Programme.
// Both carry what Dais knows of each session; fields Dais has no value for are null or
// empty as the schemas allow. Text goes out as plain text (the XML builder escapes it). What
// the schemas have no field for travels as Dais's importer reads it back: a cancelled
// session's title starts "Cancelled: ", the JSON's conference meta names the venue (the XSD
// allows no venue), and the type is the slot kind.
import { XMLBuilder } from 'fast-xml-parser';
import { CANCELLED_PREFIX, DAIS } from './imported.ts';
import type { Programme, Session } from './programme.ts';

const ZONE_PATTERN = /^([A-Z][a-z]+\/[A-Z][a-z]+)|UTC$/;
export const GENERATOR = { name: DAIS, version: '0.1.0' };

/** A cancelled session's title carries the prefix: the formats have no field for it. */
const titleOf = (s: Session) => `${s.slot.cancelled ? CANCELLED_PREFIX : ''}${s.slot.title}`;

function jsonEvent(s: Session) {
	return {
		guid: s.guid,
		id: s.number,
		logo: null,
		date: s.date,
		start: s.start,
		duration: s.duration,
		room: s.room,
		slug: s.slug,
		url: s.url,
		title: titleOf(s),
		subtitle: null,
		track: null,
		type: s.slot.kind,
		language: null,
		abstract: s.slot.abstract,
		description: null,
		persons: s.slot.speakers.map((name) => ({ name })),
		links: []
	};
}

export function scheduleJson(p: Programme, baseUrl: string): string {
	const { event } = p;
	return JSON.stringify(
		{
			$schema: 'https://c3voc.de/schedule/schema.json',
			generator: GENERATOR,
			schedule: {
				version: String(event.agendaVersion),
				base_url: `${baseUrl}/`,
				conference: {
					acronym: p.acronym,
					title: event.title,
					start: p.start,
					end: p.end,
					daysCount: p.days.length,
					timeslot_duration: '00:05',
					...(ZONE_PATTERN.test(event.timezone) ? { time_zone_name: event.timezone } : {}),
					url: `${baseUrl}/`,
					...(event.venue ? { meta: { venue: event.venue } } : {}),
					rooms: p.rooms,
					days: p.days.map((d) => ({
						index: d.index,
						date: d.date,
						day_start: d.start,
						day_end: d.end,
						rooms: Object.fromEntries(d.rooms.map((r) => [r.name, r.sessions.map(jsonEvent)]))
					}))
				}
			}
		},
		null,
		1
	);
}

const builder = new XMLBuilder({
	ignoreAttributes: false,
	attributeNamePrefix: '@',
	format: true,
	indentBy: ' ',
	suppressEmptyNode: false,
	processEntities: true
});

function xmlEvent(s: Session) {
	return {
		'@guid': s.guid,
		'@id': s.number,
		room: s.room,
		title: titleOf(s),
		subtitle: '',
		type: s.slot.kind,
		date: s.date,
		start: s.start,
		duration: s.duration,
		abstract: s.slot.abstract,
		track: '',
		persons: { person: s.slot.speakers.map((name) => ({ '#text': name })) },
		language: '',
		description: '',
		links: '',
		url: s.url
	};
}

export function scheduleXml(p: Programme, baseUrl: string): string {
	const { event } = p;
	const doc = {
		'?xml': { '@version': '1.0', '@encoding': 'UTF-8' },
		schedule: {
			generator: { '@name': GENERATOR.name, '@version': GENERATOR.version },
			url: `${baseUrl}/schedule/export/schedule.xml`,
			version: String(event.agendaVersion),
			conference: {
				acronym: p.acronym,
				title: event.title,
				start: p.start,
				end: p.end,
				days: p.days.length,
				timeslot_duration: '00:05',
				base_url: `${baseUrl}/`,
				time_zone_name: event.timezone
			},
			day: p.days.map((d) => ({
				'@index': d.index,
				'@date': d.date,
				'@start': d.start,
				'@end': d.end,
				room: d.rooms.map((r) => ({
					'@name': r.name,
					'@guid': r.guid,
					event: r.sessions.map(xmlEvent)
				}))
			}))
		}
	};
	return builder.build(doc) as string;
}
