// My agenda (issue 25) in the browser: stars kept on the device, conflicts across rooms,
// reminders shown through the service worker once asked for, the calendar download, search
// with filters, Jump to now, and the slot page's share button.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import type { EventInfo } from '../../src/lib/shared/schema/event.ts';
import { openSqliteStore } from '../../server/store/sqlite/sqlite.store.ts';
import { spawnServer, waitForLive, waitForServiceWorker, type SpawnedServer } from './support.ts';

const firstRow = (page: Page) => page.getByTestId('agenda-slot').first();

/** The slot ids this device keeps starred in IndexedDB (db.ts `stars`). */
function storedStars(page: Page): Promise<string[]> {
	return page.evaluate(
		() =>
			new Promise<string[]>((resolve, reject) => {
				const open = indexedDB.open('dais');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					if (!db.objectStoreNames.contains('stars')) return (db.close(), resolve([]));
					const keys = db.transaction('stars').objectStore('stars').getAllKeys();
					keys.onsuccess = () => (db.close(), resolve(keys.result.map(String)));
					keys.onerror = () => (db.close(), reject(keys.error));
				};
			})
	);
}

async function openMyAgenda(page: Page) {
	await page.getByRole('link', { name: /^My agenda/ }).click();
	await expect(page.getByTestId('my-agenda')).toBeVisible();
}

test('a starred slot is on My agenda and stays starred after a reload', async ({ page }) => {
	await page.goto('/');
	await waitForLive(page);
	const row = firstRow(page);
	const slotId = await row.getAttribute('data-slot-id');
	await row.getByTestId('star').click();
	await expect(row.getByTestId('star')).toHaveAttribute('aria-pressed', 'true');
	await expect.poll(() => storedStars(page)).toContain(slotId);
	await page.reload();
	await waitForLive(page);
	await expect(firstRow(page).getByTestId('star')).toHaveAttribute('aria-pressed', 'true');
	await openMyAgenda(page);
	const mine = page.getByTestId('my-slot');
	await expect(mine).toHaveCount(1);
	await expect(mine.first()).toHaveAttribute('data-slot-id', slotId!);
	await expect(mine.first().locator('time')).toHaveText(/^\d\d:\d\d$/);
	// Unstarring from My agenda takes it off.
	await mine.first().getByTestId('star').click();
	await expect(page.getByTestId('my-slot')).toHaveCount(0);
	await page.getByRole('link', { name: '← Agenda' }).click();
	await expect(firstRow(page).getByTestId('star')).toHaveAttribute('aria-pressed', 'false');
});

test('the slot page and the next card star the same slot as the agenda', async ({ page }) => {
	await page.goto('/');
	await waitForLive(page);
	const next = page.getByTestId('next-slot');
	const href = await next.getByRole('link').getAttribute('href');
	await next.getByTestId('star').click();
	const id = href!.replace('/slot/', '');
	await expect(
		page.locator(`[data-testid="agenda-slot"][data-slot-id="${id}"] [data-testid="star"]`)
	).toHaveAttribute('aria-pressed', 'true');
	await expect.poll(() => storedStars(page)).toContain(id);
	await page.goto(href!);
	await expect(page.getByTestId('star')).toHaveAttribute('aria-pressed', 'true');
	await page.getByTestId('star').click();
	await expect(page.getByTestId('star')).toHaveAttribute('aria-pressed', 'false');
});

