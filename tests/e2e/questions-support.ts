// What the question tests share: the last talk of the day (upcoming whatever the hour the
// rehearsal agenda starts), uniquely worded questions, asking and finding one.
import { expect, type Page } from '@playwright/test';
import { waitForLive } from './support.ts';

export const LAST_TALK = 'Re-opening file descriptors with more permissions than they had';
export const unique = (text: string) => `${text} ${Math.random().toString(36).slice(2, 8)}`;

export async function openLastTalk(page: Page): Promise<void> {
	await page.goto('/');
	await waitForLive(page);
	await page.getByTestId('agenda-slot').getByRole('link', { name: LAST_TALK }).click();
	await expect(page.getByRole('heading', { name: LAST_TALK })).toBeVisible();
	await waitForLive(page);
}

export async function ask(page: Page, text: string): Promise<void> {
	await page.getByLabel('Your question').fill(text);
	await page.getByRole('button', { name: 'Ask', exact: true }).click();
}

export const question = (page: Page, text: string) =>
	page.getByTestId('question').filter({ has: page.getByText(text, { exact: true }) });
