// Shared steps for the end-to-end tests: the chair passcode the test server was started
// with, a clock skew injected into a page (never into the server), chair sign-in, and a
// server of a test's own (on a port the system picks) that it can stop and start again.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';

export const PASSCODE = 'e2e-chair-passcode';

/** A browser context whose Date runs `skewMs` ahead of (or behind) the real clock. */
export async function skewedContext(browser: Browser, skewMs: number): Promise<BrowserContext> {
	const context = await browser.newContext();
	await context.addInitScript((skew: number) => {
		const RealDate = Date;
		const realNow = RealDate.now.bind(RealDate);
		class SkewedDate extends RealDate {
			constructor(...args: unknown[]) {
				if (args.length === 0) super(realNow() + skew);
				else super(...(args as [string]));
			}
			static now() {
				return realNow() + skew;
			}
		}
		globalThis.Date = SkewedDate as DateConstructor;
	}, skewMs);
	return context;
}

/** Until the badge says live; `timeout` (ms) for a page that may be in its reconnect backoff. */
export async function waitForLive(page: Page, wait: { timeout?: number } = {}): Promise<void> {
	await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'live', wait);
}

export async function signInAsChair(page: Page, baseUrl = ''): Promise<void> {
	await page.goto(`${baseUrl}/chair`);
	await page.getByLabel('Passcode').fill(PASSCODE);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();
	await waitForLive(page);
}

/** Seconds shown by a countdown text such as 14:59, 1:02:03 or +00:42 (overtime negative). */
export function countdownSeconds(text: string): number {
	const overtime = text.startsWith('+');
	const parts = text.replace('+', '').split(':').map(Number);
	const seconds = parts.reduce((total, part) => total * 60 + part, 0);
	return overtime ? -seconds : seconds;
}

/** A Dais server of its own (not the shared webServer), for tests that restart it. */
export type SpawnedServer = { url: string; port: number; dataDir: string; stop(): Promise<void> };

/** The address the server's start-up banner gives attendees: `  Attendees:  <url>/`. */
const BANNER_URL = /^ {2}Attendees: +(http:\/\/localhost:\d+)\/$/m;

/**
 * Starts the production build (`node build/dais-server.js`, as `npm run serve` does) with
 * its own data dir (fresh unless given) and the test passcode, on `port`, or by default on
 * one the system picks (read from its banner), so that parallel runs never collide;
 * restart it on the `port` it had to keep its origin.
 * Resolves once /api/health answers. `stop()` sends SIGTERM to the process group it
 * started and waits for it to exit.
 */
export async function spawnServer(
	options: { dataDir?: string; port?: number } = {}
): Promise<SpawnedServer> {
	const dir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'dais-e2e-own-'));
	const child = spawn(process.execPath, ['--enable-source-maps', 'build/dais-server.js'], {
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
		env: {
			...process.env,
			PORT: String(options.port ?? 0),
			DATA_DIR: dir,
			CHAIR_PASSCODE: PASSCODE,
			LOG_LEVEL: 'warn'
		}
	});
	let stdout = '';
	let stderr = '';
	child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const stop = async () => {
		if (child.exitCode === null && child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
		await exited;
	};
	const deadline = Date.now() + 30_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`the server exited: ${stderr}`);
		const url = BANNER_URL.exec(stdout)?.[1];
		const healthy =
			url !== undefined &&
			(await fetch(`${url}/api/health`).then(
				(res) => res.ok,
				() => false
			));
		if (healthy) return { url, port: Number(new URL(url).port), dataDir: dir, stop };
		if (Date.now() > deadline) {
			await stop();
			throw new Error(`the server did not start: ${stderr}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

/** Leaves the track's timer running on a slot, whatever earlier tests left it in. */
export async function ensureRunning(chair: Page): Promise<void> {
	const phase = chair.getByTestId('phase');
	const current = await phase.getAttribute('data-phase');
	if (current === 'running') return;
	const resume = chair.getByRole('button', { name: 'Resume' });
	await (current === 'paused' ? resume : chair.getByRole('button', { name: 'Start' })).click();
	await expect(phase).toHaveAttribute('data-phase', 'running');
}

/** Seconds on a page's countdown now. */
export async function remainingSeconds(page: Page): Promise<number> {
	return countdownSeconds((await page.getByTestId('countdown').first().textContent()) ?? '');
}

/** Resolves once a service worker controls the page and has cached the start page. */
export async function waitForServiceWorker(page: Page): Promise<void> {
	await expect
		.poll(() =>
			page.evaluate(async () => {
				if (!navigator.serviceWorker.controller) return false;
				const cache = await caches.open('dais-pages');
				return (await cache.match('/')) !== undefined;
			})
		)
		.toBe(true);
}
