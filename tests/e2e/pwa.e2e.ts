import { expect, test, type Page } from '@playwright/test';
import { startDeploymentProxy } from './deployment-proxy.ts';
import { waitForLive, waitForServiceWorker } from './support.ts';

type Icon = { src: string; sizes: string; type: string; purpose?: string };
type Manifest = {
	name: string;
	short_name: string;
	description: string;
	start_url: string;
	scope: string;
	display: string;
	theme_color: string;
	background_color: string;
	icons: Icon[];
};

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): string {
	expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
	return `${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`;
}

const marked = (page: Page) =>
	page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed === true);
const mark = (page: Page) =>
	page.evaluate(() => void ((window as unknown as { stayed: boolean }).stayed = true));

test('Chromium finds the app installable: the manifest parses, its icons load, a service worker controls the page', async ({
	page,
	context
}) => {
	await page.goto('/');
	const href = await page.locator('link[rel="manifest"]').getAttribute('href');
	const response = await page.request.get(new URL(href ?? '', page.url()).href);
	expect(response.status()).toBe(200);
	const manifest = (await response.json()) as Manifest;
	expect(manifest).toMatchObject({
		name: expect.stringContaining('Dais'),
		short_name: 'Dais',
		description: expect.any(String),
		start_url: '/',
		scope: '/',
		display: 'standalone',
		theme_color: '#1e3a5f',
		background_color: expect.stringMatching(/^#[0-9a-f]{6}$/)
	});

	const sizes: string[] = [];
	for (const icon of manifest.icons) {
		const res = await page.request.get(new URL(icon.src, response.url()).href);
		expect(res.status(), icon.src).toBe(200);
		expect(res.headers()['content-type']).toBe('image/png');
		expect(pngSize(await res.body()), icon.src).toBe(icon.sizes);
		sizes.push(`${icon.sizes}${icon.purpose ? ` ${icon.purpose}` : ''}`);
	}
	expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512', '512x512 maskable']));

	await waitForServiceWorker(page);
	await page.reload();
	expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toMatch(
		/\/service-worker\.js$/
	);

	const cdp = await context.newCDPSession(page);
	const parsed = await cdp.send('Page.getAppManifest');
	expect(parsed.errors).toEqual([]);
	const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
	// Playwright's contexts are incognito profiles, where Chromium installs nothing at all.
	expect(installabilityErrors.filter((e) => e.errorId !== 'in-incognito')).toEqual([]);
});

test('a new deployment offers "A new version is available — reload" and reloads only when asked', async ({
	page,
	baseURL
}) => {
	const proxy = await startDeploymentProxy(baseURL ?? '');
	try {
		await page.goto(proxy.url);
		await waitForLive(page);
		await waitForServiceWorker(page);
		const current = await (await page.request.get(`${proxy.url}/service-worker.js`)).text();

		proxy.deploy(`${current}\n// the next deployment\n`);
		await mark(page);
		// The browser checks on navigations and the page every hour; do not wait for either.
		await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));

		const prompt = page.getByRole('alert').filter({ hasText: 'A new version is available' });
		await expect(prompt).toBeVisible();
		await page.waitForTimeout(1000);
		expect(await marked(page)).toBe(true);

		await Promise.all([
			page.waitForEvent('load'),
			prompt.getByRole('button', { name: 'Reload' }).click()
		]);
		expect(await marked(page)).toBe(false);
		await waitForLive(page);
		await expect(prompt).toHaveCount(0);
		const waiting = await page.evaluate(async () => {
			const registration = await navigator.serviceWorker.getRegistration();
			return registration?.waiting ?? null;
		});
		expect(waiting).toBeNull();
	} finally {
		await proxy.close();
	}
});

test('a page the server no longer speaks the protocol of asks for a reload instead of breaking', async ({
	page
}) => {
	// The server of the next deployment refuses this page's protocol version in the handshake.
	await page.routeWebSocket(/\/socket\.io\//, (ws) => {
		ws.send(
			'0{"sid":"next","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":16384}'
		);
		ws.onMessage((message) => {
			if (String(message).startsWith('40')) {
				ws.send(
					'44{"message":"protocol_mismatch","data":{"code":"protocol_mismatch","message":"reload"}}'
				);
			}
		});
	});
	await page.goto('/');
	const prompt = page.getByRole('alert').filter({ hasText: 'A new version is available' });
	await expect(prompt).toBeVisible();
	await expect(page.getByTestId('agenda-slot')).toHaveCount(21);
});
