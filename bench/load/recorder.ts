// What the attendees of one generator received: for the watched key (keys.ts), each
// attendee's receipts of it, as attendee, receipt time (µs) and value, kept until the next
// collect finds the first receipt of a key at each attendee; how many events arrived at all
// (for the idle check); and, during a reconnect storm, when each attendee held the expected
// snapshot again. Receiving an event only reads the watched value and appends three
// numbers or strings, so that the generator keeps pace with the servers it measures and
// keeps no payload past the young generation.
import { nowUs } from './ipc.ts';
import { parseKey, readerOf, type Reader, type Value } from './keys.ts';

/** Receipts kept at most; beyond it the older half goes (no scenario waits that long for a key). */
const MAX_KEPT = 1_000_000;

type Storm = {
	expectVersion: number | null;
	connected: Float64Array;
	settled: Float64Array;
	synced: Float64Array;
	/** connection attempts per attendee since the storm was armed (the first one included) */
	attempts: Uint16Array;
	/** failed attempts by the error's message */
	errors: Map<string, number>;
	stale: number;
};

export class Recorder {
	private watched: { watch: string; read: Reader } | null = null;
	private index: number[] = [];
	private time: number[] = [];
	private value: Value[] = [];
	private storm: Storm | null = null;
	/** attendees registered so far; indexes are 0..size-1 */
	size = 0;
	events = 0;

	register(): number {
		return this.size++;
	}

	/** From now on keep the receipts of `watch` (keys.ts), and only those. */
	watch(watch: string): void {
		this.watched = { watch, read: readerOf(watch) };
		this.forget();
	}

	event(index: number, event: string, payload: unknown): void {
		this.events++;
		const value = this.watched?.read(event, payload);
		if (value === undefined) return;
		if (this.index.length >= MAX_KEPT) {
			this.index = this.index.slice(MAX_KEPT / 2);
			this.time = this.time.slice(MAX_KEPT / 2);
			this.value = this.value.slice(MAX_KEPT / 2);
		}
		this.index.push(index);
		this.time.push(nowUs());
		this.value.push(value);
	}

	private forget(): void {
		this.index = [];
		this.time = [];
		this.value = [];
	}

	/** The socket is connected again (before it joins). */
	connected(index: number): void {
		const storm = this.storm;
		if (storm && !storm.connected[index]) storm.connected[index] = nowUs();
	}

	/** The socket tries to connect again (socket.io-client's `reconnect_attempt`). */
	attempt(index: number): void {
		const storm = this.storm;
		if (storm) storm.attempts[index]! += 1;
	}

	/** An attempt failed (`connect_error`), with its message. */
	failed(index: number, message: string): void {
		const errors = this.storm?.errors;
		if (errors) errors.set(message, (errors.get(message) ?? 0) + 1);
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
	 * or at timeout; the key's watch must be the one set. Every receipt kept so far is then
	 * dropped: triggers go one at a time, so nothing before this one's collect can carry a
	 * later trigger's key.
	 */
	async collect(key: string, expected: number, timeoutMs: number): Promise<number[]> {
		const { watch, value } = parseKey(key);
		if (watch !== this.watched?.watch) {
			throw new Error(`${key} is not watched (the watch is ${this.watched?.watch ?? 'unset'})`);
		}
		const seen = new Uint8Array(this.size);
		const times: number[] = [];
		let read = 0;
		const until = Date.now() + timeoutMs;
		for (;;) {
			for (; read < this.index.length; read++) {
				const index = this.index[read]!;
				if (seen[index] || this.value[read] !== value) continue;
				seen[index] = 1;
				times.push(this.time[read]!);
			}
			if (times.length >= expected || Date.now() >= until) break;
			await sleep(5);
		}
		this.forget();
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
			attempts: new Uint16Array(this.size),
			errors: new Map(),
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
			attempts: [...storm.attempts.subarray(0, count)],
			errors: Object.fromEntries(storm.errors),
			stale: storm.stale,
			unsettled: count - settled.length,
			expected: count
		};
	}
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
