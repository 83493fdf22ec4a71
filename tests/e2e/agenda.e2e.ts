// Agenda editing and drift absorption on a server of the test's own, which it stops and
// starts again: an edit reaches an attendee and survives the restart, and so does the chair
// log. Forms check their input with the protocol's schema before anything is sent.
import { expect, test } from '@playwright/test';
import { signInAsChair, spawnServer, waitForLive, type SpawnedServer } from './support.ts';

const OLD_TITLE = 'Upstreaming time namespaces';
const NEW_TITLE = 'Time namespaces: upstream at last';

let server: SpawnedServer | undefined;
test.afterEach(async () => {
	await server?.stop();
	server = undefined;
});

test('an agenda edit reaches an attendee at once and survives a server restart', async ({
	browser
}) => {
	server = await spawnServer();
	const { url, dataDir, port } = server;
	const contexts = await Promise.all([browser.newContext(), browser.newContext()]);
	const [chair, attendee] = await Promise.all(contexts.map((c) => c.newPage()));
	await signInAsChair(chair!, url);
	await attendee!.goto(`${url}/`);
	await waitForLive(attendee!);
	const agenda = attendee!.getByTestId('agenda-slot');
	await expect(agenda.filter({ hasText: OLD_TITLE })).toHaveCount(1);

	await chair!.getByText('Edit the agenda').click();
	await chair!.getByRole('button', { name: `Edit “${OLD_TITLE}”` }).click();
	const title = chair!.getByLabel('Title');
	await title.fill('');
	await chair!.getByLabel('Minutes').fill('ten');
	await chair!.getByRole('button', { name: 'Save', exact: true }).click();
	await expect(chair!.getByText('Required.')).toBeVisible();
	await expect(chair!.getByText('Enter a whole number.')).toBeVisible();
	await expect(title).toHaveAttribute('aria-invalid', 'true');

	await title.fill(NEW_TITLE);
	await chair!.getByLabel('Minutes').fill('20');
	await chair!.getByLabel('Speakers').fill('Christian Brauner\nAndrei Vagin');
	await chair!.getByRole('button', { name: 'Save', exact: true }).click();
	await expect(title).toHaveCount(0);
	const edited = agenda.filter({ hasText: NEW_TITLE });
	await expect(edited).toHaveCount(1);
	await expect(edited).toContainText('20-min talk');
	await expect(edited).toContainText('Christian Brauner, Andrei Vagin');
	await expect(agenda.filter({ hasText: OLD_TITLE })).toHaveCount(0);

	await server.stop();
	server = await spawnServer({ dataDir, port });
	await attendee!.goto(`${url}/`);
	await expect(agenda.filter({ hasText: NEW_TITLE })).toContainText('20-min talk');
	await expect(agenda.filter({ hasText: OLD_TITLE })).toHaveCount(0);
	// The chair session and the chair log survived too.
	await chair!.goto(`${url}/chair`);
	await waitForLive(chair!);
	await expect(
		chair!.getByTestId('audit-entry').filter({ hasText: `Edit “${OLD_TITLE}”` })
	).toHaveCount(1);
	await Promise.all(contexts.map((c) => c.close()));
});

test('a chair absorbs drift in one or two taps and the attendee sees the new projection', async ({
	browser
}) => {
	server = await spawnServer();
	const { url } = server;
	const contexts = await Promise.all([browser.newContext(), browser.newContext()]);
	const [chair, attendee] = await Promise.all(contexts.map((c) => c.newPage()));
	await signInAsChair(chair!, url);
	await attendee!.goto(`${url}/`);
	await waitForLive(attendee!);

	// Run the slot that is on 5 minutes long: everything after it is late.
	await chair!.getByRole('button', { name: 'Reset', exact: true }).click();
	await chair!.getByRole('button', { name: 'Start', exact: true }).click();
	await chair!.getByRole('button', { name: '+5 min', exact: true }).click();
	const end = chair!.getByTestId('track-end');
	await expect(end).toHaveText(/^Ends \d{2}:\d{2}, \d+ min over$/);
	const over = await end.textContent();

	const absorbing = { name: /^(Shorten “.+” to \d+ min|Drop break)/ };
	const row = chair!
		.getByTestId('rest-slot')
		.filter({ has: chair!.getByRole('button', absorbing) })
		.first();
	const option = row.getByRole('button', absorbing);
	const slotId = (await row.getAttribute('data-slot-id')) ?? '';
	const label = (await option.textContent()) ?? '';
	if (label.startsWith('Drop break')) {
		await option.click();
		await row.getByRole('button', { name: 'Drop', exact: true }).click();
		await expect(attendee!.locator(`[data-slot-id="${slotId}"]`)).toHaveCount(0);
	} else {
		const minutes = /(\d+) min$/.exec((await option.getAttribute('aria-label')) ?? '')?.[1];
		await option.click();
		await expect(attendee!.locator(`[data-slot-id="${slotId}"]`)).toContainText(`${minutes}-min`);
	}
	await expect(end).not.toHaveText(over ?? '');
	await Promise.all(contexts.map((c) => c.close()));
});
