// Where phones in the room can reach Dais. PUBLIC_URL when it is set; otherwise the address
// the request came to, unless that is a loopback address (the stage display opened on the
// machine running Dais), in which case the first address of this machine on the venue
// network: each non-internal interface, IPv4 first, never link-local. Pure: the interfaces
// (os.networkInterfaces() in the app) and the port are arguments, so tests can supply them.
import type { NetworkInterfaceInfo } from 'node:os';

export type Interfaces = NodeJS.Dict<NetworkInterfaceInfo[]>;

/** A base URL on the venue network (`http://192.0.2.2:3000`) and the interface it is on. */
export type VenueAddress = { url: string; interface: string };

const WILDCARD = new Set(['0.0.0.0', '::', '']);

/** Whether a host name or address (brackets allowed, no port) only reaches this machine. */
export function isLoopback(host: string): boolean {
	const name = host.replace(/^\[|\]$/g, '').toLowerCase();
	return (
		name === 'localhost' ||
		name.endsWith('.localhost') ||
		/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name) ||
		name === '::1' ||
		name === '0:0:0:0:0:0:0:1' ||
		name.startsWith('::ffff:127.')
	);
}

const urlHost = (address: string, family: string) => (family === 'IPv6' ? `[${address}]` : address);

/**
 * The base URLs phones on the venue network can use for a server listening on `host`:`port`:
 * every non-internal, non-link-local address when it listens on all interfaces, the one
 * address when it listens on one (none when that is a loopback address).
 */
export function venueAddresses(interfaces: Interfaces, host: string, port: number): VenueAddress[] {
	const found: (VenueAddress & { v6: boolean })[] = [];
	for (const [name, infos] of Object.entries(interfaces)) {
		for (const info of infos ?? []) {
			if (info.internal || isLoopback(info.address)) continue;
			const family = String(info.family);
			if (family === 'IPv6' && /^fe[89ab]/i.test(info.address)) continue;
			if (!WILDCARD.has(host) && info.address !== host) continue;
			const url = `http://${urlHost(info.address, family)}:${port}`;
			found.push({ url, interface: name, v6: family === 'IPv6' });
		}
	}
	return found
		.sort((a, b) => Number(a.v6) - Number(b.v6))
		.map(({ url, interface: name }) => ({ url, interface: name }));
}

/**
 * The base URL attendees should be sent to: PUBLIC_URL, else `requestBase` (the scheme and
 * Host a request came with) unless its host is a loopback one, else the first venue address,
 * else `requestBase` (a machine on no network has nothing better to offer).
 */
export function joinBase(options: {
	publicUrl: string | undefined;
	requestBase: string;
	venue: readonly VenueAddress[];
}): string {
	if (options.publicUrl) return options.publicUrl;
	if (!isLoopback(new URL(options.requestBase).hostname)) return options.requestBase;
	return options.venue[0]?.url ?? options.requestBase;
}
