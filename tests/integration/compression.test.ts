import http from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { RequestHandler } from '../../server/app.ts';
import { chooseEncoding } from '../../server/http/compress.ts';
import { World } from './world.ts';

const world = new World();
afterEach(() => world.cleanup());

/** A server-rendered page of about the size of `/`, written the way SvelteKit writes one. */
const PAGE = `<!doctype html><html><body>${'<li class="row">A slot of the agenda</li>'.repeat(550)}</body></html>`;
const page: RequestHandler = (_req, res) => {
	res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'private, no-store' });
	res.write(PAGE.slice(0, 5000));
	res.write(PAGE.slice(5000));
	res.end();
};
/** Part of a file, as SvelteKit's static handler answers a Range request. */
const range: RequestHandler = (_req, res) => {
	res.writeHead(206, {
		'Content-Type': 'text/javascript',
		'Content-Range': `bytes 0-1999/${PAGE.length}`,
		'Content-Length': 2000
	});
	res.end(PAGE.slice(0, 2000));
};
/** An asset already compressed on disk, as SvelteKit's static handler serves it. */
const PRECOMPRESSED = Buffer.from('precompressed bytes, sent as they are');
const asset: RequestHandler = (req, res) => {
	if (!req.url?.startsWith('/_app/')) return page(req, res);
	res.writeHead(200, {
		'Content-Type': 'text/javascript',
		'Content-Encoding': 'br',
		'Content-Length': PRECOMPRESSED.length,
		Vary: 'Accept-Encoding'
	});
	res.end(PRECOMPRESSED);
};

type Raw = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

/** A request with exactly these headers; the body as it came over the wire. */
function get(url: string, headers: Record<string, string>, method = 'GET'): Promise<Raw> {
	return new Promise((resolve, reject) => {
		const req = http.request(url, { method, headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('end', () =>
				resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) })
			);
		});
		req.on('error', reject);
		req.end();
	});
}

describe('compressed responses', () => {
	it('sends a page with brotli or gzip as the request accepts, and plain otherwise', async () => {
		const server = await world.start({ sveltekitHandler: page });
		const br = await get(`${server.url}/`, { 'Accept-Encoding': 'gzip, deflate, br' });
		expect(br.headers['content-encoding']).toBe('br');
		expect(br.headers.vary).toMatch(/accept-encoding/i);
		expect(brotliDecompressSync(br.body).toString()).toBe(PAGE);
		expect(br.body.length).toBeLessThan(PAGE.length / 10);

		const gzip = await get(`${server.url}/`, { 'Accept-Encoding': 'gzip' });
		expect(gzip.headers['content-encoding']).toBe('gzip');
		expect(gunzipSync(gzip.body).toString()).toBe(PAGE);

		const plain = await get(`${server.url}/`, {});
		expect(plain.headers['content-encoding']).toBeUndefined();
		expect(plain.headers.vary).toMatch(/accept-encoding/i);
		expect(plain.body.toString()).toBe(PAGE);
	});

	it('compresses /api JSON and drops the length it had before', async () => {
		const server = await world.start();
		const raw = await get(`${server.url}/api/snapshot`, { 'Accept-Encoding': 'gzip' });
		expect(raw.status).toBe(200);
		expect(raw.headers['content-encoding']).toBe('gzip');
		expect(raw.headers['content-length']).toBeUndefined();
		expect(raw.headers['x-content-type-options']).toBe('nosniff');
		const body = JSON.parse(gunzipSync(raw.body).toString()) as { role: string };
		expect(body.role).toBe('attendee');
	});

	it('leaves small, bodiless and refused-encoding responses as they are', async () => {
		const server = await world.start({ sveltekitHandler: page });
		const health = await get(`${server.url}/api/health`, { 'Accept-Encoding': 'br, gzip' });
		expect(health.headers['content-encoding']).toBeUndefined();
		expect(health.headers.vary).toMatch(/accept-encoding/i);
		expect(JSON.parse(health.body.toString())).toMatchObject({ status: 'ok' });

		const head = await get(`${server.url}/`, { 'Accept-Encoding': 'gzip' }, 'HEAD');
		expect(head.headers['content-encoding']).toBeUndefined();

		const refused = await get(`${server.url}/`, { 'Accept-Encoding': 'br;q=0, gzip;q=0' });
		expect(refused.headers['content-encoding']).toBeUndefined();
		expect(refused.body.toString()).toBe(PAGE);
	});

	it('does not compress an asset that is already compressed', async () => {
		const server = await world.start({ sveltekitHandler: asset });
		const raw = await get(`${server.url}/_app/immutable/chunk.js`, { 'Accept-Encoding': 'br' });
		expect(raw.headers['content-encoding']).toBe('br');
		expect(raw.headers.vary).toBe('Accept-Encoding');
		expect(raw.body.equals(PRECOMPRESSED)).toBe(true);
	});

	it('sends a range as it is', async () => {
		const server = await world.start({ sveltekitHandler: range });
		const raw = await get(`${server.url}/_app/big.js`, {
			'Accept-Encoding': 'gzip',
			Range: 'bytes=0-1999'
		});
		expect(raw.status).toBe(206);
		expect(raw.headers['content-encoding']).toBeUndefined();
		expect(raw.body.toString()).toBe(PAGE.slice(0, 2000));
	});

	it("leaves Socket.IO's own transport to Socket.IO", async () => {
		const server = await world.start({ sveltekitHandler: page });
		const raw = await get(`${server.url}/socket.io/?EIO=4&transport=polling`, {
			'Accept-Encoding': 'gzip'
		});
		expect(raw.status).toBe(200);
		expect(raw.headers['content-encoding']).toBeUndefined();
		expect(raw.body.toString()).toMatch(/^0\{"sid"/);
	});
});

describe('chooseEncoding', () => {
	it('prefers brotli, then gzip, honours q=0 and *, and else answers none', () => {
		expect(chooseEncoding('gzip, deflate, br')).toBe('br');
		expect(chooseEncoding('gzip')).toBe('gzip');
		expect(chooseEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
		expect(chooseEncoding('*')).toBe('br');
		expect(chooseEncoding('identity')).toBeNull();
		expect(chooseEncoding(undefined)).toBeNull();
		expect(chooseEncoding('gzip;q=0')).toBeNull();
	});
});
