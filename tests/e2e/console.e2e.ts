// The chair's console against the shared server: commands reach the stage display and an
// attendee, keyboard shortcuts, undo, a second chair's stale command, and what an attendee
// cannot do. The server is shared and tests run one after another, so every test first puts
// the track in a known state (Reset) and asserts relative to what it finds.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { io } from 'socket.io-client';
import { PROTOCOL_VERSION } from '../../src/lib/shared/protocol.ts';
import { countdownSeconds, signInAsChair, waitForLive } from './support.ts';

const seconds = async (countdown: Locator) =>
	countdownSeconds((await countdown.textContent()) ?? '');
const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

/** Presses a key once the console is ready (keys pressed while a command is out are dropped). */
async function press(page: Page, key: string): Promise<void> {
	await expect(page.getByRole('button', { name: /^Undo/ })).toBeEnabled();
	await page.keyboard.press(key);
}

/** Makes sure the current slot has a next one, then cues it with its full time (Reset). */
async function cueWithNextAvailable(chair: Page): Promise<void> {
	await expect(button(chair, 'Reset')).toBeEnabled();
	if (await button(chair, 'Next').isDisabled()) await button(chair, 'Previous').click();
	await button(chair, 'Reset').click();
	await expect(chair.getByTestId('phase')).toHaveText('Reset: ready to start');
	await expect(button(chair, 'Next')).toBeEnabled();
}

test("a chair's start, extend, next and undo reach the stage and an attendee", async ({
	browser
}) => {
	const contexts = await Promise.all([
		browser.newContext(),
		browser.newContext({ viewport: { width: 1280, height: 720 } }),
		browser.newContext()
	]);
	const [chair, stage, attendee] = await Promise.all(contexts.map((c) => c.newPage()));
	await signInAsChair(chair!);
	await stage!.goto('/stage');
	await attendee!.goto('/');
	await Promise.all([waitForLive(stage!), waitForLive(attendee!)]);
	const others = [stage!, attendee!];
	const title = chair!.getByTestId('current-title');

	await cueWithNextAvailable(chair!);
	for (const page of others) await expect(page.getByTestId('paused')).toBeVisible();
	await button(chair!, 'Start').click();
	await expect(chair!.getByTestId('phase')).toHaveText('Running');
	const first = (await title.textContent())?.trim() ?? '';
	for (const page of others) {
		await expect(page.getByTestId('paused')).toHaveCount(0);
		await expect(page.getByTestId('current-title')).toHaveText(first);
	}

	const before = await seconds(stage!.getByTestId('countdown'));
	await button(chair!, '+5 min').click();
	for (const page of others) {
		await expect.poll(() => seconds(page.getByTestId('countdown'))).toBeGreaterThan(before + 240);
	}

	await button(chair!, 'Next').click();
	await expect(title).not.toHaveText(first);
	const second = (await title.textContent())?.trim() ?? '';
	for (const page of others) await expect(page.getByTestId('current-title')).toHaveText(second);

	// Undo names what it takes back, and takes the whole room back with it.
	await button(chair!, 'Undo: Next').click();
	await expect(title).toHaveText(first);
	for (const page of others) await expect(page.getByTestId('current-title')).toHaveText(first);
	await expect(button(chair!, 'Undo: +5 min')).toBeVisible();
	for (const page of others) {
		await expect.poll(() => seconds(page.getByTestId('countdown'))).toBeGreaterThan(before + 200);
	}

	await Promise.all(contexts.map((c) => c.close()));
});

test('every timer command has a keyboard shortcut, and keys typed into a field are not commands', async ({
	page
}) => {
	await signInAsChair(page);
	await cueWithNextAvailable(page);
	// Space presses a focused button (here Reset): the keys below go to the page itself.
	await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
	const countdown = page.getByTestId('countdown');
	const phase = page.getByTestId('phase');
	const title = page.getByTestId('current-title');
	const full = await seconds(countdown);

	// Cued (paused), so the countdown holds still and every change is exact.
	await press(page, '=');
	await expect.poll(() => seconds(countdown)).toBe(full + 60);
	await press(page, 'Shift+Equal');
	await expect.poll(() => seconds(countdown)).toBe(full + 360);
	await press(page, '-');
	await expect.poll(() => seconds(countdown)).toBe(full + 300);
	await expect(button(page, 'Undo: −1 min')).toBeVisible();
	await press(page, 'u');
	await expect.poll(() => seconds(countdown)).toBe(full + 360);

	await press(page, ' ');
	await expect(phase).toHaveText('Running');
	await expect(button(page, 'Pause')).toBeVisible();
	await press(page, ' ');
	await expect(phase).toHaveText('Paused');
	await expect(button(page, 'Resume')).toBeVisible();

	const first = (await title.textContent())?.trim() ?? '';
	await press(page, 'n');
	await expect(title).not.toHaveText(first);
	await press(page, 'p');
	await expect(title).toHaveText(first);
	await press(page, 'e');
	await expect(phase).toHaveText('Ended');
	await press(page, 's');
	await expect(phase).toHaveText('Running');
	await expect(title).not.toHaveText(first);
	await press(page, 'r');
	await expect(phase).toHaveText('Reset: ready to start');
	const cued = (await title.textContent())?.trim() ?? '';

	await press(page, '?');
	const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
	await expect(help).toBeVisible();
	await expect(help.getByTestId('shortcut-list')).toContainText('Pause or resume');
	await page.keyboard.press('Escape');
	await expect(help).toHaveCount(0);

	const field = page.getByLabel('Message to the speaker');
	await field.click();
	await page.keyboard.type('n e s');
	await expect(field).toHaveValue('n e s');
	await field.fill('');
	await page.keyboard.press('Tab');
	// Had the typed keys been commands, their effects would show once a later command is back.
	await press(page, '=');
	await expect(button(page, 'Undo: +1 min')).toBeVisible();
	await expect(phase).toHaveText('Reset: ready to start');
	await expect(title).toHaveText(cued);
});

