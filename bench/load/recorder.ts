// What the attendees of one generator received: every event, with its attendee and
// receipt time (µs), kept until the next collect reads the first receipt of a key at each
// attendee (keys.ts); how many events arrived at all (for the idle check); and, during a
// reconnect storm, when each attendee held the expected snapshot again. Receiving an event
// only appends it, so that the generator keeps pace with the servers it measures.
import { nowUs } from './ipc.ts';
import { carrierOf } from './keys.ts';

/** Events kept at most; beyond it the older half goes (no scenario waits that long for a key). */
const MAX_KEPT = 1_000_000;

type Received = { index: number; t: number; event: string; payload: unknown };

type Storm = {
	expectVersion: number | null;
	connected: Float64Array;
	settled: Float64Array;
	synced: Float64Array;
	stale: number;
};

export class Recorder {
	private received: Received[] = [];
	private storm: Storm | null = null;
	/** attendees registered so far; indexes are 0..size-1 */
	size = 0;
	events = 0;

	register(): number {
		return this.size++;
	}

	event(index: number, event: string, payload: unknown): void {
		this.events++;
		if (this.received.length >= MAX_KEPT) this.received = this.received.slice(MAX_KEPT / 2);
		this.received.push({ index, t: nowUs(), event, payload });
	}

	/** The socket is connected again (before it joins). */
	connected(index: number): void {
		const storm = this.storm;
		if (storm && !storm.connected[index]) storm.connected[index] = nowUs();
	}

	/** A join answered with a snapshot whose timer for the track has `version`. */
	snapshot(index: number, version: number | null): void {
		const storm = this.storm;
		if (!storm || storm.settled[index]) return;
		if (storm.expectVersion === null || version === storm.expectVersion) {
			storm.settled[index] = nowUs();
		} else {
			storm.stale++;
		}
	}

	/** The clock sync after a join has finished. */
	synced(index: number): void {
		const storm = this.storm;
		if (storm && storm.settled[index] && !storm.synced[index]) storm.synced[index] = nowUs();
	}

	/**
	 * The first receipt time of `key` at each attendee that has it, once `expected` have it
	 * or at timeout. Every event received so far is then dropped: triggers go one at a time,
	 * so nothing before this one's collect can carry a later trigger's key.
	 */
	async collect(key: string, expected: number, timeoutMs: number): Promise<number[]> {
		const carries = carrierOf(key);
		const seen = new Uint8Array(this.size);
		const times: number[] = [];
		let read = 0;
		const until = Date.now() + timeoutMs;
		for (;;) {
			for (; read < this.received.length; read++) {
				const r = this.received[read]!;
				if (seen[r.index] || !carries(r.event, r.payload)) continue;
				seen[r.index] = 1;
				times.push(r.t);
			}
			if (times.length >= expected || Date.now() >= until) break;
			await sleep(5);
		}
		this.received = [];
		return times;
	}

	takeEvents(): number {
		const n = this.events;
		this.events = 0;
		return n;
	}

	armStorm(expectVersion: number | null): void {
		this.storm = {
			expectVersion,
			connected: new Float64Array(this.size),
			settled: new Float64Array(this.size),
			synced: new Float64Array(this.size),
			stale: 0
		};
	}

	/** Waits until every attendee settled (or timeout); ends the storm. */
	async stormResult(count: number, timeoutMs: number) {
		const storm = this.storm;
		if (!storm) throw new Error('no storm is armed');
		const done = (a: Float64Array) => a.subarray(0, count).every((t) => t > 0);
		const until = Date.now() + timeoutMs;
		while (!(done(storm.settled) && done(storm.synced)) && Date.now() < until) await sleep(20);
		this.storm = null;
		const settled = [...storm.settled.subarray(0, count)].filter((t) => t > 0);
		return {
			connected: [...storm.connected.subarray(0, count)].filter((t) => t > 0),
			settled,
			synced: [...storm.synced.subarray(0, count)].filter((t) => t > 0),
			stale: storm.stale,
			unsettled: count - settled.length,
			expected: count
		};
	}
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
