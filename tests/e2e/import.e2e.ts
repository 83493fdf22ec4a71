// The chair console's import: a file is previewed (nothing changes), then imported, and an
// attendee's open page shows the new programme; a broken file says what is wrong. On a
// server of its own, so the shared server keeps the seeded event for the other tests.
import { expect, test } from '@playwright/test';
import { frabXml, VERSION_1 } from '../integration/schedule-files.ts';
import { signInAsChair, spawnServer, waitForLive, type SpawnedServer } from './support.ts';

let server: SpawnedServer;
test.beforeAll(async () => {
	server = await spawnServer();
});
test.afterAll(async () => {
	await server.stop();
});

test('a chair previews a schedule file, imports it, and attendees see it', async ({ browser }) => {
	const attendee = await browser.newPage();
	await attendee.goto(`${server.url}/`);
	await waitForLive(attendee);
	const chair = await browser.newPage();
	await signInAsChair(chair, server.url);

	const panel = chair.getByTestId('import-panel');
	await panel.getByText('Import a schedule').click();
	await panel.getByLabel('File', { exact: true }).setInputFiles({
		name: 'camp.xml',
		mimeType: 'application/xml',
		buffer: Buffer.from('<schedule>\n<day>\n</schedule>')
	});
	await panel.getByRole('button', { name: 'Preview' }).click();
	await expect(panel.getByRole('alert')).toContainText('line 3');

	await panel.getByLabel('File', { exact: true }).setInputFiles({
		name: 'camp.xml',
		mimeType: 'application/xml',
		buffer: Buffer.from(frabXml(VERSION_1))
	});
	await panel.getByRole('button', { name: 'Preview' }).click();
	const preview = panel.getByTestId('import-preview');
	await expect(preview).toContainText('Plumbers Camp (Europe/Lisbon): 2 tracks, 4 slots. 4 added');
	await expect(preview).toContainText('+ Jade: “Opening” Tue 10 Sep 10:00 (15 min)');
	await expect(attendee.locator('.event')).toHaveText('Linux Plumbers Conference 2019');

	await preview.getByRole('button', { name: 'Import' }).click();
	await expect(panel.getByRole('status')).toContainText('Imported “Plumbers Camp”: 4 added');
	await expect(attendee.locator('.event')).toHaveText('Plumbers Camp');
	await expect(attendee.getByRole('heading', { level: 1 })).toHaveText('Jade');
	await expect(chair.getByTestId('audit-entry').first()).toContainText('Imported “Plumbers Camp”');
});

test('a chair adds, renames and removes a track without a file', async ({ page }) => {
	await signInAsChair(page, server.url);
	const editor = page.getByTestId('event-editor');
	await editor.getByText('Event and tracks').click();
	await editor.getByLabel('Room to add').fill('Hall Ü');
	await editor.getByRole('button', { name: 'Add track' }).click();
	const added = editor.locator('[data-track-id="hall-u"]');
	await expect(added).toBeVisible();
	await added.getByRole('textbox').fill('Hall U2');
	await added.getByRole('button', { name: 'Rename' }).click();
	await expect(editor.getByRole('status')).toHaveText('Track renamed.');
	await expect(page.getByTestId('audit-entry').first()).toContainText(
		'Renamed track “Hall Ü” to “Hall U2”'
	);
	page.once('dialog', (dialog) => void dialog.accept());
	await added.getByRole('button', { name: 'Remove' }).click();
	await expect(added).toHaveCount(0);
});

test('a chair gives a slot an explicit start on another day', async ({ page }) => {
	await signInAsChair(page, server.url);
	const editor = page.getByTestId('event-editor');
	await editor.getByText('Event and tracks').click();
	const form = editor.getByTestId('slot-start');
	await form.getByLabel('Slot').selectOption({ label: '10:15 cgroup v2' });
	await form.getByLabel('Date').fill('2019-09-11');
	await form.getByLabel(/^Time/).fill('09:00');
	await form.getByRole('button', { name: 'Set start' }).click();
	await expect(page.getByTestId('audit-entry').first()).toContainText('Edit “cgroup v2”: start');
	await expect(form.getByLabel('Slot')).toContainText('09:00 cgroup v2');
});
