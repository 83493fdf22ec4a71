import { describe, expect, it } from 'vitest';
import { ServerClock } from '$lib/client/clock.svelte.ts';

const DEVICE_NOW = 1_000_000;

describe("the page's server clock", () => {
	it('prefers the offset kept from an earlier visit to the snapshot of a page that came from the cache', () => {
		const clock = new ServerClock(() => DEVICE_NOW);
		clock.seed(DEVICE_NOW - 3_600_000 + 420_000); // a cached page rendered an hour ago
		clock.restore(420_000);
		expect(clock.now()).toBe(DEVICE_NOW + 420_000);
	});

	it('keeps a measured offset over a kept one', async () => {
		const clock = new ServerClock(() => DEVICE_NOW);
		expect(await clock.sync(async () => DEVICE_NOW + 5_000, 1)).toBe(true);
		clock.restore(420_000);
		expect(clock.offsetMs).toBe(5_000);
	});
});
