// Small schedule files written for Dais's tests: a two-room frab XML programme whose
// sessions can be moved, renamed or dropped between versions.
export type TestSession = {
	id: string;
	room: string;
	title: string;
	date: string;
	duration: string;
	speakers?: string[];
};

const escape = (s: string) =>
	s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** A schedule.xml in Europe/Lisbon, one day, the sessions in the rooms they name. */
export function frabXml(sessions: TestSession[], title = 'Plumbers Camp'): string {
	const rooms = [...new Set(sessions.map((s) => s.room))];
	const events = (room: string) =>
		sessions
			.filter((s) => s.room === room)
			.map(
				(s) => `<event id="${s.id}"><date>${s.date}</date><start>${s.date.slice(11, 16)}</start>
<duration>${s.duration}</duration><room>${escape(room)}</room><title>${escape(s.title)}</title><type>talk</type>
<abstract>About ${escape(s.title)}</abstract><persons>${(s.speakers ?? []).map((p, i) => `<person id="${i + 1}">${escape(p)}</person>`).join('')}</persons></event>`
			)
			.join('\n');
	return `<?xml version="1.0" encoding="UTF-8"?>
<schedule><version>1</version><conference><title>${escape(title)}</title><time_zone_name>Europe/Lisbon</time_zone_name></conference>
<day index="1" date="2019-09-10" start="2019-09-10T08:00:00+01:00" end="2019-09-10T20:00:00+01:00">
${rooms.map((r) => `<room name="${escape(r)}">${events(r)}</room>`).join('\n')}
</day></schedule>
`;
}

export const VERSION_1: TestSession[] = [
	{
		id: '101',
		room: 'Jade',
		title: 'Opening',
		date: '2019-09-10T10:00:00+01:00',
		duration: '00:15',
		speakers: ['Ada']
	},
	{
		id: '102',
		room: 'Jade',
		title: 'cgroup v2',
		date: '2019-09-10T10:15:00+01:00',
		duration: '00:30'
	},
	{
		id: '103',
		room: 'Jade',
		title: 'Checkpointing',
		date: '2019-09-10T10:45:00+01:00',
		duration: '00:15'
	},
	{
		id: '201',
		room: 'Room & Board',
		title: 'Coffee break',
		date: '2019-09-10T11:00:00+01:00',
		duration: '00:30'
	}
];
