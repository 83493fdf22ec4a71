// Countdowns that fit: on the chair console, the attendee pages and the stage, no countdown
// overflows or is clipped, and no page scrolls sideways, at any width from 320 to 1920 px and
// in every state a real day reaches (warning, overtime of over ten minutes, a slot of hours,
// overtime of over an hour). The server is one of the test's own, its timer written into the
// store while it is stopped (a slot 80 minutes into a 15-minute talk), then moved on by the
// chair's own `timer:extend` commands.
import { expect, test, type Page } from '@playwright/test';
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION } from '../../src/lib/shared/protocol-version.ts';
import { openSqliteStore } from '../../server/store/sqlite/sqlite.store.ts';
import { PASSCODE, spawnServer, waitForLive, type SpawnedServer } from './support.ts';

const WIDTHS = [320, 375, 768, 1024, 1366, 1920];
const MIN = 60_000;

let server: SpawnedServer;
let chair: Socket;

async function chairSocket(url: string): Promise<Socket> {
	const res = await fetch(`${url}/api/chair/session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: url },
		body: JSON.stringify({ passcode: PASSCODE })
	});
	const cookie = res.headers.getSetCookie()[0]!.split(';')[0]!;
	const socket = io(url, {
		transports: ['websocket'],
		auth: { protocolVersion: PROTOCOL_VERSION },
		extraHeaders: { cookie, origin: url }
	});
	await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
	return socket;
}

/** Puts the first slot's timer `elapsedMs` into its `durationMs`, running, with the server stopped. */
async function writeRunningTimer(dataDir: string, elapsedMs: number, durationMs: number) {
	const store = openSqliteStore(dataDir);
	try {
		const event = await store.events.get();
		const track = event!.tracks[0]!;
		const stored = await store.timers.get(track.id);
		const saved = await store.timers.compareAndSet(
			{
				trackId: track.id,
				slotId: track.slots[0]!.id,
				phase: 'running',
				startedAt: Date.now() - elapsedMs,
				pausedAt: null,
				pausedMs: 0,
				durationMs,
				version: (stored?.version ?? 0) + 1
			},
			stored ? stored.version : null
		);
		expect(saved).toBe(true);
		return { trackId: track.id, slotId: track.slots[0]!.id };
	} finally {
		await store.close();
	}
}

async function extend(trackId: string, minutes: number): Promise<void> {
	const ack = (await chair
		.timeout(5000)
		.emitWithAck('timer:extend', { trackId, deltaMs: minutes * MIN })) as { ok: boolean };
	expect(ack.ok).toBe(true);
}

/** What does not fit on the page at its current size, in words (empty: everything fits). */
function misfits(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const problems: string[] = [];
		const root = document.documentElement;
		const width = root.clientWidth;
		if (root.scrollWidth > width) {
			const wide = [...document.querySelectorAll<HTMLElement>('body *')]
				.filter((el) => el.getBoundingClientRect().right > width + 1)
				.map(
					(el) =>
						`${el.tagName.toLowerCase()}.${el.className}[${(el.textContent ?? '').trim().slice(0, 40)}]`
				);
			problems.push(
				`the page scrolls sideways (${root.scrollWidth} > ${width}): ${wide.slice(-6)}`
			);
		}
		const inside = (inner: DOMRect, outer: DOMRect) =>
			inner.left >= outer.left - 1 &&
			inner.right <= outer.right + 1 &&
			inner.top >= outer.top - 1 &&
			inner.bottom <= outer.bottom + 1;
		for (const el of document.querySelectorAll<HTMLElement>('[data-testid="countdown"]')) {
			const range = document.createRange();
			range.selectNodeContents(el);
			const digits = range.getBoundingClientRect();
			const text = el.textContent ?? '';
			const box = el.parentElement!.getBoundingClientRect();
			const card = el.closest<HTMLElement>('.card, main')!.getBoundingClientRect();
			if (digits.left < box.left - 1 || digits.right > box.right + 1)
				problems.push(`"${text}" overflows its box`);
			if (!inside(digits, card)) problems.push(`"${text}" overflows its card`);
			if (digits.left < 0 || digits.right > width) problems.push(`"${text}" is off the screen`);
			for (let node: HTMLElement | null = el; node; node = node.parentElement) {
				const style = getComputedStyle(node);
				const clips = style.overflowX !== 'visible' || style.overflowY !== 'visible';
				if (
					clips &&
					node !== root &&
					node !== document.body &&
					!inside(digits, node.getBoundingClientRect())
				)
					problems.push(`"${text}" is clipped by ${node.tagName.toLowerCase()}.${node.className}`);
			}
		}
		for (const button of document.querySelectorAll<HTMLElement>('main button')) {
			const rect = button.getBoundingClientRect();
			if (rect.width > 0 && (rect.left < 0 || rect.right > width + 1))
				problems.push(`the button "${button.textContent?.trim()}" runs off the screen`);
		}
		const run = document.querySelector('.run')?.getBoundingClientRect();
		const plan = document.querySelector('.plan')?.getBoundingClientRect();
		if (run && plan) {
			const side = plan.left >= run.right - 1;
			const below = plan.top >= run.bottom - 1;
			if (!side && !below) problems.push('the controls overlap the questions');
			for (const child of document.querySelectorAll<HTMLElement>('.run > *')) {
				const rect = child.getBoundingClientRect();
				if (rect.right > run.right + 1)
					problems.push(`${child.className} is wider than its column`);
			}
		}
		return problems;
	});
}

/** Every width, on every page open: what does not fit, prefixed by where. */
async function checkAllWidths(pages: Record<string, Page>, state: string): Promise<string[]> {
	const problems: string[] = [];
	for (const width of WIDTHS) {
		for (const [name, page] of Object.entries(pages)) {
			await page.setViewportSize({
				width,
				height: name === 'stage' ? Math.round(width * 0.5625) + 1 : 900
			});
			for (const problem of await misfits(page))
				problems.push(`${state}, ${name} at ${width} px: ${problem}`);
		}
	}
	return problems;
}

test.afterAll(async () => {
	chair?.disconnect();
	await server?.stop();
});

test('every countdown fits its card and the screen at every width, in every state', async ({
	browser
}) => {
	test.setTimeout(180_000);
	server = await spawnServer();
	const { dataDir, port } = server;
	await server.stop();
	const { trackId, slotId } = await writeRunningTimer(dataDir, 80 * MIN, 15 * MIN);
	server = await spawnServer({ dataDir, port });
	chair = await chairSocket(server.url);

	// a context each, so that every page is a visible one
	const contexts = await Promise.all([1, 2, 3, 4].map(() => browser.newContext()));
	const [chairPage, home, slot, stage] = await Promise.all(contexts.map((c) => c.newPage()));
	const pages = { chair: chairPage!, home: home!, slot: slot!, stage: stage! };
	const cookie = await chairCookie(server.url);
	await contexts[0]!.addCookies([{ name: cookie.name, value: cookie.value, url: server.url }]);
	await pages.chair.goto(`${server.url}/chair`);
	await pages.home.goto(`${server.url}/`);
	await pages.slot.goto(`${server.url}/slot/${slotId}`);
	await pages.stage.goto(`${server.url}/stage`);
	await Promise.all(Object.values(pages).map((page) => waitForLive(page)));

	const countdown = pages.chair.getByTestId('countdown');
	const states: [string, RegExp, number][] = [
		['overtime of over an hour', /^\+1:0\d:\d\d$/, 0],
		['overtime of over ten minutes', /^\+1\d:\d\d$/, 50],
		['warning', /^0[01]:\d\d$/, 17],
		['a slot of hours', /^1:\d\d:\d\d$/, 60]
	];
	const problems: string[] = [];
	for (const [state, shown, minutes] of states) {
		if (minutes) await extend(trackId, minutes);
		await expect(countdown).toHaveText(shown);
		for (const page of Object.values(pages))
			await expect(page.getByTestId('countdown').first()).toHaveText(shown);
		problems.push(...(await checkAllWidths(pages, state)));
	}
	expect(problems).toEqual([]);
	await Promise.all(contexts.map((c) => c.close()));
});

async function chairCookie(url: string): Promise<{ name: string; value: string }> {
	const res = await fetch(`${url}/api/chair/session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: url },
		body: JSON.stringify({ passcode: PASSCODE })
	});
	const [name, value] = res.headers.getSetCookie()[0]!.split(';')[0]!.split('=') as [
		string,
		string
	];
	return { name, value };
}
