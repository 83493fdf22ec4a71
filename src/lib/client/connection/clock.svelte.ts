// The browser's estimate of the server clock (DESIGN §4). serverNow() = device time + offset.
// Before the first sync the offset is seeded from the SSR snapshot, so the first paint already
// agrees with the server, then from the offset of an earlier visit when the device kept one
// (the page itself may come from the service worker's cache, its snapshot hours old);
// sync() replaces it with the best of several ping round trips.
import { estimateOffset, offsetStale, type ClockReading, type ClockSample } from './clock-math.ts';

/** Sends one clock:ping and resolves with the server's epoch ms. */
export type Ping = () => Promise<number>;

export class ServerClock {
	#offsetMs = $state.raw(0);
	#errorMs = $state.raw<number | null>(null);
	#syncedAt = $state.raw<number | null>(null);
	/** device and monotonic clocks when the offset was measured */
	#measured: ClockReading | null = null;
	readonly #deviceNow: () => number;
	readonly #monotonicNow: () => number;

	constructor(
		deviceNow: () => number = () => Date.now(),
		monotonicNow: () => number = () => performance.now()
	) {
		this.#deviceNow = deviceNow;
		this.#monotonicNow = monotonicNow;
	}

	/** server minus device, ms */
	get offsetMs() {
		return this.#offsetMs;
	}
	/** half the best round trip, ms; null until synced */
	get errorMs() {
		return this.#errorMs;
	}
	/** server epoch ms of the last successful sync; null until then */
	get syncedAt() {
		return this.#syncedAt;
	}

	/** The server's clock now, epoch ms. */
	now(): number {
		return this.#deviceNow() + this.#offsetMs;
	}

	/** Whether to sync again: never synced, the device clock was set or slept, or it is time. */
	stale(): boolean {
		return !this.#measured || offsetStale(this.#measured, this.#reading());
	}

	#reading(): ClockReading {
		return { wall: this.#deviceNow(), mono: this.#monotonicNow() };
	}

	/** Takes a rough offset from a server instant seen just now, unless a sync already ran. */
	seed(serverNow: number): void {
		if (this.#syncedAt === null) this.#offsetMs = serverNow - this.#deviceNow();
	}

	/** Takes the offset measured in an earlier visit (kept on the device), unless a sync ran. */
	restore(offsetMs: number): void {
		if (this.#syncedAt === null) this.#offsetMs = offsetMs;
	}

	/** Runs `rounds` pings one after another; true when at least one answered. */
	async sync(ping: Ping, rounds = 5): Promise<boolean> {
		const samples: ClockSample[] = [];
		for (let i = 0; i < rounds; i++) {
			const t0 = this.#deviceNow();
			try {
				const serverNow = await ping();
				samples.push({ t0, t1: this.#deviceNow(), serverNow });
			} catch {
				// a lost ping only costs one sample
			}
		}
		const estimate = estimateOffset(samples);
		if (!estimate) return false;
		this.#offsetMs = estimate.offsetMs;
		this.#errorMs = estimate.errorMs;
		this.#syncedAt = this.now();
		this.#measured = this.#reading();
		return true;
	}
}
