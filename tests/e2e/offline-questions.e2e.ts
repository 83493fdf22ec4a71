// Offline with nothing lost and no dead pages (issue 20): a question asked on a page that
// was opened offline reaches the server for its slot, a slot page never visited opens
// offline styled and live, and the questions seen online stay readable offline with their
// age, where an upvote waits in the outbox like an ask. Each test works on the last talk
// of the day, which stays upcoming (and takes questions) whatever earlier tests did.
import { expect, test, type Page } from '@playwright/test';
import { ensureRunning, signInAsChair, waitForLive, waitForServiceWorker } from './support.ts';
import { ask, openLastTalk, question, unique } from './questions-support.ts';

/** Everything the page logged as an error or threw, but the browser's "no network" lines. */
function errorsOf(page: Page): string[] {
	const errors: string[] = [];
	const noNetwork = /ERR_INTERNET_DISCONNECTED/;
	page.on('console', (m) => {
		if (m.type() === 'error' && !noNetwork.test(m.text())) errors.push(m.text());
	});
	page.on('pageerror', (e) => void errors.push(e.message));
	return errors;
}

test('a question asked on a page opened offline is sent for its slot once back online', async ({
	browser
}) => {
	const [a, b] = await Promise.all([browser.newContext(), browser.newContext()]);
	const asker = await a.newPage();
	const viewer = await b.newPage();
	await openLastTalk(asker);
	await waitForServiceWorker(asker);
	await openLastTalk(viewer);

	await a.setOffline(true);
	await asker.reload();
	await expect(asker.getByTestId('connection')).toHaveAttribute('data-status', 'offline');
	const text = unique('Asked on a page opened offline');
	await ask(asker, text);
	await expect(question(asker, text)).toHaveAttribute('data-status', 'queued');

	await a.setOffline(false);
	await waitForLive(asker);
	await expect(question(asker, text)).toHaveAttribute('data-status', 'open');
	await expect(question(viewer, text)).toHaveCount(1);
	await expect(asker.getByRole('alert').filter({ hasText: /\S/ })).toHaveCount(0);
	await expect(asker.locator('body')).not.toContainText(/schema|payload|ack\b/);
	await Promise.all([a.close(), b.close()]);
});

test('a slot page never visited opens offline, styled and live, with its details and countdown', async ({
	browser
}) => {
	const chairContext = await browser.newContext();
	const chair = await chairContext.newPage();
	await signInAsChair(chair);
	await ensureRunning(chair);

	const context = await browser.newContext();
	const first = await context.newPage();
	await first.goto('/');
	await waitForLive(first);
	await waitForServiceWorker(first);
	const current = first.getByTestId('current-title').getByRole('link');
	const href = (await current.getAttribute('href')) ?? '/slot/none';
	const title = ((await current.textContent()) ?? '').trim();
	await first.close();

	await context.setOffline(true);
	const page = await context.newPage();
	const errors = errorsOf(page);
	await page.goto(href);
	await expect(page).toHaveURL(new RegExp(`${href}$`));
	await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
	await expect(page.getByRole('link', { name: '← Agenda' })).toBeVisible();
	await expect(page.getByTestId('agenda-slot')).toHaveCount(0);
	// styled: the app's stylesheet laid the page out (the container is centred, not full width)
	expect(await page.locator('main').evaluate((main) => getComputedStyle(main).maxWidth)).not.toBe(
		'none'
	);
	await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'offline');
	const countdown = page.getByTestId('countdown');
	const shown = await countdown.textContent();
	await expect(countdown).not.toHaveText(shown ?? '');
	expect(errors).toEqual([]);
	await Promise.all([context.close(), chairContext.close()]);
});

test('questions seen online are shown offline with their age, and an offline upvote is queued', async ({
	browser
}) => {
	const [a, b] = await Promise.all([browser.newContext(), browser.newContext()]);
	const reader = await a.newPage();
	const asker = await b.newPage();
	await openLastTalk(asker);
	const text = unique('Kept for the train');
	await ask(asker, text);
	await expect(question(asker, text)).toHaveAttribute('data-status', 'open');

	await openLastTalk(reader);
	await waitForServiceWorker(reader);
	await expect(question(reader, text)).toHaveCount(1);

	await a.setOffline(true);
	await reader.reload();
	await expect(reader.getByTestId('connection')).toHaveAttribute('data-status', 'offline');
	await expect(question(reader, text)).toHaveCount(1);
	await expect(reader.getByTestId('questions-as-of')).toHaveText(/^As of \d{2}:\d{2}$/);

	await question(reader, text).getByRole('button', { name: 'Upvote' }).click();
	await expect(question(reader, text).getByRole('button', { name: 'Upvote' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await expect(reader.getByTestId('outbox-queued')).toContainText('1 change waits');

	await a.setOffline(false);
	await waitForLive(reader);
	await expect(question(asker, text).getByTestId('votes')).toHaveText('1');
	await expect(reader.getByTestId('outbox-queued')).toHaveCount(0);
	await expect(reader.getByTestId('questions-as-of')).toHaveCount(0);
	await Promise.all([a.close(), b.close()]);
});

test('a question the server refuses for good stays on the device, worded, to edit or discard', async ({
	browser
}) => {
	const [c, a] = await Promise.all([browser.newContext(), browser.newContext()]);
	const chair = await c.newPage();
	const asker = await a.newPage();
	await signInAsChair(chair);
	await ensureRunning(chair);
	const state = chair.getByTestId('questions-state');
	for (let tries = 0; (await state.count()) === 0; tries++) {
		expect(tries, 'no talk found after the current slot').toBeLessThan(5);
		await chair.getByRole('button', { name: 'Next', exact: true }).click();
	}
	const closeButton = chair.getByRole('button', { name: 'Close questions', exact: true });
	const reopen = chair.getByRole('button', { name: 'Reopen questions', exact: true });
	if ((await state.getAttribute('data-closed')) === 'true') await reopen.click();
	await expect(state).toHaveAttribute('data-closed', 'false');
	try {
		await asker.goto('/');
		await waitForLive(asker);
		await a.setOffline(true);
		const text = unique('Asked as the questions closed');
		await ask(asker, text);
		await expect(question(asker, text)).toHaveAttribute('data-status', 'queued');
		await closeButton.click();
		await expect(state).toHaveAttribute('data-closed', 'true');

		await a.setOffline(false);
		const refused = asker.getByTestId('question-refused');
		await expect(refused).toHaveText(
			new RegExp(
				`^Your question “${text}” was not sent: Questions are closed for this slot\\.`,
				'i'
			)
		);
		await expect(question(asker, text)).toHaveCount(0);
		await asker.reload();
		await expect(refused).toContainText(text);

		await refused.getByRole('button', { name: 'Edit' }).click();
		await expect(refused.getByLabel('Your question')).toHaveValue(text);
		await refused.getByRole('button', { name: 'Discard' }).click();
		await expect(refused).toHaveCount(0);
		await asker.reload();
		await waitForLive(asker);
		await expect(refused).toHaveCount(0);
	} finally {
		if ((await state.getAttribute('data-closed')) === 'true') await reopen.click();
		await expect(state).toHaveAttribute('data-closed', 'false');
		await Promise.all([c.close(), a.close()]);
	}
});
