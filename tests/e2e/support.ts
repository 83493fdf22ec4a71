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
