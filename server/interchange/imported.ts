// What every schedule parser produces: sessions at exact instants (UTC epoch ms) with their
// room, before they become Dais tracks and slots (to-event.ts). A parser throws ImportError
// naming the line or field that is wrong; anything it can read around goes to `notes`.
import { SlotKind } from '#shared/schema/slot.ts';

export type ScheduleFormat =
	'frab-xml' | 'frab-json' | 'c3voc-json-v2' | 'indico-json' | 'indico-event-json' | 'ical';

export type ImportedSession = {
	/** the id the source gives the session (opaque; may repeat) */
	sourceId: string;
	title: string;
	/** UTC epoch ms */
	start: number;
	/** duration in ms (not capped: to-event.ts fits it to a slot) */
	durationMs: number;
	/** room name; '' when the source names none */
	room: string;
	kind: SlotKind;
	speakers: string[];
	/** plain text */
	abstract: string;
	url?: string;
	/** conference day (YYYY-MM-DD) when the source groups sessions by day */
	day?: string;
	/** called off (iCalendar STATUS:CANCELLED, or a Dais export's title prefix) */
	cancelled?: true;
};

export type ImportedSchedule = {
	format: ScheduleFormat;
	title: string;
	/** IANA zone the schedule is shown in */
	timezone: string;
	venue: string;
	/** rooms in the order the source declares them (sessions may name others) */
	rooms: string[];
	sessions: ImportedSession[];
	/** what was read around or guessed, one sentence each */
	notes: string[];
};

export type ImportOptions = {
	/** IANA zone for sources that name none (FOSDEM XML, floating iCalendar times) */
	timezone?: string;
	/** the file name, for messages */
	name?: string;
	/** replace the stored event instead of applying the difference (no timer may be live) */
	replace?: boolean;
};

/** A file Dais cannot import; `where` names the line or field. */
export class ImportError extends Error {
	constructor(
		message: string,
		readonly where?: string
	) {
		super(where ? `${where}: ${message}` : message);
		this.name = 'ImportError';
	}
}

const BREAK = /\b(break|lunch|coffee|tea|dinner|breakfast|pause|mittag|kaffee|repas|buffet)\b/i;
const DISCUSSION =
	/\b(discussion|bof|birds of a feather|panel|q&a|meetup|round ?table|workshop)\b/i;

/** The slot kind a session's type (or title, when the type says nothing) suggests. */
export function kindOf(type: string | undefined, title: string): SlotKind {
	for (const text of [type ?? '', title]) {
		if (BREAK.test(text)) return 'break';
		if (DISCUSSION.test(text)) return 'discussion';
	}
	return 'talk';
}

/** The generator (frab formats) and product (iCalendar PRODID) name of Dais's own exports. */
export const DAIS = 'Dais';

/** What a Dais export writes before a cancelled session's title: the frab formats have no field. */
export const CANCELLED_PREFIX = 'Cancelled: ';

/**
 * A session read from a file Dais exported (its generator says so): its type is the slot
 * kind exactly, and a title with the cancelled prefix is a cancelled slot.
 */
export function asDaisSession<S extends Pick<ImportedSession, 'title' | 'kind'>>(
	session: S,
	type: string | undefined
): S & { cancelled?: true } {
	const kind = SlotKind.safeParse(type);
	const cancelled = session.title.startsWith(CANCELLED_PREFIX);
	return {
		...session,
		...(kind.success ? { kind: kind.data } : {}),
		...(cancelled ? { title: session.title.slice(CANCELLED_PREFIX.length), cancelled: true } : {})
	};
}
