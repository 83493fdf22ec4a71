import { describe, expect, it } from 'vitest';
import { CLOCK_JUMP_MS, RESYNC_MS } from '$lib/client/connection/clock-math.ts';
import { ServerClock } from '$lib/client/connection/clock.svelte.ts';

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

describe('when the page measures the server clock again', () => {
	/** a device whose wall and monotonic clocks the test moves by hand */
	function device() {
		const t = { wall: DEVICE_NOW, mono: 50_000 };
		const clock = new ServerClock(
			() => t.wall,
			() => t.mono
		);
		const pass = (ms: number) => {
			t.wall += ms;
			t.mono += ms;
		};
		return { t, clock, pass };
	}

	it('measures at first, then not again until RESYNC_MS have passed', async () => {
		const { clock, pass } = device();
		expect(clock.stale()).toBe(true);
		await clock.sync(async () => DEVICE_NOW + 5_000, 1);
		expect(clock.stale()).toBe(false);
		pass(RESYNC_MS - 1);
		expect(clock.stale()).toBe(false);
		pass(1);
		expect(clock.stale()).toBe(true);
	});

	it('measures again at once when the device clock is set, either way', async () => {
		const { t, clock, pass } = device();
		await clock.sync(async () => DEVICE_NOW, 1);
		pass(60_000);
		t.wall -= CLOCK_JUMP_MS;
		expect(clock.stale()).toBe(false);
		t.wall -= 1;
		expect(clock.stale()).toBe(true);
		await clock.sync(async () => t.wall, 1);
		t.wall += CLOCK_JUMP_MS + 1;
		expect(clock.stale()).toBe(true);
	});

	it('measures again after the device slept (the monotonic clock stood still)', async () => {
		const { t, clock } = device();
		await clock.sync(async () => DEVICE_NOW, 1);
		t.wall += 10 * 60_000;
		expect(clock.stale()).toBe(true);
	});

	it('keeps asking while every ping of a sync is lost', async () => {
		const { clock, pass } = device();
		await clock.sync(async () => DEVICE_NOW, 1);
		pass(RESYNC_MS);
		expect(
			await clock.sync(async () => {
				throw new Error('lost');
			}, 2)
		).toBe(false);
		expect(clock.stale()).toBe(true);
	});
});
