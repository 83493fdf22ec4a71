// The chair log under a keyboard: once its list scrolls, it is a labelled region that Tab
// reaches and the arrow and End keys scroll (axe's scrollable-region-focusable; axe itself
// is not installed, so the test checks the role, name and tabindex directly).
import { expect, test, type Page } from '@playwright/test';
import { signInAsChair } from './support.ts';

const undo = (page: Page) => page.getByRole('button', { name: /^Undo/ });

async function press(page: Page, key: string): Promise<void> {
	await expect(undo(page)).toBeEnabled();
	await page.keyboard.press(key);
}

test('the chair log, once it scrolls, is a labelled region the keyboard can scroll', async ({
	page
}) => {
	await signInAsChair(page);
	await expect(undo(page)).toBeEnabled();
	const reset = page.getByRole('button', { name: 'Reset', exact: true });
	await reset.click();
	await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
	const scroller = page.getByRole('region', { name: 'Chair log entries' });
	const scrolls = () => scroller.evaluate((el) => el.scrollHeight > el.clientHeight);
	for (let i = 0; i < 30 && !(await scrolls()); i++) await press(page, i % 2 ? '-' : '=');
	expect(await scrolls()).toBe(true);
	await expect(scroller).toHaveAttribute('tabindex', '0');
	await expect(scroller.getByTestId('audit-entry').first()).toBeVisible();

	// in the tab order: Tab from the control before it lands on it
	await scroller.focus();
	await page.keyboard.press('Shift+Tab');
	await expect(scroller).not.toBeFocused();
	await page.keyboard.press('Tab');
	await expect(scroller).toBeFocused();
	await page.keyboard.press('End');
	await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
});
