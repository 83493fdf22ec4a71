// Compression of text responses (pages, /api JSON, downloads) by the request's
// Accept-Encoding: brotli when accepted, else gzip, else none. A response is left alone when
// it already has a Content-Encoding (SvelteKit's precompressed assets), has no body (HEAD,
// 204, 304), is a range (206), is not text, is known to be small, or says
// `Cache-Control: no-transform`.
// Every text response says `Vary: Accept-Encoding`, so caches keep the encodings apart.
// Socket.IO's requests never come here (engine.io answers them before this handler).
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import zlib, { type BrotliCompress, type Gzip } from 'node:zlib';

/** Below this many bytes compression saves less than the headers it adds. */
export const MIN_COMPRESS_BYTES = 1024;
const TEXT = /^(text\/|application\/(json|javascript|xml|manifest\+json)|image\/svg\+xml)/i;
// Quality 5 is as fast as gzip's default and still smaller: pages are made per request.
const BROTLI_QUALITY = 5;

type Encoding = 'br' | 'gzip';

/** The encoding to answer with: the accepted one (q > 0) we prefer, br over gzip. */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding | null {
	const accepted = new Map<string, number>();
	for (const item of (acceptEncoding ?? '').split(',')) {
		const [name = '', ...params] = item.trim().toLowerCase().split(';');
		const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		accepted.set(name.trim(), q ? Number(q.slice(2)) || 0 : 1);
	}
	const wanted = (name: Encoding) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
	if (wanted('br')) return 'br';
	if (wanted('gzip')) return 'gzip';
	return null;
}

function addVary(res: ServerResponse): void {
	const vary = String(res.getHeader('Vary') ?? '');
	if (/(^|,)\s*(accept-encoding|\*)\s*(,|$)/i.test(vary)) return;
	res.setHeader('Vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
}

function compressible(req: IncomingMessage, res: ServerResponse, status: number): boolean {
	if (req.method === 'HEAD' || status === 204 || status === 304 || status < 200) return false;
	// a range is of the bytes as stored: compressing it would garble the whole
	if (status === 206 || res.getHeader('Content-Range')) return false;
	if (res.getHeader('Content-Encoding')) return false;
	if (/no-transform/i.test(String(res.getHeader('Cache-Control') ?? ''))) return false;
	const length = res.getHeader('Content-Length');
	return length === undefined || Number(length) >= MIN_COMPRESS_BYTES;
}

/** Moves headers given to writeHead onto the response, so that they can be read and changed. */
function takeHeaders(res: ServerResponse, headers: OutgoingHttpHeaders | unknown[] | undefined) {
	if (Array.isArray(headers)) {
		// writeHead's flat [name, value, name, value, ...] form
		for (let i = 0; i + 1 < headers.length; i += 2) {
			res.setHeader(String(headers[i]), headers[i + 1] as string | string[]);
		}
	} else if (headers) {
		for (const [name, value] of Object.entries(headers)) {
			if (value !== undefined) res.setHeader(name, value);
		}
	}
}

/**
 * Makes `res` compress what is written to it, when the response turns out to be text worth
 * compressing; decided when its headers go out (writeHead, or the first write or end).
 */
export function compressResponse(req: IncomingMessage, res: ServerResponse): void {
	const encoding = chooseEncoding(req.headers['accept-encoding']);
	const writeHead = res.writeHead.bind(res) as (status: number, message?: string) => ServerResponse;
	const write = res.write.bind(res) as (chunk: unknown, ...rest: unknown[]) => boolean;
	const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
	let stream: Gzip | BrotliCompress | null = null;

	res.writeHead = ((status: number, ...rest: unknown[]) => {
		const message = typeof rest[0] === 'string' ? String(rest.shift()) : undefined;
		takeHeaders(res, rest[0] as OutgoingHttpHeaders | unknown[] | undefined);
		const type = String(res.getHeader('Content-Type') ?? '');
		if (TEXT.test(type) && !res.getHeader('Content-Encoding')) addVary(res);
		if (encoding && TEXT.test(type) && compressible(req, res, status)) {
			res.setHeader('Content-Encoding', encoding);
			res.removeHeader('Content-Length');
			const etag = res.getHeader('ETag');
			if (typeof etag === 'string' && !etag.startsWith('W/')) res.setHeader('ETag', `W/${etag}`);
			stream =
				encoding === 'br'
					? zlib.createBrotliCompress({
							params: { [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY }
						})
					: zlib.createGzip();
			stream.on('data', (chunk: Buffer) => {
				if (!write(chunk)) stream?.pause();
			});
			// the writer waits for the response's drain; the compressor's buffer is its to fill
			stream.on('drain', () => res.emit('drain'));
			res.on('drain', () => stream?.resume());
			stream.on('end', () => end());
			stream.on('error', (err) => res.destroy(err));
			// a client that goes away leaves nothing to compress for
			res.on('close', () => stream?.destroy());
		}
		return message === undefined ? writeHead(status) : writeHead(status, message);
	}) as typeof res.writeHead;

	res.write = ((chunk: unknown, ...rest: unknown[]) => {
		if (!res.headersSent) res.writeHead(res.statusCode);
		if (!stream) return write(chunk, ...rest);
		const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
		const encodingArg = typeof rest[0] === 'string' ? (rest[0] as BufferEncoding) : undefined;
		const buffer = typeof chunk === 'string' ? Buffer.from(chunk, encodingArg) : chunk;
		return stream.write(buffer as Buffer, callback);
	}) as typeof res.write;

	res.end = ((...args: unknown[]) => {
		const callback = args.find((arg) => typeof arg === 'function') as (() => void) | undefined;
		const chunk = typeof args[0] === 'function' ? undefined : args[0];
		const encodingArg = typeof args[1] === 'string' ? (args[1] as BufferEncoding) : undefined;
		if (!res.headersSent) {
			// the whole body is known: too small a one goes out as it is
			if (chunk !== undefined && chunk !== null && res.getHeader('Content-Length') === undefined) {
				const bytes =
					typeof chunk === 'string'
						? Buffer.byteLength(chunk, encodingArg)
						: (chunk as Buffer).length;
				if (bytes < MIN_COMPRESS_BYTES) res.setHeader('Content-Length', bytes);
			}
			res.writeHead(res.statusCode);
		}
		if (!stream) return end(...args);
		if (callback) res.once('finish', callback);
		if (chunk !== undefined && chunk !== null) {
			stream.end(typeof chunk === 'string' ? Buffer.from(chunk, encodingArg) : (chunk as Buffer));
		} else {
			stream.end();
		}
		return res;
	}) as typeof res.end;
}
