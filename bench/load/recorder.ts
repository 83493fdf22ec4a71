// What the attendees of one generator received: per key, the first receipt time (µs) of
// each attendee; how many events arrived at all (for the idle check); and, during a
// reconnect storm, when each attendee held the expected snapshot again.
import { nowUs } from './ipc.ts';
import { keysOf } from './keys.ts';

type Receipts = { seen: Uint8Array; times: number[] };

type Storm = {
	expectVersion: number | null;
	connected: Float64Array;
	settled: Float64Array;
	synced: Float64Array;
	stale: number;
};

export class Recorder {
	private readonly receipts = new Map<string, Receipts>();
	private storm: Storm | null = null;
	/** attendees registered so far; indexes are 0..size-1 */
	size = 0;
	events = 0;

	register(): number {
		return this.size++;
	}

	event(index: number, name: string, payload: unknown): void {
		const t = nowUs();
		this.events++;
		for (const key of keysOf(name, payload)) {
			let r = this.receipts.get(key);
			if (!r) this.receipts.set(key, (r = { seen: new Uint8Array(this.size), times: [] }));
			if (index >= r.seen.length || r.seen[index]) continue;
			r.seen[index] = 1;
			r.times.push(t);
		}
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

	/** Resolves the receipt times of `key` once `expected` attendees have it, or at timeout. */
	async collect(key: string, expected: number, timeoutMs: number): Promise<number[]> {
		const until = Date.now() + timeoutMs;
		while ((this.receipts.get(key)?.times.length ?? 0) < expected && Date.now() < until) {
			await sleep(5);
		}
		const times = this.receipts.get(key)?.times ?? [];
		this.receipts.delete(key);
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
