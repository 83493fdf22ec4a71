import { describe, expect, it } from 'vitest';
import { forwardedAddress } from '../../server/http/origin.ts';
import { addressKey } from '../../server/services/address-key.ts';
import { takeAll, WindowLimiter } from '../../server/services/rate-limit.ts';

describe('the sliding window', () => {
	it('allows `limit` hits per window and says exactly when the next one fits', () => {
		const limiter = new WindowLimiter(3, 60_000);
		for (const t of [0, 10_000, 20_000]) {
			expect(limiter.retryAfterMs('k', t)).toBe(0);
			limiter.hit('k', t);
		}
		expect(limiter.retryAfterMs('k', 30_000)).toBe(30_000);
		expect(limiter.retryAfterMs('k', 59_999)).toBe(1);
		expect(limiter.retryAfterMs('k', 60_000)).toBe(0);
		expect(limiter.retryAfterMs('other', 30_000)).toBe(0);
	});

	it('counts a refused attempt nowhere when one of several limits is full', () => {
		const device = new WindowLimiter(1, 1000);
		const address = new WindowLimiter(5, 1000);
		expect(
			takeAll(
				[
					[device, 'd1'],
					[address, 'a']
				],
				0
			)
		).toBe(0);
		expect(
			takeAll(
				[
					[device, 'd1'],
					[address, 'a']
				],
				10
			)
		).toBe(990);
		expect(
			takeAll(
				[
					[device, 'd2'],
					[address, 'a']
				],
				20
			)
		).toBe(0);
		for (const d of ['d3', 'd4', 'd5'])
			takeAll(
				[
					[device, d],
					[address, 'a']
				],
				30
			);
		expect(
			takeAll(
				[
					[device, 'd6'],
					[address, 'a']
				],
				40
			)
		).toBe(960);
		expect(address.retryAfterMs('a', 1000)).toBe(0);
	});

	it('forgets the least recently used keys beyond its bound', () => {
		const limiter = new WindowLimiter(1, 1000, 2);
		limiter.hit('a', 0);
		limiter.hit('b', 0);
		limiter.hit('c', 0);
		expect(limiter.retryAfterMs('a', 1)).toBe(0);
		expect(limiter.retryAfterMs('c', 1)).toBe(999);
	});
});

describe('client addresses', () => {
	it('key IPv4 as is and IPv6 by its /64', () => {
		expect(addressKey('192.0.2.7')).toBe('192.0.2.7');
		expect(addressKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
		expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
		expect(addressKey('2001:0DB8:0001:0002:ffff:0:0:2')).toBe('2001:db8:1:2::/64');
		expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
		expect(addressKey('::1')).toBe('0:0:0:0::/64');
		expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
	});

	it('key every spelling of one address alike: ports, brackets, leading zeros, mapped IPv4', () => {
		for (const spelling of ['198.51.100.7:40001', '198.051.100.007', '::ffff:198.51.100.7'])
			expect(addressKey(spelling)).toBe('198.51.100.7');
		expect(addressKey('[::ffff:c633:6407]:443')).toBe('198.51.100.7');
		for (const spelling of ['[2001:db8:1:2::9]', '[2001:DB8:1:2:0::9]:8443', ' 2001:db8:1:2::a '])
			expect(addressKey(spelling)).toBe('2001:db8:1:2::/64');
		expect(addressKey('not an address')).toBe('?not an address');
	});

	it('take the last X-Forwarded-For entry only behind a trusted proxy', () => {
		expect(forwardedAddress('10.0.0.1', '203.0.113.9, 198.51.100.4', true)).toBe('198.51.100.4');
		expect(forwardedAddress('10.0.0.1', ['1.1.1.1', '2.2.2.2'], true)).toBe('2.2.2.2');
		expect(forwardedAddress('10.0.0.1', '203.0.113.9', false)).toBe('10.0.0.1');
		expect(forwardedAddress('10.0.0.1', undefined, true)).toBe('10.0.0.1');
		expect(forwardedAddress(undefined, undefined, false)).toBe('unknown');
	});
});
