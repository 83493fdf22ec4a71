// Two tracks in one event, on a server of the test's own: the chair picks a track, commands
// and stage signals stay in it, and `?track=<id>` chooses the track on / and /stage.
// The second track is written through the Store contract while the server is stopped.
import { expect, test } from '@playwright/test';
import type { EventInfo } from '../../src/lib/shared/schema/event.ts';
import { openSqliteStore } from '../../server/store/sqlite/sqlite.store.ts';
import { signInAsChair, spawnServer, waitForLive, type SpawnedServer } from './support.ts';

const SECOND = 'room-b';

let server: SpawnedServer | undefined;
test.afterEach(async () => {
	await server?.stop();
	server = undefined;
});

/** The event with a copy of its first track as a second one, titles prefixed "B: ". */
function withSecondTrack(event: EventInfo): EventInfo {
	const first = event.tracks[0]!;
	const second = {
		...first,
		id: SECOND,
		name: 'Room B track',
		room: 'Room B',
		slots: first.slots.map((slot) => ({ ...slot, id: `${slot.id}-b`, title: `B: ${slot.title}` }))
	};
	return { ...event, tracks: [first, second], agendaVersion: event.agendaVersion + 1 };
}

async function startWithTwoTracks(): Promise<{ url: string; firstTrack: string }> {
	const seeded = await spawnServer();
	await seeded.stop();
	const store = openSqliteStore(seeded.dataDir);
	const event = await store.events.get();
	await store.events.replace(withSecondTrack(event!), await store.timers.list());
	await store.close();
	server = await spawnServer({ dataDir: seeded.dataDir });
	return { url: server.url, firstTrack: event!.tracks[0]!.id };
}

test('a chair picks a track and its commands and signals stay in that track', async ({
	browser
}) => {
	const { url, firstTrack } = await startWithTwoTracks();
	const contexts = await Promise.all([1, 2, 3, 4].map(() => browser.newContext()));
	const [chair, stageA, stageB, attendeeB] = await Promise.all(contexts.map((c) => c.newPage()));
	await signInAsChair(chair!, url);
	// the stages are opened with the console's key, so that they confirm the signals they show
	const link = chair!.getByTestId('stage-link');
	await expect(link).toHaveAttribute('href', /#key=/);
	const key = new URL((await link.getAttribute('href'))!, url).hash;
	await stageA!.goto(`${url}/stage?track=${firstTrack}${key}`);
	await stageB!.goto(`${url}/stage?track=${SECOND}${key}`);
	await attendeeB!.goto(`${url}/?track=${SECOND}`);
	await Promise.all([stageA, stageB, attendeeB].map((page) => waitForLive(page!)));
	await expect(attendeeB!.getByRole('heading', { name: 'Room B track' })).toBeVisible();
	await expect(attendeeB!.getByTestId('agenda-slot').first()).toContainText('B: ');
	await expect(attendeeB!.getByLabel('Track')).toHaveValue(SECOND);
	await expect(stageB!.getByTestId('stage-qr')).toHaveAttribute(
		'src',
		`/api/qr.svg?track=${SECOND}`
	);

	await chair!.getByLabel('Track').selectOption(SECOND);
	await expect(chair!).toHaveURL(new RegExp(`\\?track=${SECOND}$`));
	await expect(chair!.getByRole('heading', { name: 'Room B track' })).toBeVisible();
	await chair!.getByRole('button', { name: 'Reset', exact: true }).click();
	await chair!.getByRole('button', { name: 'Wrap up', exact: true }).click();
	await expect(chair!.getByTestId('current-title')).toHaveText(/^B: /);

	await expect(stageB!.getByTestId('paused')).toBeVisible();
	await expect(stageB!.getByTestId('current-title')).toHaveText(/^B: /);
	await expect(stageB!.getByTestId('stage-signal')).toHaveText('Wrap up');
	await expect(attendeeB!.getByTestId('paused')).toBeVisible();
	await expect(chair!.getByTestId('signal-seen')).toBeVisible();
	// Track A heard none of it.
	await expect(stageA!.getByTestId('paused')).toHaveCount(0);
	await expect(stageA!.getByTestId('stage-signal')).toHaveCount(0);
	await expect(stageA!.getByTestId('current-title')).not.toHaveText(/^B: /);

	// Back on track A, the same controls act on A; B keeps its state.
	await chair!.getByLabel('Track').selectOption(firstTrack);
	await expect(chair!.getByTestId('stage-status')).toHaveText('No signal on stage.');
	await chair!.getByRole('button', { name: 'Reset', exact: true }).click();
	await expect(stageA!.getByTestId('paused')).toBeVisible();
	await expect(stageB!.getByTestId('stage-signal')).toHaveText('Wrap up');
	await Promise.all(contexts.map((c) => c.close()));
});

test('with two tracks the start page and the console fit a phone without sideways scrolling', async ({
	browser
}) => {
	const { url } = await startWithTwoTracks();
	const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
	const attendee = await context.newPage();
	const chair = await context.newPage();
	await attendee.goto(`${url}/?track=${SECOND}`);
	await signInAsChair(chair, url);
	for (const page of [attendee, chair]) {
		await waitForLive(page);
		await expect(page.getByLabel('Track')).toBeVisible();
		const widths = await page.evaluate(() => ({
			page: document.documentElement.scrollWidth,
			viewport: window.innerWidth
		}));
		expect(widths.page).toBeLessThanOrEqual(widths.viewport);
	}
	await context.close();
});

test('the attendee page links the exports of the whole event and of the chosen track', async ({
	page
}) => {
	const { url } = await startWithTwoTracks();
	await page.goto(`${url}/?track=${SECOND}`);
	await waitForLive(page);
	const whole = page.getByRole('navigation', { name: 'Agenda tools' });
	await expect(whole.getByRole('link', { name: 'Add to calendar' })).toHaveAttribute(
		'href',
		'/schedule/export/schedule.ics'
	);
	const track = page.getByTestId('track-exports');
	const calendar = track.getByRole('link', { name: 'Add to calendar' });
	await expect(calendar).toHaveAttribute('href', `/schedule/export/schedule.ics?track=${SECOND}`);
	const app = track.getByRole('link', { name: 'Open in your schedule app' });
	await expect(app).toHaveAttribute('href', `/schedule/export/schedule.xml?track=${SECOND}`);
	const ics = await page.request.get(`${url}${await calendar.getAttribute('href')}`);
	expect(ics.headers()['content-type']).toContain('text/calendar');
	expect(await ics.text()).toContain('B: ');
	expect(await ics.text()).not.toContain(`SUMMARY:${'Welcome'}`);
});
