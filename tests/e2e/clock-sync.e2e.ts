import { expect, test } from '@playwright/test';
import { skewedContext, waitForLive } from './support.ts';

const MINUTE = 60_000;

test('pages whose clocks are 7 minutes slow and 3 minutes fast show the same remaining seconds', async ({
	browser
}) => {
	const contexts = await Promise.all([
		skewedContext(browser, 0),
		skewedContext(browser, -7 * MINUTE),
		skewedContext(browser, 3 * MINUTE)
	]);
	const pages = await Promise.all(contexts.map((context) => context.newPage()));
	await Promise.all(pages.map((page) => page.goto('/')));
	await Promise.all(pages.map((page) => waitForLive(page)));

	// The skew really is in the pages: their Date disagrees with the real clock.
	const offsets = await Promise.all(pages.map((page) => page.evaluate(() => Date.now())));
	const reference = offsets[0]!;
	expect(Math.round((offsets[1]! - reference) / MINUTE)).toBe(-7);
	expect(Math.round((offsets[2]! - reference) / MINUTE)).toBe(3);

	// A second boundary can fall between two reads, so sample until one read agrees.
	await expect
		.poll(
			async () => {
				const texts = await Promise.all(
					pages.map((page) => page.getByTestId('countdown').textContent())
				);
				return new Set(texts).size === 1 ? texts[0] : texts.join(' | ');
			},
			{ timeout: 10_000, intervals: [100, 150, 250] }
		)
		.toMatch(/^\+?(\d+:)?\d{2}:\d{2}$/);

	await Promise.all(contexts.map((context) => context.close()));
});
