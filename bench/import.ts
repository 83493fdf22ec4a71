// `npm run bench:import [-- <file>]`: how long importing a large programme takes, from bytes
// to the merged event (parse, convert, diff against the previous import), median of RUNS.
// Without a file it reads FOSDEM 2026's schedule.xml (2.8 MB) from ../shared/fixtures when
// present, else a 2 MB frab XML programme it writes itself. Prints the figures; nothing is
// stored. The target: under a second for 2 MB.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { mergeImport } from '../server/interchange/merge.ts';
import { parseSchedule } from '../server/interchange/parse.ts';
import { toEvent } from '../server/interchange/to-event.ts';

const RUNS = 7;
const FOSDEM = fileURLToPath(
	new URL('../../shared/fixtures/schedules-extra/xml/fosdem-2026.xml', import.meta.url)
);

/** A frab XML programme of about `bytes`: 3 days, 20 rooms, 25-minute talks. */
function synthetic(bytes: number): Uint8Array {
	const events: string[] = [];
	let size = 0;
	for (let i = 0; size < bytes; i++) {
		const day = i % 3;
		const minutes = 9 * 60 + Math.floor(i / 60) * 25;
		const hh = String(Math.floor(minutes / 60) % 24).padStart(2, '0');
		const mm = String(minutes % 60).padStart(2, '0');
		const event = `<event id="${i + 1}"><date>2026-01-${String(30 + day).padStart(2, '0')}T${hh}:${mm}:00+01:00</date><start>${hh}:${mm}</start><duration>00:25</duration><room>Room ${i % 20}</room><title>Talk number ${i}</title><type>talk</type><abstract>${'An abstract with some words in it. '.repeat(20)}</abstract><persons><person id="${i}">Speaker ${i}</person></persons></event>\n`;
		size += event.length;
		events.push(event);
	}
	const xml = `<?xml version="1.0"?><schedule><version>1</version><conference><title>Bench</title><time_zone_name>Europe/Brussels</time_zone_name></conference><day index="1" date="2026-01-30" start="2026-01-30T08:00:00+01:00" end="2026-02-02T08:00:00+01:00"><room name="All">${events.join('')}</room></day></schedule>`;
	return new TextEncoder().encode(xml);
}

function input(): { name: string; bytes: Uint8Array } {
	const file = process.argv[2];
	if (file) return { name: file, bytes: fs.readFileSync(file) };
	if (fs.existsSync(FOSDEM)) return { name: 'fosdem-2026.xml', bytes: fs.readFileSync(FOSDEM) };
	return { name: 'synthetic 2 MB frab XML', bytes: synthetic(2_000_000) };
}

const { name, bytes } = input();
const previous = toEvent(parseSchedule(bytes, { timezone: 'Europe/Brussels' }), 'bench').event;
const times: number[] = [];
let slots = 0;
for (let run = 0; run < RUNS; run++) {
	const started = performance.now();
	const { event } = toEvent(parseSchedule(bytes, { timezone: 'Europe/Brussels' }), 'bench');
	const merged = mergeImport(previous, event, [], 0);
	times.push(performance.now() - started);
	slots = merged.event.tracks.reduce((n, t) => n + t.slots.length, 0);
}
const sorted = [...times].sort((a, b) => a - b);
const median = sorted[Math.floor(RUNS / 2)]!;
console.log(
	`${name}: ${(bytes.length / 1e6).toFixed(2)} MB, ${slots} slots; import median ${Math.round(median)} ms ` +
		`(min ${Math.round(sorted[0]!)}, max ${Math.round(sorted[RUNS - 1]!)}, ${RUNS} runs)`
);
