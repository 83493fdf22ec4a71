// The question form for keyboards, screen readers and low vision (issue 20): field and
// button edges of at least 3:1 (WCAG 1.4.11), an upvote button named after what it shows
// (2.5.3), and after Ask the focus stays in the form and the new question is announced.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { watchLiveRegions } from './live-regions.ts';
import { waitForLive } from './support.ts';

const LAST_TALK = 'Re-opening file descriptors with more permissions than they had';

async function openLastTalk(page: Page): Promise<void> {
	await page.goto('/');
	await waitForLive(page);
	await page.getByTestId('agenda-slot').getByRole('link', { name: LAST_TALK }).click();
	// the agenda on / has a heading of that name too: wait for the slot page itself
	await expect(page).toHaveURL(/\/slot\//);
	await expect(page.getByRole('heading', { level: 2, name: LAST_TALK })).toBeVisible();
	await waitForLive(page);
}

/** The contrast ratio of an element's top border (or `color`) against the background around it. */
function borderContrast(
	element: Locator,
	property: 'borderTopColor' | 'color' = 'borderTopColor'
): Promise<number> {
	return element.evaluate((el, property) => {
		const rgb = (color: string) => (color.match(/[\d.]+/g) ?? []).map(Number);
		const luminance = ([r = 0, g = 0, b = 0]: number[]) => {
			const channel = (c: number) => {
				const s = c / 255;
				return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
			};
			return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
		};
		let around = el.parentElement;
		const opaque = (e: Element) => {
			const parts = rgb(getComputedStyle(e).backgroundColor);
			return parts.length === 3 || (parts[3] ?? 0) > 0;
		};
		while (around && !opaque(around)) around = around.parentElement;
		const background = rgb(getComputedStyle(around ?? document.body).backgroundColor);
		const border = rgb(getComputedStyle(el)[property]);
		const [light, dark] = [luminance(border), luminance(background)].sort((a, b) => b - a);
		return (light! + 0.05) / (dark! + 0.05);
	}, property);
}

async function ask(page: Page, text: string): Promise<void> {
	await page.getByLabel('Your question').fill(text);
	await page.getByRole('button', { name: 'Ask', exact: true }).click();
	await expect(page.getByTestId('question').filter({ hasText: text })).toHaveCount(1);
}

test('the edges of the question fields and buttons stand out at 3:1 or more', async ({ page }) => {
	await openLastTalk(page);
	await ask(page, `Edges ${Math.random().toString(36).slice(2, 8)}`);
	const controls = [
		page.getByLabel('Your question'),
		page.getByLabel(/^Name/),
		page
			.getByTestId('question')
			.first()
			.getByRole('button', { name: /upvote/ }),
		page.getByRole('button', { name: 'Time', exact: true })
	];
	for (const control of controls) expect(await borderContrast(control)).toBeGreaterThanOrEqual(3);
});

test('the upvote button is named after what it shows', async ({ page }) => {
	await openLastTalk(page);
	const text = `Named ${Math.random().toString(36).slice(2, 8)}`;
	await ask(page, text);
	const row = page.getByTestId('question').filter({ hasText: text });
	const upvote = row.getByRole('button', { name: /upvote/i });
	await expect(upvote).toHaveAccessibleName('0, upvote');
	await upvote.click();
	await expect(row.getByTestId('votes')).toHaveText('1');
	await expect(upvote).toHaveAccessibleName('1, upvote');
	// the name begins with the count shown, so "click 1" works for speech input
	const shown = (await row.getByTestId('votes').textContent()) ?? '';
	await expect(upvote).toHaveAccessibleName(new RegExp(`^${shown},`));
});

test('after Ask the keyboard stays in the form and the question is announced', async ({ page }) => {
	await openLastTalk(page);
	const box = page.getByLabel('Your question');
	const text = `Keyboard ${Math.random().toString(36).slice(2, 8)}`;
	await box.focus();
	await page.keyboard.type(text);
	await page.keyboard.press('Tab');
	await expect(page.getByLabel(/^Name/)).toBeFocused();
	await page.keyboard.press('Tab');
	await expect(page.getByRole('button', { name: 'Ask', exact: true })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('question').filter({ hasText: text })).toHaveCount(1);
	await expect(box).toBeFocused();
	await expect(box).toHaveValue('');
	await expect(page.getByTestId('ask-status')).toHaveAttribute('role', 'status');
	await expect(page.getByTestId('ask-status')).toHaveText('Your question was added to the list.');

	const said = await watchLiveRegions(page);
	const again = `Keyboard again ${Math.random().toString(36).slice(2, 8)}`;
	await page.keyboard.type(again);
	await page.keyboard.press('Tab');
	await page.keyboard.press('Tab');
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('question').filter({ hasText: again })).toHaveCount(1);
	await expect(box).toBeFocused();
	await expect.poll(said).toContain('Your question was added to the list.');
});

test('an unpressed star stands out at 3:1 or more against its card', async ({ page }) => {
	await page.goto('/');
	await waitForLive(page);
	const star = page.getByTestId('agenda-slot').first().getByTestId('star');
	await expect(star).toHaveAttribute('aria-pressed', 'false');
	expect(await borderContrast(star, 'color')).toBeGreaterThanOrEqual(3);
});
