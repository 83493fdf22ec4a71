// Audience questions in the browser (issue 5): asking, live updates across devices,
// upvotes, the offline outbox, and user text shown only as text. Each test asks its own
// uniquely worded questions for the last talk of the day, which stays upcoming whatever
// earlier tests did to the timer, so the shared server's state does not matter.
import { expect, test } from '@playwright/test';
import { waitForLive } from './support.ts';
import { ask, openLastTalk, question, unique } from './questions-support.ts';

test('a question asked on one device appears on another, marked as yours only on the first', async ({
	browser
}) => {
	const [a, b] = await Promise.all([browser.newContext(), browser.newContext()]);
	const asker = await a.newPage();
	const viewer = await b.newPage();
	await openLastTalk(asker);
	await openLastTalk(viewer);
	const text = unique('How do you audit reopened descriptors?');
	await ask(asker, text);
	await expect(question(asker, text)).toContainText('Yours');
	await expect(question(viewer, text)).toHaveCount(1);
	await expect(question(viewer, text)).not.toContainText('Yours');
	await expect(question(viewer, text)).toContainText('Anonymous');
	await Promise.all([a.close(), b.close()]);
});

test('an upvote moves a question above an older one when sorted by votes', async ({ browser }) => {
	const [a, b] = await Promise.all([browser.newContext(), browser.newContext()]);
	const asker = await a.newPage();
	const voter = await b.newPage();
	await openLastTalk(asker);
	await openLastTalk(voter);
	const first = unique('First question');
	const second = unique('Second question');
	await ask(asker, first);
	await expect(question(asker, first)).toHaveAttribute('data-status', 'open');
	await ask(asker, second);
	await expect(question(voter, second)).toHaveCount(1);
	const texts = () => voter.getByTestId('question-text').allTextContents();
	const order = async (): Promise<[number, number]> => {
		const all = await texts();
		return [all.indexOf(first), all.indexOf(second)];
	};
	await voter.getByRole('button', { name: 'Time' }).click();
	await expect
		.poll(async () => {
			const [f, s] = await order();
			return f < s;
		})
		.toBe(true);
	await voter.getByRole('button', { name: 'Votes' }).click();
	await question(voter, second).getByRole('button', { name: 'Upvote' }).click();
	await expect(question(voter, second).getByTestId('votes')).toHaveText('1');
	await expect(question(asker, second).getByTestId('votes')).toHaveText('1');
	const [f, s] = await order();
	expect(s).toBeLessThan(f);
	await question(voter, second).getByRole('button', { name: 'Upvote' }).click();
	await expect(question(asker, second).getByTestId('votes')).toHaveText('0');
	await Promise.all([a.close(), b.close()]);
});

test('a question asked offline is queued, then shown once everywhere after reconnecting', async ({
	browser
}) => {
	const [a, b] = await Promise.all([browser.newContext(), browser.newContext()]);
	const asker = await a.newPage();
	const viewer = await b.newPage();
	await openLastTalk(asker);
	await openLastTalk(viewer);
	await a.setOffline(true);
	await expect(asker.getByTestId('connection')).not.toHaveAttribute('data-status', 'live');
	const text = unique('Asked from the train');
	await ask(asker, text);
	await expect(question(asker, text)).toHaveAttribute('data-status', 'queued');
	await expect(question(asker, text)).toContainText('Queued');
	await a.setOffline(false);
	await expect(question(asker, text)).toHaveAttribute('data-status', 'open');
	await expect(question(viewer, text)).toHaveCount(1);
	await asker.reload();
	await waitForLive(asker);
	await expect(question(asker, text)).toHaveCount(1);
	await expect(question(asker, text)).toContainText('Yours');
	await Promise.all([a.close(), b.close()]);
});

test('HTML and script in a question are shown literally and nothing runs', async ({ browser }) => {
	const [a, b] = await Promise.all([browser.newContext(), browser.newContext()]);
	const asker = await a.newPage();
	const viewer = await b.newPage();
	const dialogs: string[] = [];
	for (const page of [asker, viewer])
		page.on('dialog', (d) => void d.dismiss().then(() => dialogs.push(d.message())));
	await openLastTalk(asker);
	await openLastTalk(viewer);
	const tag = Math.random().toString(36).slice(2, 8);
	const payloads = [`<img src=x onerror=alert(1)> ${tag}`, `<script>alert('${tag}')</script>`];
	for (const payload of payloads) await ask(asker, payload);
	for (const page of [asker, viewer]) {
		for (const payload of payloads) await expect(question(page, payload)).toHaveCount(1);
		await expect(
			page.locator('[data-testid="questions"] img, [data-testid="questions"] script')
		).toHaveCount(0);
	}
	expect(dialogs).toEqual([]);
	await Promise.all([a.close(), b.close()]);
});
