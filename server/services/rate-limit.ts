// Sliding-window throttles. FailureLimiter counts failures per key (a client address): once
// `limit` failures sit inside the window, further attempts are refused until the oldest one
// leaves it. WindowLimiter counts every hit (questions, votes). Times are UTC epoch ms passed
// in by the caller; memory stays bounded by `maxKeys`.
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

/**
 * Counts hits per key in a sliding window of `windowMs`: at most `limit` hits per window.
 * `retryAfterMs` says how long until the next hit fits; only `hit` counts one. Times are
 * epoch ms from the caller; the least recently hit keys are forgotten beyond `maxKeys`.
 */
export class WindowLimiter {
	private readonly hits = new Map<string, number[]>();

	constructor(
		readonly limit: number,
		readonly windowMs: number,
		private readonly maxKeys = 50_000
	) {}

	/** Ms until `key` may hit again; 0 when it may now. */
	retryAfterMs(key: string, now: number): number {
		const recent = this.recent(key, now);
		if (recent.length < this.limit) return 0;
		return recent[recent.length - this.limit]! + this.windowMs - now;
	}

	hit(key: string, now: number): void {
		const recent = this.recent(key, now);
		recent.push(now);
		this.hits.delete(key);
		if (this.hits.size >= this.maxKeys) {
			const oldest = this.hits.keys().next().value;
			if (oldest !== undefined) this.hits.delete(oldest);
		}
		this.hits.set(key, recent);
	}

	private recent(key: string, now: number): number[] {
		const list = this.hits.get(key);
		if (!list) return [];
		let expired = 0;
		while (expired < list.length && list[expired]! <= now - this.windowMs) expired++;
		if (expired > 0) list.splice(0, expired);
		if (list.length === 0) this.hits.delete(key);
		return list;
	}
}

/**
 * Takes one hit from every (limiter, key) pair, or from none: resolves 0 when all had
 * room, else the longest wait in ms (and nothing is counted).
 */
export function takeAll(pairs: readonly [WindowLimiter, string][], now: number): number {
	const wait = Math.max(0, ...pairs.map(([limiter, key]) => limiter.retryAfterMs(key, now)));
	if (wait === 0) for (const [limiter, key] of pairs) limiter.hit(key, now);
	return wait;
}

/**
 * The throttling key of a client address: IPv4 (also IPv4-mapped IPv6) as is; IPv6 by its
 * /64 prefix, since one household or phone commonly holds a whole /64.
 */
export function addressKey(address: string): string {
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
	if (mapped) return mapped[1]!;
	if (!address.includes(':')) return address;
	const [head = '', tail = ''] = address.toLowerCase().split('%')[0]!.split('::');
	const left = head ? head.split(':') : [];
	const right = tail ? tail.split(':') : [];
	const groups = address.includes('::')
		? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
		: left;
	return `${groups
		.slice(0, 4)
		.map((g) => g.replace(/^0+(?=.)/, ''))
		.join(':')}::/64`;
}
