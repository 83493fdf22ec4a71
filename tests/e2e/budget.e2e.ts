import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { waitForLive } from './support.ts';

/** The attendee page's budget on a cheap phone (issue 3): gzipped JavaScript on first load. */
const JS_BUDGET_BYTES = 60 * 1000;

test('the attendee page loads at most 60 KB of gzipped JavaScript on a first visit', async ({
	browser
}) => {
	const context = await browser.newContext({ serviceWorkers: 'block' });
	const page = await context.newPage();
	const scripts: Promise<{ url: string; gzipped: number }>[] = [];
	page.on('response', (response) => {
		if (response.request().resourceType() !== 'script') return;
		scripts.push(
			response.body().then((body) => ({
				url: response.url(),
				gzipped: gzipSync(body, { level: 9 }).length
			}))
		);
	});
	await page.goto('/');
	await waitForLive(page);
	await page.waitForLoadState('networkidle');

	const loaded = await Promise.all(scripts);
	const total = loaded.reduce((sum, s) => sum + s.gzipped, 0);
	expect(loaded.length).toBeGreaterThan(0);
	expect(total, loaded.map((s) => `${s.gzipped} ${s.url}`).join('\n')).toBeLessThanOrEqual(
		JS_BUDGET_BYTES
	);
	await context.close();
});
