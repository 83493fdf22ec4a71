// Throttles. WindowLimiter counts every hit in a sliding window (questions, votes, lists);
// TokenBucket is a cheap budget with a burst and a steady rate (open commands, sign-in
// guesses). Times are UTC epoch ms passed in by the caller; memory stays bounded by
// `maxKeys` (the least recently used keys are forgotten). Limits names a set of window
// limits taken together, in memory here or on Redis (redis-limits.ts).
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
 * A budget per key: `burst` tokens, refilled at `perSecond`; `take` spends one when there is
 * one. O(1) per call, so it can sit in front of every open command of every socket.
 */
export class TokenBucket {
	private readonly buckets = new Map<string, { tokens: number; at: number }>();

	constructor(
		readonly burst: number,
		readonly perSecond: number,
		private readonly maxKeys = 50_000
	) {}

	/** Ms until `key` has a token; 0 when it has one now. */
	retryAfterMs(key: string, now: number): number {
		const tokens = this.tokens(key, now);
		return tokens >= 1 ? 0 : Math.ceil(((1 - tokens) / this.perSecond) * 1000);
	}

	/** Spends a token of `key` and resolves 0, or spends nothing and resolves the wait (ms). */
	take(key: string, now: number): number {
		const wait = this.retryAfterMs(key, now);
		if (wait === 0) this.set(key, this.tokens(key, now) - 1, now);
		return wait;
	}

	/** Gives a spent token back (the attempt it paid for turned out not to count). */
	refund(key: string, now: number): void {
		this.set(key, Math.min(this.burst, this.tokens(key, now) + 1), now);
	}

	/** How many tokens `key` lacks to be full (0: untouched). */
	spent(key: string, now: number): number {
		return this.burst - this.tokens(key, now);
	}

	private tokens(key: string, now: number): number {
		const bucket = this.buckets.get(key);
		if (!bucket) return this.burst;
		return Math.min(
			this.burst,
			bucket.tokens + (Math.max(0, now - bucket.at) / 1000) * this.perSecond
		);
	}

	private set(key: string, tokens: number, now: number): void {
		this.buckets.delete(key);
		if (tokens >= this.burst) return;
		if (this.buckets.size >= this.maxKeys) {
			const oldest = this.buckets.keys().next().value;
			if (oldest !== undefined) this.buckets.delete(oldest);
		}
		this.buckets.set(key, { tokens, at: now });
	}
}

/**
 * Named window limits (`limit` hits per `windowMs` per key), taken together: `take` counts one
 * hit of every (name, key) pair and resolves 0, or counts none and resolves the longest wait
 * (ms). In memory here; shared by every Dais process on Redis in redis-limits.ts.
 */
export type Limits<N extends string> = {
	take(hits: readonly (readonly [N, string])[], now: number): Promise<number>;
};

export type LimitsFactory = <N extends string>(
	limits: Record<N, number>,
	windowMs: number
) => Limits<N>;

export function memoryLimits<N extends string>(
	limits: Record<N, number>,
	windowMs: number
): Limits<N> {
	const limiters = new Map<string, WindowLimiter>();
	for (const [name, limit] of Object.entries<number>(limits))
		limiters.set(name, new WindowLimiter(limit, windowMs));
	return {
		take: async (hits, now) =>
			takeAll(
				hits.map(([name, key]): [WindowLimiter, string] => [limiters.get(name)!, key]),
				now
			)
	};
}
