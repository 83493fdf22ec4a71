// Counts failures per key (a client address) in a sliding window. Once `limit` failures sit
// inside the window, further attempts are refused until the oldest one leaves it.
// Times are UTC epoch ms passed in by the caller; memory stays bounded by `maxKeys`.
export class FailureLimiter {
	private readonly failures = new Map<string, number[]>();

	constructor(
		private readonly limit: number,
		private readonly windowMs: number,
		private readonly maxKeys = 10_000
	) {}

	/** Ms until `key` may try again; 0 when it may try now. */
	retryAfterMs(key: string, now: number): number {
		const recent = this.recent(key, now);
		if (recent.length < this.limit) return 0;
		return recent[recent.length - this.limit]! + this.windowMs - now;
	}

	fail(key: string, now: number): void {
		const recent = this.recent(key, now);
		this.failures.delete(key);
		if (this.failures.size >= this.maxKeys) {
			const oldest = this.failures.keys().next().value;
			if (oldest !== undefined) this.failures.delete(oldest);
		}
		this.failures.set(key, [...recent, now]);
	}

	/** Forgets the key's failures (it has just proved itself). */
	reset(key: string): void {
		this.failures.delete(key);
	}

	private recent(key: string, now: number): number[] {
		const list = (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
		if (list.length === 0) this.failures.delete(key);
		else this.failures.set(key, list);
		return list;
	}
}
