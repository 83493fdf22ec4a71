// The chair's side of audience questions (issue 5) against the shared server: the live queue
// on the console, pinning to the stage display, pre-moderation, hiding, answering, closing a
// slot and the exports. Tests run one after another on whatever earlier tests left, so each
// first puts the track on a running talk that takes questions, with pre-moderation off, and
// asks its own uniquely worded questions for the current slot.
import { readFile } from 'node:fs/promises';
import { expect, test, type Browser, type Download, type Page } from '@playwright/test';
import { ensureRunning, signInAsChair, waitForLive } from './support.ts';

const unique = (text: string) => `${text} ${Math.random().toString(36).slice(2, 8)}`;
const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

/** Puts the chair's track on a running slot that takes questions, with pre-moderation off. */
async function onOpenTalk(chair: Page): Promise<void> {
	await ensureRunning(chair);
	const panel = chair.getByTestId('chair-questions');
	const state = chair.getByTestId('questions-state');
	for (let tries = 0; (await state.count()) === 0; tries++) {
		expect(tries, 'no talk found after the current slot').toBeLessThan(5);
		await expect(panel).toContainText('A break takes no questions.');
		await button(chair, 'Next').click();
		await expect(panel).not.toContainText('A break takes no questions.');
	}
	if ((await state.getAttribute('data-closed')) === 'true') {
		await button(chair, 'Reopen questions').click();
	}
	await expect(state).toHaveAttribute('data-closed', 'false');
	const premoderation = chair.getByRole('button', { name: /^Pre-moderation/ });
	if ((await premoderation.getAttribute('aria-pressed')) === 'true') await premoderation.click();
	await expect(premoderation).toHaveAttribute('aria-pressed', 'false');
}

/** A signed-in chair on an open talk and `attendees` attendee pages on `/`. */
async function setUp(browser: Browser, attendees: number) {
	const contexts = await Promise.all(
		Array.from({ length: attendees + 1 }, () => browser.newContext())
	);
	const [chair, ...pages] = await Promise.all(contexts.map((c) => c.newPage()));
	await signInAsChair(chair!);
	await onOpenTalk(chair!);
	for (const page of pages) {
		await page.goto('/');
		await waitForLive(page);
	}
	return {
		chair: chair!,
		attendees: pages,
		close: () => Promise.all(contexts.map((c) => c.close()))
	};
}

async function ask(page: Page, text: string, name = ''): Promise<void> {
	await page.getByLabel('Your question').fill(text);
	await page.getByLabel(/^Name/).fill(name);
	await button(page, 'Ask').click();
}

const attendeeRow = (page: Page, text: string) =>
	page.getByTestId('question').filter({ has: page.getByText(text, { exact: true }) });
const chairRow = (page: Page, text: string) =>
	page.getByTestId('chair-question').filter({ has: page.getByText(text, { exact: true }) });

