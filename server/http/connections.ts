// Connection budgets of the http server. Timeouts: a connection whose first request head
// has not arrived within HEADERS_TIMEOUT_MS is closed (closeSilentConnections), a later
// request head gets as long (HTTP_SERVER_OPTIONS), and a connection idle between requests
// closes after KEEP_ALIVE_MS; WebSockets leave these behind on upgrade and are watched by
// Socket.IO's heartbeat instead. Cap: at most
// `perAddress` open connections per address key, counted per TCP peer, or, behind a
// trusted proxy (whose own connections carry everyone), per forwarded address over
// Socket.IO's connections; one over it is closed at once.
import type { Server as HttpServer, ServerOptions } from 'node:http';
import fs from 'node:fs';
import { addressKey } from '../services/address-key.ts';

export const HEADERS_TIMEOUT_MS = 10_000;
export const KEEP_ALIVE_MS = 5_000;

/** Options for http.createServer: the timeouts above (Node's defaults keep idlers 60-90 s). */
export const HTTP_SERVER_OPTIONS: ServerOptions = {
	headersTimeout: HEADERS_TIMEOUT_MS,
	requestTimeout: 30_000,
	keepAliveTimeout: KEEP_ALIVE_MS,
	connectionsCheckingInterval: 1_000
};

/** A venue's NAT can put thousands of phones behind one address. */
export const DEFAULT_CONNECTIONS_PER_ADDRESS = 5_000;

/**
 * The default cap: DEFAULT_CONNECTIONS_PER_ADDRESS, but never more than half the process's
 * open-file limit (Linux, /proc/self/limits), so that one address cannot take every descriptor.
 */
export function defaultConnectionsPerAddress(limits = '/proc/self/limits'): number {
	try {
		const line = /^Max open files\s+(\d+)/m.exec(fs.readFileSync(limits, 'utf8'));
		if (line)
			return Math.max(
				1,
				Math.min(DEFAULT_CONNECTIONS_PER_ADDRESS, Math.floor(Number(line[1]) / 2))
			);
	} catch {
		// no such file off Linux: the plain default
	}
	return DEFAULT_CONNECTIONS_PER_ADDRESS;
}

/** Open connections per address key. */
export class ConnectionCount {
	private readonly open = new Map<string, number>();

	constructor(readonly perAddress: number) {}

	/** Counts one more for `key`; false (and nothing counted) when it is at the cap. */
	tryOpen(key: string): boolean {
		const n = this.open.get(key) ?? 0;
		if (n >= this.perAddress) return false;
		this.open.set(key, n + 1);
		return true;
	}

	closed(key: string): void {
		const n = (this.open.get(key) ?? 1) - 1;
		if (n <= 0) this.open.delete(key);
		else this.open.set(key, n);
	}
}

/** Caps the TCP connections per peer address (not behind a proxy: see the header). */
export function capPeerConnections(httpServer: HttpServer, count: ConnectionCount): void {
	httpServer.on('connection', (socket) => {
		const key = addressKey(socket.remoteAddress ?? 'unknown');
		if (!count.tryOpen(key)) return void socket.destroy();
		socket.once('close', () => count.closed(key));
	});
}

/**
 * Closes every connection that has sent no complete request head (nor upgrade) within
 * `ms` of opening. Node's own headers timeout is checked only every 30 s unless the server
 * was made with HTTP_SERVER_OPTIONS; this holds however the server was made. Add it after
 * Socket.IO has attached, so that it sees Socket.IO's requests too.
 */
export function closeSilentConnections(httpServer: HttpServer, ms = HEADERS_TIMEOUT_MS): void {
	const waiting = new WeakMap<object, () => void>();
	httpServer.on('connection', (socket) => {
		const timer = setTimeout(() => socket.destroy(), ms);
		timer.unref();
		const heard = () => {
			clearTimeout(timer);
			waiting.delete(socket);
		};
		waiting.set(socket, heard);
		socket.once('close', heard);
	});
	const onRequest = (req: { socket: object }) => waiting.get(req.socket)?.();
	httpServer.on('request', onRequest);
	httpServer.on('upgrade', onRequest);
}
