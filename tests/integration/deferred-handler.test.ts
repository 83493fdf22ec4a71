import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { RequestHandler } from '../../server/app.ts';
import { deferredHandler } from '../../server/http/deferred-handler.ts';

/** A handler to hand over later, and one that answers `page <n>` counting its requests. */
function pending() {
	let resolve!: (h: RequestHandler) => void;
	let reject!: (err: Error) => void;
	const loading = new Promise<RequestHandler>((res, rej) => ((resolve = res), (reject = rej)));
	let served = 0;
	const loaded: RequestHandler = (_req, res) => res.end(`page ${++served}`);
	return { loading, load: () => resolve(loaded), fail: reject, served: () => served };
}

let server: http.Server | undefined;
afterEach(async () => {
	await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
	server = undefined;
});

async function serve(handler: RequestHandler): Promise<string> {
	server = http.createServer((req, res) => handler(req, res));
	await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
	return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('a handler that is still loading', () => {
	it('answers a request made before it loaded once it has, and later ones straight away', async () => {
		const pages = pending();
		const url = await serve(deferredHandler(pages.loading));
		let answered = false;
		const early = fetch(url).then(async (res) => ((answered = true), await res.text()));
		await settle();
		expect(answered).toBe(false);
		expect(pages.served()).toBe(0);
		pages.load();
		expect(await early).toBe('page 1');
		expect(await (await fetch(url)).text()).toBe('page 2');
	});

	it('gives a waiting request a 500 internal error when it fails to load', async () => {
		const pages = pending();
		const url = await serve(deferredHandler(pages.loading));
		const early = fetch(url);
		await settle();
		pages.fail(new Error('a broken build'));
		const res = await early;
		expect(res.status).toBe(500);
		expect(await res.json()).toEqual({
			error: { code: 'internal', message: 'the pages could not be loaded' }
		});
		const later = await fetch(url);
		expect(later.status).toBe(500);
		expect(pages.served()).toBe(0);
	});
});
