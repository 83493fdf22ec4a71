// The chair console under a keyboard: Space on a focused control presses that control, no
// shortcut runs behind the shortcuts dialog, single-key shortcuts can be turned off or made
// to need Alt (and the device keeps the choice), and focus stays where the chair left it.
// The server is shared with the
// other console tests, so each test first cues the current slot (Reset) and works relative
// to what it finds.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { countdownSeconds, signInAsChair } from './support.ts';

const seconds = async (countdown: Locator) =>
	countdownSeconds((await countdown.textContent()) ?? '');
const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
const undo = (page: Page) => page.getByRole('button', { name: /^Undo/ });

/** Cues the current slot with its full time (Reset), with a next slot, and leaves focus nowhere. */
async function cue(page: Page): Promise<void> {
	await expect(button(page, 'Reset')).toBeEnabled();
	if (await button(page, 'Next').isDisabled()) await button(page, 'Previous').click();
	await button(page, 'Reset').click();
	await expect(page.getByTestId('phase')).toHaveText('Reset: ready to start');
	await expect(undo(page)).toBeEnabled();
	await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

/** Presses a key once no command is on its way. */
async function press(page: Page, key: string): Promise<void> {
	await expect(undo(page)).toBeEnabled();
	await page.keyboard.press(key);
}

test('Space presses a focused button or checkbox instead of pausing or resuming the room', async ({
	page
}) => {
	await signInAsChair(page);
	await cue(page);
	const countdown = page.getByTestId('countdown');
	const phase = page.getByTestId('phase');
	const full = await seconds(countdown);

	await button(page, '+1 min').focus();
	await press(page, 'Space');
	await expect.poll(() => seconds(countdown)).toBe(full + 60);
	await expect(phase).toHaveText('Reset: ready to start');

	const showHidden = page.getByRole('checkbox', { name: /Show hidden/ });
	if ((await showHidden.count()) > 0) {
		await showHidden.focus();
		await press(page, 'Space');
		await expect(showHidden).toBeChecked();
		await press(page, '=');
		await expect.poll(() => seconds(countdown)).toBe(full + 120);
		await expect(phase).toHaveText('Reset: ready to start');
	}

	// With focus on no control, Space is the room's pause and resume.
	await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
	await press(page, 'Space');
	await expect(phase).toHaveText('Running');
	await press(page, 'Space');
	await expect(phase).toHaveText('Paused');
});

test('no shortcut runs behind the shortcuts dialog, which keeps focus and closes on Escape', async ({
	page
}) => {
	await signInAsChair(page);
	await cue(page);
	const title = page.getByTestId('current-title');
	const cued = (await title.textContent())?.trim() ?? '';

	await press(page, '?');
	const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
	await expect(help).toBeVisible();
	for (const key of ['n', 'e', 'Space', '=']) await page.keyboard.press(key);
	for (let i = 0; i < 8; i++) {
		await page.keyboard.press(i % 3 === 2 ? 'Shift+Tab' : 'Tab');
		expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(
			true
		);
	}
	await page.keyboard.press('Escape');
	await expect(help).toHaveCount(0);

	// Had the keys reached the console, their effects would show once this command is back.
	await press(page, 'Shift+Equal');
	await expect(button(page, 'Undo: +5 min')).toBeVisible();
	await expect(page.getByTestId('phase')).toHaveText('Reset: ready to start');
	await expect(title).toHaveText(cued);
});

test('single-key shortcuts can be turned off or made to need Alt, and the device keeps the choice', async ({
	page
}) => {
	await signInAsChair(page);
	await cue(page);
	const countdown = page.getByTestId('countdown');
	const title = page.getByTestId('current-title');
	const cued = (await title.textContent())?.trim() ?? '';
	const full = await seconds(countdown);
	const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });

	await page.getByRole('button', { name: /^Shortcuts/ }).click();
	await help.getByRole('button', { name: /^Off/ }).click();
	await help.getByRole('button', { name: 'Close' }).click();
	await expect(help).toHaveCount(0);
	await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
	for (const key of ['n', '=', 'Space', '?']) await press(page, key);
	await expect(help).toHaveCount(0);
	await button(page, '+1 min').click();
	await expect.poll(() => seconds(countdown)).toBe(full + 60);
	await expect(title).toHaveText(cued);
	await expect(page.getByTestId('phase')).toHaveText('Reset: ready to start');

	await page.reload();
	await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'live');
	await page.getByRole('button', { name: /^Shortcuts/ }).click();
	await expect(help.getByRole('button', { name: /^Off/ })).toHaveAttribute('aria-pressed', 'true');
	await help.getByRole('button', { name: /^Alt/ }).click();
	await expect(help.getByRole('button', { name: /^Alt/ })).toHaveAttribute('aria-pressed', 'true');
	await page.keyboard.press('Escape');
	await expect(help).toHaveCount(0);
	await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

	await press(page, '=');
	await page.waitForTimeout(700);
	expect(await seconds(countdown)).toBe(full + 60);
	await press(page, 'Alt+Equal');
	await expect.poll(() => seconds(countdown)).toBe(full + 120);
	await expect(button(page, 'Next')).toHaveAttribute('aria-keyshortcuts', 'Alt+N');
});

test('focus stays on the control used, and moves to Pause when Start goes away', async ({
	page
}) => {
	await signInAsChair(page);
	await cue(page);
	const countdown = page.getByTestId('countdown');
	const full = await seconds(countdown);

	await button(page, '+1 min').focus();
	await press(page, 'Enter');
	await expect.poll(() => seconds(countdown)).toBe(full + 60);
	await expect(button(page, '+1 min')).toBeFocused();

	await button(page, 'Minus 1 min').click();
	await expect.poll(() => seconds(countdown)).toBe(full);
	await expect(button(page, 'Minus 1 min')).toBeFocused();

	await button(page, 'Start').focus();
	await press(page, 'Enter');
	await expect(page.getByTestId('phase')).toHaveText('Running');
	await expect(button(page, 'Start')).toBeDisabled();
	await expect(button(page, 'Pause')).toBeFocused();
});

test('focus stays on a stage signal button, and moves within the panel when Clear goes away', async ({
	page
}) => {
	await signInAsChair(page);
	const status = page.getByTestId('stage-status');
	const clear = status.getByRole('button', { name: 'Clear' });
	if ((await clear.count()) > 0) await clear.click();
	await expect(status).toContainText('No signal on stage.');

	await button(page, 'Wrap up').focus();
	await press(page, 'Enter');
	await expect(status).toContainText('Wrap up');
	await expect(button(page, 'Wrap up')).toBeFocused();

	await clear.focus();
	await press(page, 'Enter');
	await expect(status).toContainText('No signal on stage.');
	await expect(button(page, '5 minutes')).toBeFocused();
});