async function downloadText(chair: Page, link: string): Promise<{ name: string; text: string }> {
	const [download]: [Download, void] = await Promise.all([
		chair.waitForEvent('download'),
		chair.getByRole('link', { name: link, exact: true }).click()
	]);
	const path = await download.path();
	return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

test('a question reaches the chair console live; pinned, it shows on the stage until unpinned', async ({
	browser
}) => {
	const { chair, attendees, close } = await setUp(browser, 1);
	const [attendee] = attendees;
	const stageContext = await browser.newContext({ viewport: { width: 1280, height: 720 } });
	const stage = await stageContext.newPage();
	await stage.goto('/stage');
	await waitForLive(stage);

	const name = unique('Ada');
	const text = unique('What breaks first when the namespace goes away');
	await ask(attendee!, text, name);
	const row = chairRow(chair, text);
	await expect(row).toHaveCount(1);
	await expect(row).toContainText(name);
	await expect(stage.getByTestId('stage-question')).toHaveCount(0);

	await row.getByRole('button', { name: 'Pin to stage' }).click();
	await expect(stage.getByTestId('stage-question-text')).toHaveText(text);
	await expect(stage.getByTestId('stage-question-author')).toHaveText(`Question from ${name}`);
	await expect(attendeeRow(attendee!, text)).toContainText('On stage');
	await expect(row).toHaveAttribute('data-pinned', 'true');

	await row.getByRole('button', { name: 'Unpin' }).click();
	await expect(stage.getByTestId('stage-question')).toHaveCount(0);
	await expect(attendeeRow(attendee!, text)).not.toContainText('On stage');

	// The longest question, pinned, still fits the smaller screen without scrollbars.
	const long = unique('Why'.padEnd(490, ' and why'));
	await ask(attendee!, long);
	await chairRow(chair, long).getByRole('button', { name: 'Pin to stage' }).click();
	await expect(stage.getByTestId('stage-question')).toBeVisible();
	const overflow = await stage.evaluate(() => {
		const root = document.documentElement;
		return { x: root.scrollWidth - root.clientWidth, y: root.scrollHeight - root.clientHeight };
	});
	expect(overflow).toEqual({ x: 0, y: 0 });
	await chairRow(chair, long).getByRole('button', { name: 'Unpin' }).click();
	await expect(stage.getByTestId('stage-question')).toHaveCount(0);
	await Promise.all([close(), stageContext.close()]);
});

test('with pre-moderation on, a new question is seen by others only once the chair approves it', async ({
	browser
}) => {
	const { chair, attendees, close } = await setUp(browser, 2);
	const [asker, other] = attendees;
	const premoderation = chair.getByRole('button', { name: /^Pre-moderation/ });
	try {
		const before = unique('Asked before pre-moderation');
		await ask(asker!, before);
		await expect(attendeeRow(other!, before)).toHaveCount(1);

		await premoderation.click();
		await expect(premoderation).toHaveAttribute('aria-pressed', 'true');
		const text = unique('Does pre-moderation slow the discussion');
		await ask(asker!, text);
		await expect(attendeeRow(asker!, text)).toContainText('Waiting for approval');
		const row = chairRow(chair, text);
		await expect(row).toHaveAttribute('data-status', 'pending');

		// A fresh list from the server, loaded once the earlier question shows, lacks it.
		await other!.reload();
		await waitForLive(other!);
		await expect(attendeeRow(other!, before)).toHaveCount(1);
		await expect(attendeeRow(other!, text)).toHaveCount(0);

		await row.getByRole('button', { name: 'Approve' }).click();
		await expect(attendeeRow(other!, text)).toHaveCount(1);
		await expect(attendeeRow(asker!, text)).not.toContainText('Waiting for approval');
		await expect(row).toHaveAttribute('data-status', 'open');
	} finally {
		if ((await premoderation.getAttribute('aria-pressed')) === 'true') await premoderation.click();
		await expect(premoderation).toHaveAttribute('aria-pressed', 'false');
		await close();
	}
});

test("with pre-moderation on, a waiting question the chair hides leaves its asker's page at once", async ({
	browser
}) => {
	const { chair, attendees, close } = await setUp(browser, 1);
	const [asker] = attendees;
	const premoderation = chair.getByRole('button', { name: /^Pre-moderation/ });
	try {
		await premoderation.click();
		await expect(premoderation).toHaveAttribute('aria-pressed', 'true');
		const text = unique('Is this one off topic');
		await ask(asker!, text);
		await expect(attendeeRow(asker!, text)).toContainText('Waiting for approval');

		await chairRow(chair, text).getByRole('button', { name: 'Hide' }).click();
		await expect(chairRow(chair, text)).toHaveCount(0);
		await expect(attendeeRow(asker!, text)).toHaveCount(0);
	} finally {
		if ((await premoderation.getAttribute('aria-pressed')) === 'true') await premoderation.click();
		await expect(premoderation).toHaveAttribute('aria-pressed', 'false');
		await close();
	}
});

test("the start page lists the running talk's questions once, not on every tick of its countdown", async ({
	browser
}) => {
	const { close } = await setUp(browser, 0);
	const context = await browser.newContext();
	const page = await context.newPage();
	const lists: string[] = [];
	page.on('websocket', (ws) =>
		ws.on('framesent', ({ payload }) => {
			if (String(payload).includes('"question:list"')) lists.push(String(payload));
		})
	);
	await page.goto('/');
	await waitForLive(page);
	await expect.poll(() => lists.length).toBe(1);

	const countdown = page.getByTestId('countdown').first();
	for (let tick = 0; tick < 3; tick++) {
		const shown = (await countdown.textContent()) ?? '';
		await expect(countdown).not.toHaveText(shown);
	}
	expect(lists).toHaveLength(1);
	await Promise.all([close(), context.close()]);
});

test('answered shows to attendees; hidden leaves them and the stage, and the chair can unhide', async ({
	browser
}) => {
	const { chair, attendees, close } = await setUp(browser, 1);
	const [attendee] = attendees;
	const stageContext = await browser.newContext();
	const stage = await stageContext.newPage();
	await stage.goto('/stage');
	await waitForLive(stage);

	const text = unique('Is checkpointing io_uring state possible');
	await ask(attendee!, text);
	const row = chairRow(chair, text);
	await row.getByRole('button', { name: 'Mark answered' }).click();
	await expect(attendeeRow(attendee!, text)).toHaveAttribute('data-status', 'answered');
	await expect(attendeeRow(attendee!, text)).toContainText('Answered');

	await row.getByRole('button', { name: 'Pin to stage' }).click();
	await expect(stage.getByTestId('stage-question-text')).toHaveText(text);
	await row.getByRole('button', { name: 'Hide' }).click();
	await expect(attendeeRow(attendee!, text)).toHaveCount(0);
	await expect(stage.getByTestId('stage-question')).toHaveCount(0);
	await expect(row).toHaveCount(0);

	const showHidden = chair.getByRole('checkbox', { name: /Show hidden/ });
	await showHidden.check();
	await expect(row).toHaveAttribute('data-status', 'hidden');
	await row.getByRole('button', { name: 'Unhide' }).click();
	await expect(row).toHaveAttribute('data-status', 'open');
	await expect(attendeeRow(attendee!, text)).toHaveAttribute('data-status', 'open');
	await Promise.all([close(), stageContext.close()]);
});

test('a slot the chair closes shows attendees no form until it is reopened', async ({
	browser
}) => {
	const { chair, attendees, close } = await setUp(browser, 1);
	const [attendee] = attendees;
	const state = chair.getByTestId('questions-state');
	try {
		await expect(attendee!.getByLabel('Your question')).toBeVisible();
		await button(chair, 'Close questions').click();
		await expect(state).toHaveAttribute('data-closed', 'true');
		await expect(attendee!.getByTestId('questions-closed')).toHaveText(
			/^questions are closed for this slot\.$/i
		);
		await expect(attendee!.getByLabel('Your question')).toHaveCount(0);
		await attendee!.reload();
		await waitForLive(attendee!);
		await expect(attendee!.getByTestId('questions-closed')).toBeVisible();
		await expect(attendee!.getByLabel('Your question')).toHaveCount(0);

		await button(chair, 'Reopen questions').click();
		await expect(attendee!.getByLabel('Your question')).toBeVisible();
		// the chair's console shows it too; until it does, the cleanup below would see the
		// slot still closed and wait for a "Reopen questions" button that is about to go
		await expect(state).toHaveAttribute('data-closed', 'false');
	} finally {
		// bounded, so that a failure above is reported rather than this cleanup's wait
		if ((await state.getAttribute('data-closed')) === 'true') {
			await button(chair, 'Reopen questions').click({ timeout: 10_000 });
		}
		await expect(state).toHaveAttribute('data-closed', 'false');
		await close();
	}
});

test("the export links download the slot's and the track's questions as Markdown and CSV", async ({
	browser
}) => {
	const { chair, attendees, close } = await setUp(browser, 1);
	const [attendee] = attendees;
	const text = unique('Will CRIU follow the new mount API');
	await ask(attendee!, text);
	await expect(chairRow(chair, text)).toHaveCount(1);

	const slotMd = await downloadText(chair, 'This slot as Markdown');
	expect(slotMd.name).toMatch(/^questions-.+\.md$/);
	expect(slotMd.text).toContain(text);
	const slotCsv = await downloadText(chair, 'This slot as CSV');
	expect(slotCsv.name).toMatch(/^questions-.+\.csv$/);
	expect(slotCsv.text.split('\r\n').filter((line) => line.includes(text))).toHaveLength(1);
	for (const link of ['Whole track as Markdown', 'Whole track as CSV']) {
		expect((await downloadText(chair, link)).text).toContain(text);
	}
	await close();
});