test('a stale +1 min from a second chair is refused and the console says what changed', async ({
	browser
}) => {
	const contexts = await Promise.all([browser.newContext(), browser.newContext()]);
	const [first, second] = await Promise.all(contexts.map((c) => c.newPage()));
	// The second chair stops hearing timer broadcasts while `deaf`: its version goes stale.
	let deaf = false;
	await second!.routeWebSocket(/\/socket\.io\//, (ws) => {
		const server = ws.connectToServer();
		server.onMessage((message) => {
			if (deaf && typeof message === 'string' && message.startsWith('42["timer:state"')) return;
			ws.send(message);
		});
	});
	await signInAsChair(first!);
	await signInAsChair(second!);
	await cueWithNextAvailable(first!);
	await expect(second!.getByTestId('phase')).toHaveText('Reset: ready to start');
	const start = await seconds(second!.getByTestId('countdown'));

	deaf = true;
	await button(first!, '+1 min').click();
	await expect.poll(() => seconds(first!.getByTestId('countdown'))).toBe(start + 60);
	await expect.poll(() => seconds(second!.getByTestId('countdown'))).toBe(start);
	await button(second!, '+1 min').click();
	await expect(second!.getByTestId('chair-error')).toHaveText(
		'Another chair extended the slot by 1 min — your +1 min was not applied'
	);
	// The refused chair now shows the real state: one extension, not two.
	await expect.poll(() => seconds(second!.getByTestId('countdown'))).toBe(start + 60);
	await expect.poll(() => seconds(first!.getByTestId('countdown'))).toBe(start + 60);

	deaf = false;
	await button(second!, '+1 min').click();
	await expect(second!.getByTestId('chair-error')).toHaveCount(0);
	await expect.poll(() => seconds(first!.getByTestId('countdown'))).toBe(start + 120);
	await Promise.all(contexts.map((c) => c.close()));
});

test('the chair log lists chair actions with the chair session, growing live', async ({ page }) => {
	await signInAsChair(page);
	const log = page.getByTestId('audit-entry');
	await expect(log.first()).toBeVisible();
	const count = await log.count();
	await cueWithNextAvailable(page);
	await expect.poll(() => log.count()).toBeGreaterThan(count);
	await expect(log.first()).toHaveAttribute('data-action', 'timer:reset');
	await expect(log.first()).toContainText(/Reset “.+” to its full time/);
	await expect(log.first()).toContainText(/chair \S+/);
});

test('an attendee gets the sign-in form on /chair, and forbidden for every chair command', async ({
	page,
	baseURL
}) => {
	await page.goto('/chair');
	await waitForLive(page);
	await expect(page.getByLabel('Passcode')).toBeVisible();
	await expect(page.getByRole('button', { name: /^(Pause|Resume|Next|Undo)/ })).toHaveCount(0);
	await expect(page.getByRole('heading', { name: 'Chair log' })).toHaveCount(0);
	const html = await (await page.request.get('/chair')).text();
	expect(html).toContain('Chair sign-in');
	expect(html).not.toContain('Timer controls');

	const snapshot = (await (await page.request.get('/api/snapshot')).json()) as {
		event: { agendaVersion: number; tracks: { id: string; slots: { id: string }[] }[] };
	};
	const track = snapshot.event.tracks[0]!;
	const edit = { trackId: track.id, expectedAgendaVersion: snapshot.event.agendaVersion };
	const attempts: [string, object][] = [
		['timer:next', { trackId: track.id }],
		['timer:undo', { trackId: track.id }],
		['timer:reset', { trackId: track.id }],
		['agenda:remove-slot', { ...edit, slotId: track.slots[0]!.id }],
		['agenda:update-slot', { ...edit, slotId: track.slots[0]!.id, patch: { title: 'Hacked' } }],
		['stage:signal', { trackId: track.id, kind: 'wrap-up', text: '' }],
		['stage:flash', { trackId: track.id, enabled: false }],
		['audit:list', { limit: 10 }]
	];
	const socket = io(baseURL!, {
		transports: ['websocket'],
		auth: { protocolVersion: PROTOCOL_VERSION }
	});
	try {
		for (const [name, payload] of attempts) {
			const ack = (await socket.timeout(5000).emitWithAck(name, payload)) as unknown;
			expect(ack, name).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		}
	} finally {
		socket.disconnect();
	}
});