test('a reminder is shown through the service worker only once asked for', async ({ browser }) => {
	const context = await browser.newContext();
	await context.grantPermissions(['notifications']);
	const page = await context.newPage();
	await page.goto('/');
	await waitForLive(page);
	await waitForServiceWorker(page);
	const notifications = () =>
		page.evaluate(async () => {
			const registration = await navigator.serviceWorker.ready;
			return (await registration.getNotifications()).map((n) => ({
				title: n.title,
				body: n.body,
				tag: n.tag
			}));
		});
	const next = page.getByTestId('next-slot');
	const title = (await next.getByRole('link').textContent())!.trim();
	await next.getByTestId('star').click();
	await openMyAgenda(page);
	// Starring alone asks nothing and shows nothing.
	await page.waitForTimeout(500);
	expect(await notifications()).toEqual([]);
	// The next slot starts within the hour; a reminder 120 minutes ahead is due at once.
	await page.getByLabel('Remind me').fill('120');
	await page.getByRole('button', { name: 'Remind me' }).click();
	await expect(page.getByTestId('my-agenda').getByRole('status')).toContainText('120 min before');
	await expect.poll(notifications).toEqual([
		expect.objectContaining({
			title,
			body: expect.stringMatching(/^Starts in \d+ min, at \d\d:\d\d$/)
		})
	]);
	// Shown once: a reload does not show it again.
	await page.evaluate(async () => {
		const registration = await navigator.serviceWorker.ready;
		for (const n of await registration.getNotifications()) n.close();
	});
	await page.reload();
	await waitForLive(page);
	await page.waitForTimeout(1500);
	expect(await notifications()).toEqual([]);
	await context.close();
});

test('Add my agenda to calendar downloads the starred slots in the event time zone', async ({
	page
}) => {
	await page.goto('/');
	await waitForLive(page);
	const row = firstRow(page);
	const slotId = await row.getAttribute('data-slot-id');
	await row.getByTestId('star').click();
	await openMyAgenda(page);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Add my agenda to calendar' }).click()
	]);
	expect(download.suggestedFilename()).toBe('my-agenda.ics');
	const text = readFileSync((await download.path())!, 'utf8');
	expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(1);
	expect(text).toMatch(new RegExp(`UID:${slotId}@[^\\r]+\\.dais\\r\\n`));
	expect(text).toMatch(/DTSTART;TZID=Europe\/Lisbon:\d{8}T\d{6}\r\n/);
	await expect(page.getByRole('link', { name: 'Subscribe to the whole track' })).toHaveAttribute(
		'href',
		'/schedule/export/schedule.ics'
	);
	const track = await page.request.get('/schedule/export/schedule.ics');
	expect(track.headers()['content-type']).toContain('text/calendar');
	expect(await track.text()).toContain(`UID:${slotId}@`);
});

test('search finds slots by title and speaker and filters by kind, offline too', async ({
	page,
	context
}) => {
	await page.goto('/');
	await waitForLive(page);
	await waitForServiceWorker(page);
	await context.setOffline(true);
	await page.getByRole('link', { name: 'Search' }).click();
	const box = page.getByLabel('Search titles, speakers and abstracts');
	await box.fill('checkpoint');
	const found = page.getByTestId('found-slot');
	await expect(found.first()).toBeVisible();
	const all = await found.count();
	expect(all).toBeGreaterThan(0);
	await page.getByLabel('Kind').selectOption('discussion');
	await expect(found).not.toHaveCount(all);
	for (const text of await found.allTextContents()) expect(text).toContain('discussion');
	await box.fill('no such words anywhere');
	await expect(found).toHaveCount(0);
	await expect(page.getByText('0 found')).toBeVisible();
	await context.setOffline(false);
});

test('Jump to now scrolls the agenda to the slot on now', async ({ page }) => {
	await page.setViewportSize({ width: 400, height: 700 });
	await page.goto('/');
	await waitForLive(page);
	await page.getByRole('link', { name: 'Jump to now' }).click();
	const target = page
		.locator(
			'[data-testid="agenda-slot"][data-status="current"], [data-testid="agenda-slot"][data-status="upcoming"]'
		)
		.first();
	await expect(target).toBeInViewport();
});

test('the slot page shares its address with the Web Share API', async ({ browser }) => {
	const context = await browser.newContext();
	await context.addInitScript(() => {
		(window as unknown as { shared: unknown[] }).shared = [];
		Object.defineProperty(navigator, 'share', {
			value: async (data: unknown) => (window as unknown as { shared: unknown[] }).shared.push(data)
		});
	});
	const page = await context.newPage();
	await page.goto('/');
	await waitForLive(page);
	const href = await firstRow(page).getByRole('link').getAttribute('href');
	await page.goto(href!);
	await page.getByRole('button', { name: 'Share' }).click();
	const shared = await page.evaluate(
		() => (window as unknown as { shared: { url: string }[] }).shared
	);
	expect(shared).toEqual([expect.objectContaining({ url: expect.stringContaining(href!) })]);
	await context.close();
});

