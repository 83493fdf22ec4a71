import { describe, expect, it } from 'vitest';
import { GuessThrottle } from '../../server/services/guess-throttle.ts';
import { TokenBucket } from '../../server/services/rate-limit.ts';

const waits = (throttle: GuessThrottle, key: string, n: number, now = 0) =>
	Array.from({ length: n }, () => throttle.turn(key, now));

describe('the passcode guess throttle', () => {
	it('lets five attempts of an address go at once, then spaces them 1 s, 2 s, 4 s … apart', () => {
		const throttle = new GuessThrottle();
		expect(waits(throttle, 'a', 9)).toEqual(
			[0, 0, 0, 0, 0, 1000, 3000, 7000, 15_000].map((waitMs) => ({ waitMs }))
		);
		expect(throttle.turn('b', 0)).toEqual({ waitMs: 0 });
	});

	it('refuses, unchecked, an attempt whose turn is more than 30 s away', () => {
		const throttle = new GuessThrottle();
		waits(throttle, 'a', 9);
		expect(throttle.turn('a', 0)).toEqual({ waitMs: 30_000 });
		expect(throttle.turn('a', 0)).toEqual({ refusedMs: 15_000 });
		expect(throttle.turn('b', 0)).toEqual({ waitMs: 0 });
		expect(throttle.turn('a', 15_000)).toEqual({ waitMs: 30_000 });
	});

	it('takes back only the successful attempt: the next guess still waits its gap', () => {
		const throttle = new GuessThrottle();
		waits(throttle, 'a', 7);
		throttle.succeeded('a', 0);
		expect(throttle.turn('a', 0)).toEqual({ waitMs: 7000 });
	});

	it('forgets an attempt per 12 s of an address', () => {
		const throttle = new GuessThrottle();
		waits(throttle, 'a', 6);
		expect(throttle.turn('a', 10 * 60_000)).toEqual({ waitMs: 0 });
	});

	it('spaces attempts from everywhere once twenty have gone, up to 2 s apart', () => {
		const throttle = new GuessThrottle();
		const turns = Array.from({ length: 26 }, (_, i) => throttle.turn(`k${i}`, 0));
		expect(turns.slice(0, 20).every((t) => 'waitMs' in t && t.waitMs === 0)).toBe(true);
		expect(turns.slice(20)).toEqual(
			[100, 300, 700, 1500, 3100, 5100].map((waitMs) => ({ waitMs }))
		);
	});
});

describe('the token bucket', () => {
	it('spends its burst, then refills at its rate, and says exactly when', () => {
		const bucket = new TokenBucket(2, 1);
		expect([bucket.take('k', 0), bucket.take('k', 0), bucket.take('k', 0)]).toEqual([0, 0, 1000]);
		expect(bucket.retryAfterMs('k', 500)).toBe(500);
		expect(bucket.take('k', 1000)).toBe(0);
		expect(bucket.take('other', 1000)).toBe(0);
		bucket.refund('k', 1000);
		expect(bucket.take('k', 1000)).toBe(0);
		expect(bucket.spent('k', 1000)).toBe(2);
	});
});
