import { expect, test } from '@playwright/test';
import { countdownSeconds, signInAsChair, waitForLive } from './support.ts';

test('a wrong passcode is refused and the controls stay hidden', async ({ page }) => {
	await page.goto('/chair');
	await page.getByLabel('Passcode').fill('not-the-passcode');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('alert')).toHaveText('That passcode is not right.');
	await expect(page.getByRole('button', { name: 'Next' })).toHaveCount(0);
});

test('the start/pause button keeps its dark background and white label under the pointer', async ({
	page
}) => {
	await signInAsChair(page);
	// the big toggle (Space); the separate Start button (S) is outlined
	const toggle = page.locator('button[aria-keyshortcuts="Space"]');
	await toggle.hover();
	const colours = await toggle.evaluate((el) => {
		const style = getComputedStyle(el);
		return { background: style.backgroundColor, text: style.color };
	});
	expect(colours).toEqual({ background: 'rgb(30, 58, 95)', text: 'rgb(255, 255, 255)' });
});

test("a chair's timer commands reach an attendee's page", async ({ browser }) => {
	const chairContext = await browser.newContext();
	const attendeeContext = await browser.newContext();
	const chair = await chairContext.newPage();
	const attendee = await attendeeContext.newPage();
	await signInAsChair(chair);
	await attendee.goto('/');
	await waitForLive(attendee);
	const countdown = attendee.getByTestId('countdown');

	// Take the track live on a fresh slot so the numbers are known.
	const chairTitle = chair.getByTestId('current-title');
	const before = (await chairTitle.textContent())?.trim() ?? '';
	await chair.getByRole('button', { name: 'Next', exact: true }).click();
	await expect(chairTitle).not.toHaveText(before);
	const title = (await chairTitle.textContent())?.trim() ?? '';
	await expect(attendee.getByTestId('current-title')).toHaveText(title);

	await chair.getByRole('button', { name: 'Pause', exact: true }).click();
	await expect(attendee.getByTestId('paused')).toBeVisible();
	const paused = countdownSeconds((await countdown.textContent()) ?? '');
	await chair.getByRole('button', { name: '+5 min', exact: true }).click();
	await expect
		.poll(async () => countdownSeconds((await countdown.textContent()) ?? ''))
		.toBe(paused + 300);
	// Paused: the attendee's countdown holds still.
	await attendee.waitForTimeout(1500);
	expect(countdownSeconds((await countdown.textContent()) ?? '')).toBe(paused + 300);

	await chair.getByRole('button', { name: 'Resume', exact: true }).click();
	await expect(attendee.getByTestId('paused')).toHaveCount(0);
	await expect
		.poll(async () => countdownSeconds((await countdown.textContent()) ?? ''))
		.toBeLessThan(paused + 300);

	await chair.getByRole('button', { name: 'Previous', exact: true }).click();
	await expect(attendee.getByTestId('current-title')).not.toHaveText(title);

	await chair.getByRole('button', { name: 'Sign out', exact: true }).click();
	await expect(chair.getByLabel('Passcode')).toBeVisible();
	await Promise.all([chairContext.close(), attendeeContext.close()]);
});
