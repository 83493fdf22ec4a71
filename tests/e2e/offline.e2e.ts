import { expect, test, type Page } from '@playwright/test';
import {
	ensureRunning,
	remainingSeconds,
	signInAsChair,
	waitForLive,
	waitForServiceWorker
} from './support.ts';

/** Two countdowns read one after the other agree to within `slack` seconds. */
async function expectSameCountdown(a: Page, b: Page, slack = 2): Promise<void> {
	await expect
		.poll(async () => Math.abs((await remainingSeconds(a)) - (await remainingSeconds(b))))
		.toBeLessThanOrEqual(slack);
}

test('offline, a reload still shows the agenda and a running countdown, and catches up when back online', async ({
	browser
}) => {
	const chairContext = await browser.newContext();
	const chair = await chairContext.newPage();
	await signInAsChair(chair);
	await ensureRunning(chair);

	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto('/');
	await waitForLive(page);
	await waitForServiceWorker(page);

	// A change the cached page does not hold: only the device's IndexedDB copy has it.
	const before = await remainingSeconds(page);
	await chair.getByRole('button', { name: '+1 min' }).click();
	await expect.poll(() => remainingSeconds(page)).toBeGreaterThan(before + 30);

	await context.setOffline(true);
	await page.reload();
	await expect(page.getByTestId('agenda-slot')).toHaveCount(21);
	const badge = page.getByTestId('connection');
	await expect(badge).toHaveAttribute('data-status', 'offline');
	await expect(badge).toHaveText(/^Offline — last in sync at \d{2}:\d{2}$/);
	const first = await remainingSeconds(page);
	await expect.poll(() => remainingSeconds(page)).not.toBe(first);
	await expectSameCountdown(page, chair);
	await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));

	// Meanwhile the chair extends the slot; the offline page cannot know yet.
	const title = (await chair.getByTestId('current-title').textContent())?.trim() ?? '';
	await chair.getByRole('button', { name: '+5 min' }).click();
	await expect
		.poll(async () => (await remainingSeconds(chair)) - (await remainingSeconds(page)))
		.toBeGreaterThan(250);
	await expect(badge).toHaveAttribute('data-status', 'offline');

	await context.setOffline(false);
	await expect(badge).toHaveAttribute('data-status', 'live', { timeout: 5_000 });
	await expectSameCountdown(page, chair);
	await expect(page.getByTestId('offline-changes')).toContainText(
		`While you were offline: “${title}” was extended by 5 min.`
	);
	expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);

	await Promise.all([context.close(), chairContext.close()]);
});

test('a cold start offline opens the app, also on pages never visited', async ({ browser }) => {
	const context = await browser.newContext();
	const first = await context.newPage();
	await first.goto('/');
	await waitForLive(first);
	await waitForServiceWorker(first);
	const slotHref = await first
		.getByTestId('agenda-slot')
		.getByRole('link')
		.last()
		.getAttribute('href');
	const slotTitle = (
		await first.getByTestId('agenda-slot').getByRole('link').last().textContent()
	)?.trim();
	await first.close();

	await context.setOffline(true);
	const page = await context.newPage();
	await page.goto('/');
	await expect(page.getByTestId('agenda-slot')).toHaveCount(21);
	await expect(page.getByTestId('countdown')).toHaveText(/^\+?(\d+:)?\d{2}:\d{2}$/);
	await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'offline');

	await page.goto(slotHref ?? '/slot/none');
	await expect(page.getByRole('heading', { name: slotTitle })).toBeVisible();
	await page.goto('/stage');
	await expect(page.locator('main.stage')).toBeVisible();
	await expect(page.getByTestId('next-slot')).toBeVisible();
	await context.close();
});
