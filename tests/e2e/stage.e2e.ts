// The stage display against the shared server: the chair's signals and their acknowledgement,
// the overtime flash and its off switch (and reduced motion), and a layout that fits the
// common screens with no scrollbars. Each test leaves the signal cleared and the flash on.
import { expect, test, type Page } from '@playwright/test';
import { countdownSeconds, signInAsChair, waitForLive } from './support.ts';

const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

async function openStage(page: Page): Promise<void> {
	await page.goto('/stage');
	await waitForLive(page);
}

/** Opens the stage with the console's link, whose key lets it confirm signals. */
async function openKeyedStage(page: Page, chair: Page): Promise<void> {
	const link = chair.getByTestId('stage-link');
	await expect(link).toHaveAttribute('href', /#key=/);
	await page.goto((await link.getAttribute('href'))!);
	await waitForLive(page);
}

test('a signal appears on the stage until cleared, and the console shows it was seen', async ({
	browser
}) => {
	const contexts = await Promise.all([browser.newContext(), browser.newContext()]);
	const [chair, stage] = await Promise.all(contexts.map((c) => c.newPage()));
	await signInAsChair(chair!);
	await openKeyedStage(stage!, chair!);
	const status = chair!.getByTestId('stage-status');

	await button(chair!, 'Wrap up').click();
	await expect(stage!.getByTestId('stage-signal')).toHaveText('Wrap up');
	await expect(status).toContainText('On stage: Wrap up');
	await expect(chair!.getByTestId('signal-seen')).toHaveText(/^Seen on stage at \d{2}:\d{2}$/);

	// An empty message is caught in the form, with the schema's rule in words.
	const field = chair!.getByLabel('Message to the speaker');
	await button(chair!, 'Send').click();
	await expect(chair!.getByText('A text signal needs text.')).toBeVisible();
	await expect(stage!.getByTestId('stage-signal')).toHaveText('Wrap up');

	await field.fill('Please repeat the question for the stream');
	await button(chair!, 'Send').click();
	await expect(stage!.getByTestId('stage-signal')).toHaveText(
		'Please repeat the question for the stream'
	);
	await expect(field).toHaveValue('');
	await expect(chair!.getByTestId('signal-seen')).toBeVisible();

	await button(chair!, 'Clear').click();
	await expect(stage!.getByTestId('stage-signal')).toHaveCount(0);
	await expect(status).toHaveText('No signal on stage.');
	await Promise.all(contexts.map((c) => c.close()));
});

test('overtime counts up and flashes calmly on the stage until the chair turns the flash off', async ({
	browser
}) => {
	const contexts = await Promise.all([
		browser.newContext(),
		browser.newContext(),
		browser.newContext({ reducedMotion: 'reduce' })
	]);
	const [chair, stage, calm] = await Promise.all(contexts.map((c) => c.newPage()));
	await signInAsChair(chair!);
	await Promise.all([openStage(stage!), openStage(calm!)]);

	// Cue the slot, take all its time away, start it: it is over time at once.
	await button(chair!, 'Reset').click();
	await expect(chair!.getByTestId('phase')).toHaveText('Reset: ready to start');
	const countdown = chair!.getByTestId('countdown');
	while (countdownSeconds((await countdown.textContent()) ?? '') > 0) {
		const before = await countdown.textContent();
		await button(chair!, 'Minus 1 min').click();
		await expect(countdown).not.toHaveText(before ?? '');
	}
	await button(chair!, 'Start').click();

	const main = stage!.locator('main');
	await expect(main).toHaveAttribute('data-urgency', 'overtime');
	await expect(stage!.getByTestId('countdown')).toHaveText(/^\+\d{2}:\d{2}$/);
	await expect(main).toHaveAttribute('data-flash', 'on');
	const pulse = (page: Page) =>
		page.locator('main').evaluate((el) => {
			const style = getComputedStyle(el, '::before');
			return { name: style.animationName, seconds: parseFloat(style.animationDuration) };
		});
	const flashing = await pulse(stage!);
	expect(flashing.name).not.toBe('none');
	expect(flashing.seconds).toBeGreaterThanOrEqual(1);
	// Reduced motion: the same state, no animation.
	await expect(calm!.locator('main')).toHaveAttribute('data-flash', 'on');
	expect((await pulse(calm!)).name).toBe('none');

	await button(chair!, 'Overtime flash: on').click();
	await expect(main).toHaveAttribute('data-flash', 'off');
	expect((await pulse(stage!)).name).toBe('none');
	await expect(main).toHaveAttribute('data-urgency', 'overtime');
	await button(chair!, 'Overtime flash: off').click();
	await expect(main).toHaveAttribute('data-flash', 'on');

	await button(chair!, 'Reset').click();
	await expect(main).not.toHaveAttribute('data-urgency', 'overtime');
	await Promise.all(contexts.map((c) => c.close()));
});

for (const viewport of [
	{ width: 1920, height: 1080 },
	{ width: 1280, height: 720 }
]) {
	test(`the stage fits ${viewport.width}×${viewport.height} with no scrollbars, a clock and the QR code`, async ({
		browser
	}) => {
		const contexts = await Promise.all([browser.newContext(), browser.newContext({ viewport })]);
		const [chair, stage] = await Promise.all(contexts.map((c) => c.newPage()));
		await signInAsChair(chair!);
		await openStage(stage!);
		// The largest content: a paused slot (an extra line) and a long signal.
		await button(chair!, 'Reset').click();
		await chair!.getByLabel('Message to the speaker').fill('Q&A: '.padEnd(140, 'x'));
		await button(chair!, 'Send').click();
		await expect(stage!.getByTestId('stage-signal')).toBeVisible();
		await expect(stage!.getByTestId('paused')).toBeVisible();

		const overflow = await stage!.evaluate(() => {
			const root = document.documentElement;
			return {
				x: root.scrollWidth - root.clientWidth,
				y: root.scrollHeight - root.clientHeight
			};
		});
		expect(overflow).toEqual({ x: 0, y: 0 });
		await expect(stage!.getByTestId('stage-clock')).toHaveText(/^\d{2}:\d{2}$/);
		const qr = stage!.getByTestId('stage-qr');
		await expect(qr).toHaveAttribute('src', /\/api\/qr\.svg\?track=/);
		await expect
			.poll(() => qr.evaluate((img: HTMLImageElement) => img.naturalWidth))
			.toBeGreaterThan(0);
		await expect(stage!.locator('figcaption')).toHaveText(
			`localhost:${new URL(stage!.url()).port}/`
		);
		await expect(stage!.locator('main')).toHaveAttribute(
			'data-wake-lock',
			/^(held|refused|unsupported)$/
		);

		// The countdown's box does not move or resize as the digits change.
		await button(chair!, 'Clear').click();
		await button(chair!, 'Start').click();
		await expect(stage!.getByTestId('paused')).toHaveCount(0);
		const box = stage!.locator('.countdown');
		const first = await box.boundingBox();
		const text = await stage!.getByTestId('countdown').textContent();
		await expect(stage!.getByTestId('countdown')).not.toHaveText(text ?? '');
		expect(await box.boundingBox()).toEqual(first);
		await Promise.all(contexts.map((c) => c.close()));
	});
}
