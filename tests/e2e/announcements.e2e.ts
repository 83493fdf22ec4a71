// What a screen reader hears (issue 20): the countdown announces a new slot, 5 minutes left
// and time up, politely and never the seconds; the wait over the rate limit is announced once.
import { expect, test, type Page } from '@playwright/test';
import { watchLiveRegions } from './live-regions.ts';
import {
	ensureRunning,
	remainingSeconds,
	signInAsChair,
	spawnServer,
	waitForLive,
	type SpawnedServer
} from './support.ts';

let server: SpawnedServer | undefined;
test.afterEach(async () => {
	await server?.stop();
	server = undefined;
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const LAST_TALK = 'Re-opening file descriptors with more permissions than they had';

/** Takes a minute off the chair's running slot until the attendee's countdown is at most `seconds`. */
async function shortenTo(chair: Page, attendee: Page, seconds: number): Promise<void> {
	const minus = chair.getByRole('button', { name: 'Minus 1 min' });
	while ((await remainingSeconds(attendee)) > seconds) {
		const before = await remainingSeconds(attendee);
		await minus.click();
		// a minute less, or (near the end) at most into overtime
		await expect
			.poll(() => remainingSeconds(attendee))
			.toBeLessThanOrEqual(before > 60 ? before - 30 : 0);
	}
}

test('the countdown announces a new slot, 5 minutes left and time up, not the seconds', async ({
	browser
}) => {
	server = await spawnServer();
	const chairContext = await browser.newContext();
	const chair = await chairContext.newPage();
	await signInAsChair(chair, server.url);
	await ensureRunning(chair);
	const context = await browser.newContext();
	const attendee = await context.newPage();
	await attendee.goto(`${server.url}/`);
	await waitForLive(attendee);
	const said = await watchLiveRegions(attendee);
	const cue = attendee.getByTestId('countdown-cue');
	await expect(cue).toHaveAttribute('role', 'status');

	const shown = (await attendee.getByTestId('countdown').textContent()) ?? '';
	await expect(attendee.getByTestId('countdown')).not.toHaveText(shown);
	await attendee.waitForTimeout(2000);
	expect(await said()).toEqual([]);

	const title = attendee.getByTestId('current-title');
	const before = (await title.textContent()) ?? '';
	await chair.getByRole('button', { name: 'Next', exact: true }).click();
	await expect(title).not.toHaveText(before);
	const now = (await title.textContent())?.trim() ?? '';
	await expect(cue).toHaveText(new RegExp(`^Now: ${escape(now)}, \\d+ minutes left\\.$`));

	await shortenTo(chair, attendee, 300);
	await expect(cue).toHaveText(`${now}: 5 minutes left.`);
	await shortenTo(chair, attendee, 0);
	await expect(cue).toHaveText(`${now}: time is up.`);
	await attendee.waitForTimeout(2000);
	expect(await said()).toEqual([
		expect.stringMatching(/^Now: /),
		`${now}: 5 minutes left.`,
		`${now}: time is up.`
	]);
	await Promise.all([context.close(), chairContext.close()]);
});

test('the wait over the rate limit is announced once while it counts down on screen', async ({
	page
}) => {
	await page.goto('/');
	await waitForLive(page);
	await page.getByTestId('agenda-slot').getByRole('link', { name: LAST_TALK }).click();
	// the agenda on / has a heading of that name too: wait for the slot page itself
	await expect(page).toHaveURL(/\/slot\//);
	await expect(page.getByRole('heading', { level: 2, name: LAST_TALK })).toBeVisible();
	await waitForLive(page);
	const tag = Math.random().toString(36).slice(2, 8);
	for (let i = 1; i <= 5; i++) {
		const text = `Limit question ${i} ${tag}`;
		await page.getByLabel('Your question').fill(text);
		await page.getByRole('button', { name: 'Ask', exact: true }).click();
		await expect(page.getByTestId('question').filter({ hasText: text })).toHaveAttribute(
			'data-status',
			'open'
		);
	}
	const said = await watchLiveRegions(page);
	await page.getByLabel('Your question').fill(`One too many ${tag}`);
	await page.getByRole('button', { name: 'Ask', exact: true }).click();
	const wait = page.getByTestId('rate-wait');
	await expect(wait).toHaveText(/^You can ask again in \d+ s; it is sent then\.$/);
	const first = (await wait.textContent()) ?? '';
	await expect(wait).not.toHaveText(first);
	await expect(wait).not.toHaveText((await wait.textContent()) ?? '');
	const waits = (await said()).filter((text) => text.includes('ask again'));
	expect(waits).toHaveLength(1);
	expect(waits[0]).toMatch(/^You can ask again in \d+ s; your question is sent then\.$/);
});
