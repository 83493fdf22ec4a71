// Same-origin checks for state-changing requests and socket handshakes. A browser always
// sends Origin on those; a request without one comes from a non-browser client, which no
// cookie-riding attack can use, so it is allowed. PUBLIC_URL's origin is accepted too, for
// deployments behind a proxy that rewrites Host.
import type { IncomingMessage } from 'node:http';

export function isSameOrigin(req: IncomingMessage, publicUrl: string | undefined): boolean {
	const origin = req.headers.origin;
	if (origin === undefined) return req.headers['sec-fetch-site'] !== 'cross-site';
	let host: string;
	try {
		host = new URL(origin).host.toLowerCase();
	} catch {
		return false;
	}
	if (host === (req.headers.host ?? '').toLowerCase()) return true;
	return publicUrl !== undefined && host === new URL(publicUrl).host.toLowerCase();
}

/** True when the client reached us over TLS (directly, or per an https PUBLIC_URL). */
export function isHttps(req: IncomingMessage, publicUrl: string | undefined): boolean {
	return (
		('encrypted' in req.socket && req.socket.encrypted === true) ||
		!!publicUrl?.startsWith('https:')
	);
}

/** The peer's address, the key for per-client throttling. */
export const clientAddress = (req: IncomingMessage): string =>
	req.socket.remoteAddress ?? 'unknown';
