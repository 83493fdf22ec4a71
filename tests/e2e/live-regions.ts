// Records what the page's live regions (role status, alert or log, or aria-live) come to say,
// as a screen reader would hear it: one entry per change of a region's text.
import type { Page } from '@playwright/test';

type Watched = Window & { __liveSaid?: string[] };

export async function watchLiveRegions(page: Page): Promise<() => Promise<string[]>> {
	await page.evaluate(() => {
		const w = window as Watched;
		w.__liveSaid = [];
		const selector =
			'[role="status"], [role="alert"], [role="log"], [aria-live]:not([aria-live="off"])';
		const last = new Map<Element, string>();
		for (const region of document.querySelectorAll(selector))
			last.set(region, region.textContent ?? '');
		new MutationObserver((records) => {
			for (const record of records) {
				const start =
					record.target instanceof Element ? record.target : record.target.parentElement;
				const region = start?.closest(selector);
				if (!region) continue;
				const text = region.textContent ?? '';
				if (last.get(region) === text) continue;
				last.set(region, text);
				if (text.trim()) w.__liveSaid!.push(text.trim());
			}
		}).observe(document.body, { subtree: true, childList: true, characterData: true });
	});
	return () => page.evaluate(() => (window as Watched).__liveSaid ?? []);
}
