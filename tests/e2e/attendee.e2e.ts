import { expect, test } from '@playwright/test';
import { countdownSeconds, waitForLive } from './support.ts';

test('the attendee page shows the whole agenda with the current slot counting down', async ({
	page
}) => {
	await page.goto('/');
	await waitForLive(page);

	const rows = page.getByTestId('agenda-slot');
	await expect(rows).toHaveCount(21);
	await expect(page.locator('[data-testid="agenda-slot"][data-status="current"]')).toHaveCount(1);
	await expect(rows.filter({ hasText: 'Moving container workloads to cgroup v2' })).toHaveCount(1);

	const countdown = page.getByTestId('countdown');
	await expect(countdown).toHaveText(/^\+?(\d+:)?\d{2}:\d{2}$/);
	const first = countdownSeconds((await countdown.textContent()) ?? '');
	await expect
		.poll(async () => countdownSeconds((await countdown.textContent()) ?? ''))
		.not.toBe(first);
	await expect(page.getByTestId('next-slot')).toBeVisible();
});

test('the first paint comes from the server, before any script runs', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto('/');
	await expect(page.getByTestId('agenda-slot')).toHaveCount(21);
	await expect(page.getByTestId('countdown')).toHaveText(/^\+?(\d+:)?\d{2}:\d{2}$/);
	await expect(page.getByTestId('current-title')).not.toBeEmpty();
	await context.close();
});

test('a slot page shows the slot details and its abstract', async ({ page }) => {
	await page.goto('/');
	await page
		.getByTestId('agenda-slot')
		.getByRole('link', { name: 'Upstreaming time namespaces' })
		.click();
	await expect(page).toHaveURL(/\/slot\/[A-Za-z0-9_-]+$/);
	await expect(page.getByRole('heading', { name: 'Upstreaming time namespaces' })).toBeVisible();
	await expect(page.getByText('Per-namespace offsets for the monotonic')).toBeVisible();
});

test('an unknown slot is a 404', async ({ page }) => {
	const response = await page.goto('/slot/no-such-slot');
	expect(response?.status()).toBe(404);
});
