import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import {
	isLoopback,
	joinBase,
	venueAddresses,
	type Interfaces
} from '../../server/http/join-url.ts';

const info = (address: string, family: 'IPv4' | 'IPv6', internal = false): NetworkInterfaceInfo =>
	({
		address,
		family,
		internal,
		netmask: family === 'IPv4' ? '255.255.255.0' : 'ffff:ffff:ffff:ffff::',
		mac: '02:00:00:00:00:01',
		cidr: null,
		...(family === 'IPv6' ? { scopeid: 0 } : {})
	}) as NetworkInterfaceInfo;

/** A laptop on the venue's Wi-Fi, with a wired link and a container bridge. */
const laptop: Interfaces = {
	lo: [info('127.0.0.1', 'IPv4', true), info('::1', 'IPv6', true)],
	wlan0: [
		info('fe80::1c2:3ff:fe44:5566', 'IPv6'),
		info('fd00:beef::2', 'IPv6'),
		info('10.20.30.40', 'IPv4')
	],
	eth0: [info('192.168.1.7', 'IPv4')]
};

describe('the venue addresses', () => {
	it('lists every non-loopback interface, IPv4 first, never a link-local one', () => {
		expect(venueAddresses(laptop, '0.0.0.0', 3000)).toEqual([
			{ url: 'http://10.20.30.40:3000', interface: 'wlan0' },
			{ url: 'http://192.168.1.7:3000', interface: 'eth0' },
			{ url: 'http://[fd00:beef::2]:3000', interface: 'wlan0' }
		]);
		expect(venueAddresses(laptop, '::', 8080).map((a) => a.url)).toContain(
			'http://192.168.1.7:8080'
		);
	});

	it('is only the listening address when HOST names one, and none for a loopback HOST', () => {
		expect(venueAddresses(laptop, '192.168.1.7', 3000)).toEqual([
			{ url: 'http://192.168.1.7:3000', interface: 'eth0' }
		]);
		expect(venueAddresses(laptop, '127.0.0.1', 3000)).toEqual([]);
	});

	it('is empty on a machine with no network', () => {
		expect(venueAddresses({ lo: laptop.lo }, '0.0.0.0', 3000)).toEqual([]);
		expect(venueAddresses({}, '0.0.0.0', 3000)).toEqual([]);
	});
});

describe('the join base', () => {
	const venue = venueAddresses(laptop, '0.0.0.0', 3000);

	it('is PUBLIC_URL when it is set', () => {
		const publicUrl = 'https://dais.example.org';
		expect(joinBase({ publicUrl, requestBase: 'http://localhost:3000', venue })).toBe(publicUrl);
	});

	it('replaces a loopback address the stage was opened with by a venue address', () => {
		for (const requestBase of [
			'http://localhost:3000',
			'http://127.0.0.1:3000',
			'http://[::1]:3000',
			'http://app.localhost:3000'
		]) {
			expect(joinBase({ publicUrl: undefined, requestBase, venue })).toBe(
				'http://10.20.30.40:3000'
			);
		}
	});

	it('keeps an address phones can reach as it came', () => {
		for (const requestBase of ['http://192.168.1.7:3000', 'http://dais.local:3000']) {
			expect(joinBase({ publicUrl: undefined, requestBase, venue })).toBe(requestBase);
		}
	});

	it('names loopback hosts', () => {
		expect(['localhost', '127.0.0.1', '127.1.2.3', '[::1]', '::1'].every(isLoopback)).toBe(true);
		expect(['10.0.0.1', 'dais.local', 'localhost.example.org', '[fd00::2]'].some(isLoopback)).toBe(
			false
		);
	});
});
