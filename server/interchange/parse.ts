// The one entry to importing: bytes in, an ImportedSchedule out, the format told by the
// content (not the file name). Files over MAX_IMPORT_BYTES, unknown formats and anything a
// parser cannot read are ImportErrors; nothing is stored here.
import { parseFrabJson, isFrabJson } from './frab-json.ts';
import { parseFrabXml } from './frab-xml.ts';
import { parseIcal } from './ical.ts';
import { ImportError, type ImportedSchedule, type ImportOptions } from './imported.ts';
import { isIndicoJson, parseIndicoJson } from './indico-json.ts';

/** The largest file read: FOSDEM's whole schedule is under 3 MB. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

function jsonOf(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch (err) {
		const message = err instanceof Error ? err.message : String(err);
		const at = /position (\d+)/.exec(message);
		const line = at ? text.slice(0, Number(at[1])).split('\n').length : null;
		throw new ImportError(`not valid JSON (${message})`, line ? `line ${line}` : undefined);
	}
}

export function parseSchedule(bytes: Uint8Array, options: ImportOptions = {}): ImportedSchedule {
	if (bytes.length > MAX_IMPORT_BYTES) {
		throw new ImportError(
			`the file has ${bytes.length} bytes; at most ${MAX_IMPORT_BYTES} are read`
		);
	}
	const head = new TextDecoder('utf-8')
		.decode(bytes.subarray(0, 1024))
		.replace(/^\uFEFF/, '')
		.trimStart();
	if (head.startsWith('BEGIN:VCALENDAR')) return parseIcal(bytes, options);
	const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
	if (head.startsWith('<')) return parseFrabXml(text, options);
	if (head.startsWith('{')) {
		const json = jsonOf(text);
		if (isIndicoJson(json)) return parseIndicoJson(json, options);
		if (isFrabJson(json)) return parseFrabJson(json, options);
		throw new ImportError('a JSON file that is neither a schedule.json nor an Indico export');
	}
	throw new ImportError('not a schedule: expected iCalendar, schedule.xml or JSON', 'line 1');
}