test('the slot page copies its link where there is no Web Share API', async ({ browser }) => {
	const context = await browser.newContext();
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await context.addInitScript(() =>
		Object.defineProperty(navigator, 'share', { value: undefined })
	);
	const page = await context.newPage();
	await page.goto('/');
	await waitForLive(page);
	const href = await firstRow(page).getByRole('link').getAttribute('href');
	await page.goto(href!);
	await page.getByRole('button', { name: 'Share' }).click();
	await expect(page.getByRole('button', { name: 'Link copied' })).toBeVisible();
	expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(href!);
	await context.close();
});

let server: SpawnedServer | undefined;
test.afterEach(async () => {
	await server?.stop();
	server = undefined;
});

test('two starred slots that overlap in two rooms are shown as a conflict', async ({ page }) => {
	const seeded = await spawnServer();
	await seeded.stop();
	const store = openSqliteStore(seeded.dataDir);
	const event = (await store.events.get())!;
	const first = event.tracks[0]!;
	const second = {
		...first,
		id: 'room-b',
		name: 'Room B track',
		room: 'Room B',
		slots: first.slots.map((s) => ({ ...s, id: `${s.id}-b`, title: `B: ${s.title}` }))
	};
	const twoTracks: EventInfo = {
		...event,
		tracks: [first, second],
		agendaVersion: event.agendaVersion + 1
	};
	await store.events.replace(twoTracks, await store.timers.list());
	await store.close();
	server = await spawnServer({ dataDir: seeded.dataDir });
	const slot = first.slots.at(-1)!;
	await page.goto(`${server.url}/`);
	await waitForLive(page);
	await page.locator(`[data-slot-id="${slot.id}"] [data-testid="star"]`).click();
	// a navigation right after the tap would abort the star's IndexedDB write
	await expect.poll(() => storedStars(page)).toContain(slot.id);
	await page.goto(`${server.url}/?track=room-b`);
	await waitForLive(page);
	await page.locator(`[data-slot-id="${slot.id}-b"] [data-testid="star"]`).click();
	await openMyAgenda(page);
	await expect(page.getByTestId('my-slot')).toHaveCount(2);
	await expect(page.getByTestId('conflict')).toHaveCount(2);
	await expect(page.getByTestId('conflict').first()).toContainText('Overlaps');
});

test('a reminder waits until a minute before the projected start', async ({ browser }) => {
	// a server of its own: on the shared one, earlier tests leave a chair's timer paused or
	// running over, and the projected start then moves on with the page's clock
	server = await spawnServer();
	const context = await browser.newContext();
	await context.grantPermissions(['notifications']);
	const page = await context.newPage();
	await page.clock.install();
	await page.goto(`${server.url}/`);
	await waitForLive(page);
	await waitForServiceWorker(page);
	// the first slot to come that starts 3 minutes away or more, at its projected start
	const pageNow = await page.evaluate(() => Date.now());
	const upcoming = await page.locator('[data-testid="agenda-slot"][data-status="upcoming"]').all();
	let minutesAway = 0;
	let chosen = upcoming[0]!;
	for (const row of upcoming) {
		const times = row.locator('.when time');
		const startsAt = Date.parse((await times.last().getAttribute('datetime'))!);
		minutesAway = (startsAt - pageNow) / 60_000;
		chosen = row;
		if (minutesAway >= 3) break;
	}
	expect(minutesAway, 'a slot to come, 3 minutes away or more').toBeGreaterThanOrEqual(3);
	await chosen.getByTestId('star').click();
	await openMyAgenda(page);
	await page.getByLabel('Remind me').fill('1');
	await page.getByRole('button', { name: 'Remind me' }).click();
	const count = () =>
		page.evaluate(
			async () => (await (await navigator.serviceWorker.ready).getNotifications()).length
		);
	await page.clock.fastForward(Math.floor((minutesAway - 2) * 60_000));
	await page.waitForTimeout(500);
	expect(await count()).toBe(0);
	await page.clock.fastForward(75_000);
	await expect.poll(count).toBe(1);
	await context.close();
});
