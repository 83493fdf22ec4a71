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

/** The peer's address, the key for per-client throttling (see forwardedAddress). */
export const clientAddress = (req: IncomingMessage, trustProxy = false): string =>
	forwardedAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], trustProxy);

/**
 * The client's address: the peer's, or behind a trusted reverse proxy (TRUST_PROXY) the
 * last X-Forwarded-For entry, the one that proxy appended (earlier ones can be forged).
 */
export function forwardedAddress(
	remote: string | undefined,
	forwardedFor: string | string[] | undefined,
	trustProxy: boolean
): string {
	const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor;
	const last = header?.split(',').at(-1)?.trim();
	return trustProxy && last ? last : (remote ?? 'unknown');
}
