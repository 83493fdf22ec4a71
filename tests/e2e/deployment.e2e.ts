// A deployment arrives as a server restart with another build (issue 20): the open page
// reads the restart as reconnecting, not offline, and once the server is back it offers the
// new version, once, without waiting for the hourly check or a navigation.
import { expect, test } from '@playwright/test';
import { startDeploymentProxy, type DeploymentProxy } from './deployment-proxy.ts';
import { spawnServer, waitForLive, waitForServiceWorker, type SpawnedServer } from './support.ts';

let server: SpawnedServer | undefined;
let proxy: DeploymentProxy | undefined;
test.afterEach(async () => {
	await proxy?.close();
	await server?.stop();
	server = proxy = undefined;
});

test('a server restart with a new build reads as reconnecting, then offers the update once', async ({
	page
}) => {
	server = await spawnServer();
	const { dataDir, port } = server;
	proxy = await startDeploymentProxy(server.url);
	await page.goto(proxy.url);
	await waitForLive(page);
	await waitForServiceWorker(page);
	// every status the badge shows from now on
	await page.evaluate(() => {
		const badge = document.querySelector('[data-testid="connection"]')!;
		const seen: string[] = ((window as unknown as { statuses: string[] }).statuses = []);
		new MutationObserver(() => seen.push(badge.getAttribute('data-status') ?? '')).observe(badge, {
			attributes: true,
			attributeFilter: ['data-status']
		});
	});
	const current = await (await page.request.get(`${proxy.url}/service-worker.js`)).text();

	await server.stop();
	await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'reconnecting');
	proxy.deploy(`${current}\n// the next deployment\n`);
	// long enough for several failed attempts in a row
	await page.waitForTimeout(8_000);
	server = await spawnServer({ dataDir, port });
	// after 8 s of failures the page's next attempt (src/lib/client/connection/reconnect.ts: 1 s doubling,
	// ±50 %) can be up to 12 s away, as it would be on a real phone
	await waitForLive(page, { timeout: 20_000 });

	const prompt = page.getByRole('alert').filter({ hasText: 'A new version is available' });
	await expect(prompt).toBeVisible();
	await page.waitForTimeout(1_000);
	await expect(prompt).toHaveCount(1);
	const statuses = await page.evaluate(
		() => (window as unknown as { statuses: string[] }).statuses
	);
	expect(statuses).toContain('reconnecting');
	expect(statuses).not.toContain('offline');
});
