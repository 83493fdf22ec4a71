// `npm run bench:size`: how heavy the attendee page is on a cheap phone. Starts the
// production build on a fresh data dir, drives Chromium, and writes bench/RESULTS.md:
//  - the gzipped JavaScript `/` loads on a first visit (the budget: 60 KB; the test suite
//    enforces it in tests/e2e/budget.e2e.ts),
//  - the bytes transferred on a first visit, by the page and by the service worker's precache,
//  - the time to show the agenda from the service worker's cache (offline reload), median of
//    RUNS, at full speed and with the CPU slowed 4x like a cheap phone.
import { execSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from '@playwright/test';
import { writeBlock } from './results-file.ts';

const PORT = Number(process.env.BENCH_PORT ?? 4304);
const BASE = `http://localhost:${PORT}`;
const RUNS = 7;
const CHROMIUM = '/usr/bin/chromium';
const ROOT = fileURLToPath(new URL('..', import.meta.url));

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
const ms = (value: number) => `${Math.round(value)} ms`;
const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function startServer(): Promise<() => void> {
	if (!fs.existsSync(path.join(ROOT, 'build/handler.js'))) {
		throw new Error('build/ is missing: run `npm run build` first');
	}
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dais-bench-'));
	const server = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['server/index.ts'], {
		cwd: ROOT,
		env: {
			...process.env,
			PORT: String(PORT),
			DATA_DIR: dataDir,
			PUBLIC_URL: BASE,
			CHAIR_PASSCODE: 'bench-chair-passcode',
			LOG_LEVEL: 'warn'
		},
		stdio: 'ignore'
	});
	for (let i = 0; i < 100; i++) {
		const up = await fetch(`${BASE}/api/health`).then(
			(r) => r.ok,
			() => false
		);
		if (up) {
			return () => {
				server.kill('SIGTERM');
				fs.rmSync(dataDir, { recursive: true, force: true });
			};
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	server.kill('SIGTERM');
	throw new Error(`the server did not answer on ${BASE}`);
}

type FirstVisit = { jsGzip: number; jsFiles: number; pageTransfer: number; requests: number };

async function firstVisit(browser: Browser): Promise<FirstVisit> {
	const context = await browser.newContext({ serviceWorkers: 'block' });
	const page = await context.newPage();
	const seen: Promise<{ type: string; gzip: number; transfer: number }>[] = [];
	page.on('requestfinished', (request) => {
		seen.push(
			(async () => {
				const response = await request.response();
				const body = response
					? await response.body().catch(() => Buffer.alloc(0))
					: Buffer.alloc(0);
				const sizes = await request.sizes();
				return {
					type: request.resourceType(),
					gzip: gzipSync(body, { level: 9 }).length,
					transfer: sizes.responseHeadersSize + sizes.responseBodySize
				};
			})()
		);
	});
	await page.goto(BASE);
	await page.getByTestId('connection').and(page.locator('[data-status="live"]')).waitFor();
	await page.waitForLoadState('networkidle');
	const all = await Promise.all(seen);
	await context.close();
	const scripts = all.filter((r) => r.type === 'script');
	return {
		jsGzip: scripts.reduce((sum, r) => sum + r.gzip, 0),
		jsFiles: scripts.length,
		pageTransfer: all.reduce((sum, r) => sum + r.transfer, 0),
		requests: all.length
	};
}

/** Bytes the service worker downloads to precache the app, as the server sends them. */
async function precacheTransfer(): Promise<{ bytes: number; entries: number }> {
	const worker = await (await fetch(`${BASE}/service-worker.js`)).text();
	const urls = [...worker.matchAll(/"url":"([^"]+)"/g)].map((m) => m[1]!);
	let bytes = 0;
	for (const url of ['service-worker.js', ...urls]) {
		// fetch() decodes bodies: the compressed size is the Content-Length the server sent.
		const res = await fetch(new URL(url, `${BASE}/`), {
			headers: { 'accept-encoding': 'br, gzip' }
		});
		const body = await res.arrayBuffer();
		bytes += Number(res.headers.get('content-length') ?? body.byteLength);
	}
	return { bytes, entries: urls.length };
}

type Paint = { firstPaint: number; ready: number };

/**
 * Offline reloads served by the service worker: when the agenda is painted, and when the
 * scripts have applied the device's copy (the layout's `dais:restored` mark).
 */
async function fromCache(browser: Browser, cpuSlowdown: number): Promise<Paint> {
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto(BASE);
	for (let ready = false; !ready; await page.waitForTimeout(100)) {
		ready = await page.evaluate(async () => {
			const cached = await caches.open('dais-pages').then((c) => c.match('/'));
			return navigator.serviceWorker.controller !== null && cached !== undefined;
		});
	}
	const cdp = await context.newCDPSession(page);
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
	await context.setOffline(true);
	const paints: number[] = [];
	const readies: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		await page.reload();
		await page.getByTestId('agenda-slot').first().waitFor();
		await page.waitForFunction(() => performance.getEntriesByName('dais:restored').length > 0);
		const timing = await measure(page);
		paints.push(timing.firstPaint);
		readies.push(timing.ready);
		console.log(cpuSlowdown, timing);
	}
	await context.close();
	return { firstPaint: median(paints), ready: median(readies) };
}

/** ms after navigation start: first contentful paint, and the dais:restored mark. */
function measure(page: Page): Promise<Paint> {
	return page.evaluate(() => ({
		firstPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
		ready: performance.getEntriesByName('dais:restored')[0]?.startTime ?? NaN
	}));
}

function machine(browserVersion: string): string {
	const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
	const memory = `${Math.round(os.totalmem() / 2 ** 30)} GiB`;
	return `${cpu} × ${os.cpus().length}, ${memory}, ${os.type()} ${os.release()}, Node ${process.version}, Chromium ${browserVersion}`;
}

async function main(): Promise<void> {
	const stop = await startServer();
	const browser = await chromium.launch({
		executablePath: fs.existsSync(CHROMIUM) ? CHROMIUM : undefined,
		args: ['--no-sandbox', '--disable-gpu']
	});
	try {
		const visit = await firstVisit(browser);
		const precache = await precacheTransfer();
		const fast = await fromCache(browser, 1);
		const slow = await fromCache(browser, 4);
		const commit = (() => {
			try {
				return execSync('git rev-parse --short HEAD', { cwd: ROOT }).toString().trim();
			} catch {
				return 'unknown';
			}
		})();
		const report = [
			'## The attendee page on a cheap phone',
			'',
			'Written by `npm run bench:size` (bench/size.ts), between the markers; rerun it after a change and commit the file.',
			'',
			`- Date: ${new Date().toISOString()}`,
			`- Command: \`npm run bench:size\` (on the production build of commit ${commit})`,
			`- Machine: ${machine(browser.version())}`,
			'',
			'### The attendee page `/`, first visit (no service worker yet)',
			'',
			'| Figure | Value |',
			'| --- | --- |',
			`| JavaScript, gzipped (level 9), ${visit.jsFiles} file(s) | **${kb(visit.jsGzip)}** (budget 60 KB) |`,
			`| Transfer by the page (${visit.requests} requests, headers included) | ${kb(visit.pageTransfer)} |`,
			`| Transfer by the service worker's precache (${precache.entries} files, then in the background) | ${kb(precache.bytes)} |`,
			`| Total transfer on the first visit | ${kb(visit.pageTransfer + precache.bytes)} |`,
			'',
			`### Showing the agenda from the service worker's cache (offline reload, median of ${RUNS})`,
			'',
			"| CPU | Agenda painted (first contentful paint) | Device's copy applied (scripts done) |",
			'| --- | --- | --- |',
			`| this machine | ${ms(fast.firstPaint)} | ${ms(fast.ready)} |`,
			`| slowed 4x (a cheap phone) | ${ms(slow.firstPaint)} | ${ms(slow.ready)} |`,
			'',
			'The agenda is in the cached server-rendered page, so it shows at first paint; the',
			'scripts then apply the newer state kept in IndexedDB and keep the countdown running.',
			''
		].join('\n');
		writeBlock('size', report);
		process.stdout.write(report);
	} finally {
		await browser.close();
		stop();
	}
}

main().catch((err: unknown) => {
	process.stderr.write(`bench:size failed: ${err instanceof Error ? err.message : String(err)}\n`);
	process.exit(1);
});
