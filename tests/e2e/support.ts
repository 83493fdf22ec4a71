// Shared steps for the end-to-end tests: the chair passcode the test server was started
// with, a clock skew injected into a page (never into the server), and chair sign-in.
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

export async function waitForLive(page: Page): Promise<void> {
	await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'live');
}

export async function signInAsChair(page: Page): Promise<void> {
	await page.goto('/chair');
	await page.getByLabel('Passcode').fill(PASSCODE);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
	await waitForLive(page);
}

/** Seconds shown by a countdown text such as 14:59, 1:02:03 or +00:42 (overtime negative). */
export function countdownSeconds(text: string): number {
	const overtime = text.startsWith('+');
	const parts = text.replace('+', '').split(':').map(Number);
	const seconds = parts.reduce((total, part) => total * 60 + part, 0);
	return overtime ? -seconds : seconds;
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
