// Changes to the plan shown to attendees on the slot: at once while online, and from the
// device's copy after an offline reload. A cancelled slot stays listed, struck through.
import { expect, test } from '@playwright/test';
import {
	signInAsChair,
	spawnServer,
	waitForLive,
	waitForServiceWorker,
	type SpawnedServer
} from './support.ts';

const LONGER = 'Linux Security Modules inside containers';
const CALLED_OFF = 'Container performance after the Spectre and Meltdown mitigations';
const MOVED = 'Android containers and containers on Android';

let server: SpawnedServer | undefined;
test.afterEach(async () => {
	await server?.stop();
	server = undefined;
});

test('a lengthened, a cancelled and a moved slot are flagged online at once and offline after a reload', async ({
	browser
}) => {
	server = await spawnServer();
	const { url } = server;
	const chairContext = await browser.newContext();
	const chair = await chairContext.newPage();
	await signInAsChair(chair, url);
	const context = await browser.newContext();
	const attendee = await context.newPage();
	await attendee.goto(`${url}/`);
	await waitForLive(attendee);
	await waitForServiceWorker(attendee);
	const row = (title: string) => attendee.getByTestId('agenda-slot').filter({ hasText: title });
	await expect(row(LONGER).getByTestId('slot-change')).toHaveCount(0);
	const movedFrom = (await row(MOVED).locator('time').first().textContent())?.trim() ?? '';

	await chair.getByText('Edit the agenda').click();
	await chair.getByRole('button', { name: `Edit “${LONGER}”` }).click();
	await chair.getByLabel('Minutes').fill('40');
	await chair.getByRole('button', { name: 'Save', exact: true }).click();
	await expect(row(LONGER).getByTestId('slot-change')).toHaveText('extended to 40 min');

	await chair.getByRole('button', { name: `Cancel “${CALLED_OFF}”` }).click();
	await expect(row(CALLED_OFF).getByTestId('slot-change')).toHaveText('cancelled');
	await expect(row(CALLED_OFF)).toHaveAttribute('data-status', 'cancelled');
	await expect(row(CALLED_OFF).getByRole('heading')).toHaveCSS(
		'text-decoration-line',
		'line-through'
	);
	await expect(chair.getByRole('button', { name: `Restore “${CALLED_OFF}”` })).toBeVisible();
	// the console's rest of the day lists what will still happen
	const rest = chair.getByTestId('rest-slot');
	await expect(rest.filter({ hasText: LONGER })).toHaveCount(1);
	await expect(rest.filter({ hasText: CALLED_OFF })).toHaveCount(0);

	await chair.getByRole('button', { name: `Move “${MOVED}” down` }).click();
	await expect(row(MOVED).getByTestId('slot-change')).toHaveText(`moved from ${movedFrom}`);

	await context.setOffline(true);
	await attendee.reload();
	await expect(attendee.getByTestId('connection')).toHaveAttribute('data-status', 'offline');
	await expect(row(LONGER).getByTestId('slot-change')).toHaveText('extended to 40 min');
	await expect(row(CALLED_OFF).getByTestId('slot-change')).toHaveText('cancelled');
	await expect(row(CALLED_OFF)).toHaveAttribute('data-status', 'cancelled');
	await expect(row(MOVED).getByTestId('slot-change')).toHaveText(`moved from ${movedFrom}`);
	await context.close();
	await chairContext.close();
});
