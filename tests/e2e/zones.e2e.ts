// Remote viewers (issue 20): on a device in another zone than the event's (Europe/Lisbon),
// every time of day names its zone and comes with the device's own time, and its own day
// when that is another day there. The expected texts are worked out here with Intl alone.
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { waitForLive } from './support.ts';

const LISBON = 'Europe/Lisbon';

const clock = (at: number, timeZone: string) =>
	new Intl.DateTimeFormat('en-GB', {
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23',
		timeZone
	})
		.format(at)
		.replace('24:', '00:');
const zone = (at: number, timeZone: string) =>
	new Intl.DateTimeFormat('en-GB', { timeZoneName: 'short', timeZone })
		.formatToParts(at)
		.find((p) => p.type === 'timeZoneName')!.value;
const part = (at: number, timeZone: string, type: 'weekday' | 'day' | 'month') =>
	new Intl.DateTimeFormat('en-US', { weekday: 'short', day: 'numeric', month: 'short', timeZone })
		.formatToParts(at)
		.find((p) => p.type === type)!.value;
const day = (at: number, timeZone: string) =>
	`${part(at, timeZone, 'weekday')} ${part(at, timeZone, 'day')} ${part(at, timeZone, 'month')}`;

/** What a device in `deviceZone` should read for an instant: the event's time, then its own. */
function expected(at: number, deviceZone: string): { event: string; device: string } {
	const otherDay = day(at, deviceZone) !== day(at, LISBON);
	const local = `${clock(at, deviceZone)} ${zone(at, deviceZone)}`;
	return {
		event: `${clock(at, LISBON)} ${zone(at, LISBON)}`,
		device: otherDay ? `${part(at, deviceZone, 'weekday')} ${local}` : local
	};
}

const instant = async (time: Locator) => Date.parse((await time.getAttribute('datetime')) ?? '');

async function openIn(browser: Browser, timezoneId: string, path = '/'): Promise<Page> {
	const context = await browser.newContext({ timezoneId });
	const page = await context.newPage();
	await page.goto(path);
	await waitForLive(page);
	return page;
}

/** The start of the Next card's slot, as an instant. */
async function nextStart(page: Page): Promise<number> {
	return instant(page.getByTestId('next-slot').locator('time').first());
}

/** A zone where the next slot starts on another day than in Lisbon, whatever the hour. */
function otherDayZone(at: number): string {
	return day(at, 'Pacific/Kiritimati') !== day(at, LISBON)
		? 'Pacific/Kiritimati'
		: 'Pacific/Pago_Pago';
}

async function expectAgendaLabelled(page: Page, deviceZone: string): Promise<void> {
	const rows = page.getByTestId('agenda-slot');
	await expect(rows).toHaveCount(21);
	for (const index of [0, 7, 20]) {
		const row = rows.nth(index);
		const at = await instant(row.locator('time').first());
		const want = expected(at, deviceZone);
		await expect(row.locator('time').first()).toHaveText(want.event);
		await expect(row.getByTestId('device-time')).toHaveText(want.device);
	}
}

async function expectNextLabelled(page: Page, deviceZone: string): Promise<void> {
	const next = page.getByTestId('next-slot');
	const want = expected(await nextStart(page), deviceZone);
	await expect(next.locator('time').first()).toHaveText(want.event);
	await expect(next.getByTestId('device-time')).toHaveText(want.device);
}

for (const timezoneId of ['America/Los_Angeles', 'Asia/Tokyo']) {
	test(`a viewer in ${timezoneId} reads the agenda and Next in both zones, each named`, async ({
		browser
	}) => {
		const page = await openIn(browser, timezoneId);
		await expectAgendaLabelled(page, timezoneId);
		await expectNextLabelled(page, timezoneId);
		await page.context().close();
	});
}

test("a viewer on another day reads the device's day beside its times and in the header", async ({
	browser
}) => {
	const probe = await openIn(browser, LISBON);
	const at = await nextStart(probe);
	const first = await instant(probe.getByTestId('agenda-slot').first().locator('time').first());
	await probe.context().close();

	const deviceZone = otherDayZone(at);
	const page = await openIn(browser, deviceZone);
	await expectNextLabelled(page, deviceZone);
	await expect(page.getByTestId('next-slot').getByTestId('device-time')).toHaveText(
		new RegExp(`^${part(at, deviceZone, 'weekday')} `)
	);
	await expectAgendaLabelled(page, deviceZone);
	const header = page.getByRole('banner');
	await expect(header).toContainText(`${day(first, LISBON)}, Lisbon time`);
	if (day(first, deviceZone) !== day(first, LISBON)) {
		await expect(header).toContainText(`(${day(first, deviceZone)} where you are)`);
	}
	await page.context().close();
});

test('a slot page gives the expected start and the day in both zones', async ({ browser }) => {
	const probe = await openIn(browser, LISBON);
	const at = await nextStart(probe);
	await probe.context().close();

	const deviceZone = otherDayZone(at);
	const page = await openIn(browser, deviceZone);
	await page.getByTestId('next-slot').getByRole('link').click();
	await expect(page).toHaveURL(/\/slot\//);
	const facts = page.locator('dl');
	const expectedStart = facts.locator('dd').nth(1);
	const start = await instant(expectedStart.locator('time'));
	const want = expected(start, deviceZone);
	await expect(expectedStart.locator('time')).toHaveText(want.event);
	await expect(expectedStart.getByTestId('device-time')).toHaveText(want.device);
	const planned = facts.locator('dd').first();
	const plannedAt = await instant(planned.locator('time'));
	await expect(planned.getByTestId('device-time')).toHaveText(
		expected(plannedAt, deviceZone).device
	);
	const kind = page.getByRole('article').getByText(`${day(plannedAt, LISBON)}, Lisbon time`);
	await expect(kind).toBeVisible();
	if (day(plannedAt, deviceZone) !== day(plannedAt, LISBON)) {
		await expect(kind).toContainText(`(${day(plannedAt, deviceZone)} where you are)`);
	}
	await page.context().close();
});

test("a viewer in the event's zone reads its times alone, unnamed", async ({ browser }) => {
	const page = await openIn(browser, LISBON);
	const row = page.getByTestId('agenda-slot').first();
	const at = await instant(row.locator('time').first());
	await expect(row.locator('time').first()).toHaveText(clock(at, LISBON));
	await expect(page.getByTestId('device-time')).toHaveCount(0);
	await expect(page.getByRole('banner')).not.toContainText('Lisbon time');
	await page.context().close();
});
