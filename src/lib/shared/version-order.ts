// Which copy of the track state wins (DESIGN §3, §6). A timer is ordered by `version`, the
// agenda by `agendaVersion`: an older state never overwrites a newer one, in whatever order
// snapshots and broadcasts arrive. A whole copy (a snapshot, the copy kept on the device)
// also carries `at`, the server instant (epoch ms) it was known current; two copies more
// than HISTORY_GAP_MS apart are ordered by that instant instead, so a client follows a
// server whose data was reset (versions start again) rather than clinging to the old one.
import type { EventInfo } from './schema/event.ts';
import type { TimerState } from './schema/timer.ts';
import { isNewer } from './timer.ts';

/** The client's copy of the server state: the event, each track's timer, and when it was current. */
export type TrackState = {
	event: EventInfo;
	/** the server's tag of exactly this event (Snapshot.eventTag); undefined when not known */
	eventTag?: string | undefined;
	timers: Readonly<Record<string, TimerState>>;
	/** server epoch ms at which this copy was last known to be the server's state */
	at: number;
};

/**
 * Far more than a snapshot can lag behind a broadcast on a live connection (acks time out
 * after seconds), far less than the time between two server histories.
 */
export const HISTORY_GAP_MS = 60_000;

/** The state a snapshot describes, taken at `serverNow` (epoch ms). */
export function stateOf(snapshot: {
	event: EventInfo;
	eventTag?: string | undefined;
	timers: readonly TimerState[];
	serverNow: number;
}): TrackState {
	return {
		event: snapshot.event,
		eventTag: snapshot.eventTag,
		timers: Object.fromEntries(snapshot.timers.map((t) => [t.trackId, t])),
		at: snapshot.serverNow
	};
}

/** A broadcast timer, received at `receivedAt` (server epoch ms): applied only when newer. */
export function withTimer(held: TrackState, timer: TimerState, receivedAt: number): TrackState {
	if (!isNewer(timer, held.timers[timer.trackId])) return held;
	return {
		...held,
		timers: { ...held.timers, [timer.trackId]: timer },
		at: Math.max(held.at, receivedAt)
	};
}

/**
 * A broadcast agenda, received at `receivedAt`: applied only when its agendaVersion is
 * greater (without a tag: a broadcast does not carry one).
 */
export function withAgenda(held: TrackState, event: EventInfo, receivedAt: number): TrackState {
	if (event.id === held.event.id && event.agendaVersion <= held.event.agendaVersion) return held;
	return { event, timers: held.timers, at: Math.max(held.at, receivedAt) };
}

/**
 * Merges a whole copy: one from clearly later (or another event) replaces everything, one
 * from clearly earlier changes nothing; otherwise each part keeps the newer version (a copy
 * at the same version is taken, it is the same state).
 */
export function withCopy(held: TrackState, copy: TrackState): TrackState {
	if (copy.event.id !== held.event.id || copy.at - held.at > HISTORY_GAP_MS) return copy;
	if (held.at - copy.at > HISTORY_GAP_MS) return held;
	// the event keeps the tag of the copy it came from
	const { event, eventTag } = copy.event.agendaVersion >= held.event.agendaVersion ? copy : held;
	const timers = { ...held.timers };
	for (const timer of Object.values(copy.timers)) {
		const current = timers[timer.trackId];
		if (current === undefined || timer.version >= current.version) timers[timer.trackId] = timer;
	}
	return { event, eventTag, timers, at: Math.max(held.at, copy.at) };
}
