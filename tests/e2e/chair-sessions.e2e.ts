// Ending chair sessions from the console, on a server of the test's own (the passcode
// changes): a passcode change sends every other chair back to the sign-in form at once,
// saying why, and "Sign out everywhere" signs out every console, this one too.
import { expect, test, type Page } from '@playwright/test';
import {
	PASSCODE,
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

const signedOut = (page: Page) => expect(page.getByLabel('Passcode')).toBeVisible();

async function signInWith(page: Page, passcode: string): Promise<void> {
	await page.getByLabel('Passcode').fill(passcode);
	await page.getByRole('button', { name: 'Sign in' }).click();
}

test('changing the passcode signs every other chair out at once and shows the new one', async ({
	browser
}) => {
	server = await spawnServer();
	const contexts = await Promise.all([browser.newContext(), browser.newContext()]);
	const [mine, theirs] = await Promise.all(contexts.map((c) => c.newPage()));
	await signInAsChair(mine!, server.url);
	await signInAsChair(theirs!, server.url);

	await mine!.getByRole('button', { name: 'Change passcode' }).click();
	const fresh = mine!.getByTestId('new-passcode');
	await expect(fresh).toHaveText(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
	const passcode = (await fresh.textContent()) ?? '';

	await signedOut(theirs!);
	await expect(theirs!.getByTestId('chair-ended')).toContainText('the passcode was changed');
	await expect(mine!.getByRole('button', { name: 'Sign out everywhere' })).toBeVisible();
	await expect(mine!.getByTestId('phase')).toBeVisible();

	await signInWith(theirs!, PASSCODE);
	await expect(theirs!.getByRole('alert')).toBeVisible();
	await signInWith(theirs!, passcode);
	await expect(theirs!.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();
	await waitForLive(theirs!);
	await Promise.all(contexts.map((c) => c.close()));
});

test('sign out everywhere returns every console to the sign-in form', async ({ browser }) => {
	server = await spawnServer();
	const contexts = await Promise.all([browser.newContext(), browser.newContext()]);
	const [mine, theirs] = await Promise.all(contexts.map((c) => c.newPage()));
	await signInAsChair(mine!, server.url);
	await signInAsChair(theirs!, server.url);

	await mine!.getByRole('button', { name: 'Sign out everywhere' }).click();
	await signedOut(mine!);
	await signedOut(theirs!);
	await expect(theirs!.getByTestId('chair-ended')).toContainText('signed out');
	await mine!.reload();
	await signedOut(mine!);
	await Promise.all(contexts.map((c) => c.close()));
});
