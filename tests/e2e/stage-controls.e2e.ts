// The stage display's controls against the shared server: receipts count only from the
// console's keyed link (and stop when a chair renews it), the chair blacks the stage out or
// puts up the holding card, full screen by button and `F`, the slot's progress bar, and a
// signal that flashes as it arrives (not under reduced motion). Each test leaves the stage on
// the countdown with no signal.
import { expect, test, type Page } from '@playwright/test';
import { signInAsChair, waitForLive } from './support.ts';

const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

async function stageLinkOf(chair: Page): Promise<string> {
	const link = chair.getByTestId('stage-link');
	await expect(link).toHaveAttribute('href', /^\/stage\?track=[^#]+#key=\d+\.[\w-]+$/);
	return (await link.getAttribute('href'))!;
}

async function open(page: Page, path: string): Promise<void> {
	await page.goto(path);
	await waitForLive(page);
}

test('only the console’s stage link confirms a signal, and a new link retires the old one', async ({
	browser
}) => {
	const contexts = await Promise.all([1, 2, 3, 4].map(() => browser.newContext()));
	const [chair, plain, keyed, renewed] = await Promise.all(contexts.map((c) => c.newPage()));
	await signInAsChair(chair!);
	const oldLink = await stageLinkOf(chair!);
	await open(plain!, '/stage');
	const status = chair!.getByTestId('stage-status');

	// A display opened without the key shows the signal, but the console keeps waiting.
	await button(chair!, 'Wrap up').click();
	await expect(plain!.getByTestId('stage-signal')).toHaveText('Wrap up');
	await plain!.waitForTimeout(1500);
	await expect(status).toContainText('not shown yet');
	await expect(chair!.getByTestId('signal-seen')).toHaveCount(0);

	// The keyed link confirms it.
	await open(keyed!, oldLink);
	await expect(chair!.getByTestId('signal-seen')).toHaveText(/^Seen on stage at \d{2}:\d{2}$/);

	// A new link: the display on the old one no longer confirms, one on the new link does.
	await button(chair!, 'New stage link').click();
	await expect(chair!.getByText('Displays opened with the old link no longer')).toBeVisible();
	const newLink = await stageLinkOf(chair!);
	expect(newLink).not.toBe(oldLink);
	await button(chair!, '5 minutes').click();
	await expect(keyed!.getByTestId('stage-signal')).toHaveText('5 minutes');
	await keyed!.waitForTimeout(1500);
	await expect(status).toContainText('not shown yet');
	await open(renewed!, newLink);
	await expect(chair!.getByTestId('signal-seen')).toBeVisible();

	await button(chair!, 'Clear').click();
	await expect(status).toHaveText('No signal on stage.');
	await Promise.all(contexts.map((c) => c.close()));
});

test('the chair blacks the stage out, puts up the holding card, and brings the countdown back', async ({
	browser
}) => {
	const contexts = await Promise.all([browser.newContext(), browser.newContext()]);
	const [chair, stage] = await Promise.all(contexts.map((c) => c.newPage()));
	await signInAsChair(chair!);
	await open(stage!, '/stage');
	const main = stage!.locator('main');
	await expect(stage!.getByTestId('countdown')).toBeVisible();

	await button(chair!, 'Black screen').click();
	await expect(button(chair!, 'Black screen')).toHaveAttribute('aria-pressed', 'true');
	await expect(main).toHaveAttribute('data-standby', 'black');
	await expect(stage!.getByTestId('countdown')).toHaveCount(0);
	await expect(stage!.getByTestId('stage-qr')).toHaveCount(0);
	expect(await main.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(0, 0, 0)');
	// a signal waits behind the blackout
	await button(chair!, 'Wrap up').click();
	await expect(stage!.getByTestId('stage-signal')).toHaveCount(0);

	// a display opened meanwhile is black at once: the state is the server's
	const late = await contexts[1]!.newPage();
	await open(late, '/stage');
	await expect(late.locator('main')).toHaveAttribute('data-standby', 'black');
	await late.close();

	await button(chair!, 'Holding card').click();
	await expect(main).toHaveAttribute('data-standby', 'holding');
	await expect(stage!.getByTestId('stage-holding')).toContainText('We will be back shortly');
	await expect(stage!.getByTestId('stage-qr')).toBeVisible();
	await expect(stage!.getByTestId('countdown')).toHaveCount(0);

	await button(chair!, 'Countdown').click();
	await expect(main).toHaveAttribute('data-standby', 'off');
	await expect(stage!.getByTestId('countdown')).toBeVisible();
	await expect(stage!.getByTestId('stage-signal')).toHaveText('Wrap up');
	await button(chair!, 'Clear').click();
	await Promise.all(contexts.map((c) => c.close()));
});

test('the stage goes full screen with its button or F, and back with F', async ({ page }) => {
	await open(page, '/stage');
	const isFull = () => page.evaluate(() => document.fullscreenElement !== null);
	const main = page.locator('main');

	await page.keyboard.press('f');
	await expect.poll(isFull).toBe(true);
	await expect(main).toHaveAttribute('data-fullscreen', 'on');
	await expect(page.getByRole('button', { name: /Full screen/ })).toHaveCount(0);
	await page.keyboard.press('f');
	await expect.poll(isFull).toBe(false);

	await page.getByRole('button', { name: /Full screen/ }).click();
	await expect.poll(isFull).toBe(true);
	await page.keyboard.press('F');
	await expect.poll(isFull).toBe(false);
	await expect(main).toHaveAttribute('data-fullscreen', 'off');
});

test('a progress bar follows the slot, and a new signal flashes as it arrives unless motion is reduced', async ({
	browser
}) => {
	const contexts = await Promise.all([
		browser.newContext(),
		browser.newContext(),
		browser.newContext({ reducedMotion: 'reduce' })
	]);
	const [chair, stage, calm] = await Promise.all(contexts.map((c) => c.newPage()));
	await signInAsChair(chair!);
	await Promise.all([open(stage!, '/stage'), open(calm!, '/stage')]);

	// A cued slot of one minute: nothing used yet, then a share that grows every second.
	const progress = stage!.getByTestId('stage-progress');
	const used = async () => Number(await progress.getAttribute('aria-valuenow'));
	await button(chair!, 'Reset').click();
	await expect(chair!.getByTestId('phase')).toHaveText('Reset: ready to start');
	const countdown = chair!.getByTestId('countdown');
	while (((await countdown.textContent()) ?? '') !== '01:00') {
		const before = await countdown.textContent();
		await button(chair!, 'Minus 1 min').click();
		await expect(countdown).not.toHaveText(before ?? '');
	}
	await expect(progress).toHaveAttribute('role', 'progressbar');
	expect(await used()).toBe(0);
	await button(chair!, 'Start').click();
	await expect.poll(used).toBeGreaterThanOrEqual(3);
	const share = await used();
	await expect.poll(used).toBeGreaterThan(share);
	const scale = await stage!
		.locator('[data-testid="stage-progress"] > .fill')
		.evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a);
	expect(scale).toBeGreaterThan(0);
	expect(scale).toBeLessThan(1);

	const animation = (page: Page) =>
		page.getByTestId('stage-signal').evaluate((el) => {
			const style = getComputedStyle(el);
			return {
				name: style.animationName,
				seconds: parseFloat(style.animationDuration),
				count: style.animationIterationCount
			};
		});
	await button(chair!, 'Time is up').click();
	await expect(stage!.getByTestId('stage-signal')).toHaveText('Time is up');
	const flash = await animation(stage!);
	expect(flash.name).not.toBe('none');
	// three pulses of half a second: under three flashes a second, and then it stays still
	expect(flash.seconds).toBeGreaterThanOrEqual(0.5);
	expect(flash.count).toBe('3');
	await expect(calm!.getByTestId('stage-signal')).toHaveText('Time is up');
	expect((await animation(calm!)).name).toBe('none');

	await button(chair!, 'Clear').click();
	await Promise.all(contexts.map((c) => c.close()));
});
