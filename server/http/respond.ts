// Response helpers: the security headers every response carries, JSON bodies, and the JSON
// error shape `{ error: { code, message } }` with its HTTP status.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorBody, ErrorCode } from '#shared/protocol.ts';

const SECURITY_HEADERS: Record<string, string> = {
	'X-Content-Type-Options': 'nosniff',
	'Referrer-Policy': 'no-referrer',
	'X-Frame-Options': 'DENY',
	'Permissions-Policy':
		'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
	'Cross-Origin-Opener-Policy': 'same-origin',
	'Cross-Origin-Resource-Policy': 'same-origin'
};

/** Sets the headers every response carries; page CSP comes from SvelteKit. */
export function setSecurityHeaders(res: ServerResponse): void {
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}

const STATUS: Record<ErrorCode, number> = {
	invalid: 400,
	unauthorized: 401,
	forbidden: 403,
	not_found: 404,
	conflict: 409,
	invalid_state: 409,
	rate_limited: 429,
	protocol_mismatch: 400,
	internal: 500
};

/** An error answered over HTTP; `status` overrides the code's usual one (405, 413, 415). */
export class HttpError extends Error {
	constructor(
		readonly body: ErrorBody,
		readonly status = STATUS[body.code],
		readonly headers: Record<string, string> = {}
	) {
		super(body.message);
	}
}

export const statusFor = (code: ErrorCode): number => STATUS[code];

export function sendJson(
	res: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string | string[]> = {}
): void {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': Buffer.byteLength(text),
		'Cache-Control': 'no-store',
		'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
		...headers
	});
	res.end(text);
}

/** A text body (a download, say) that no browser will run or sniff as something else. */
export function sendText(
	res: ServerResponse,
	status: number,
	body: string,
	contentType: string,
	headers: Record<string, string | string[]> = {}
): void {
	res.writeHead(status, {
		'Content-Type': contentType,
		'Content-Length': Buffer.byteLength(body),
		'Cache-Control': 'no-store',
		'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'; sandbox",
		...headers
	});
	res.end(body);
}

export function sendEmpty(
	res: ServerResponse,
	status: number,
	headers: Record<string, string | string[]> = {}
): void {
	res.writeHead(status, { 'Cache-Control': 'no-store', ...headers });
	res.end();
}

export function sendError(res: ServerResponse, err: HttpError): void {
	if (res.headersSent) return void res.destroy();
	sendJson(res, err.status, { error: err.body }, err.headers);
}

const MEDIA_TYPE = /^application\/json\s*(;|$)/i;

/** The raw body, at most `limit` bytes (`what` names it in the 413); HttpError 413 beyond. */
export async function readBody(
	req: IncomingMessage,
	limit: number,
	what = 'the body'
): Promise<Uint8Array> {
	const tooLarge = new HttpError(
		{ code: 'invalid', message: `${what} is over ${limit} bytes` },
		413,
		{ Connection: 'close' }
	);
	if (Number(req.headers['content-length'] ?? 0) > limit) throw tooLarge;
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req as AsyncIterable<Buffer>) {
		size += chunk.length;
		if (size > limit) throw tooLarge;
		chunks.push(chunk);
	}
	return new Uint8Array(Buffer.concat(chunks));
}

/** Reads a JSON body of at most `limit` bytes; throws HttpError 413/415/400. */
export async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
	if (!MEDIA_TYPE.test(req.headers['content-type'] ?? '')) {
		throw new HttpError({ code: 'invalid', message: 'send application/json' }, 415);
	}
	const body = await readBody(req, limit);
	try {
		return JSON.parse(Buffer.from(body).toString('utf8'));
	} catch {
		throw new HttpError({ code: 'invalid', message: 'the body is not valid JSON' });
	}
}
