// The key every per-address limit counts by. A client address arrives as the peer's or, behind
// a trusted proxy, as whatever the proxy wrote in X-Forwarded-For, so it is first made
// canonical: ports and brackets stripped, IPv4 as four decimal numbers (leading zeros are
// decimal), IPv4-mapped IPv6 as its IPv4, IPv6 as eight groups. Every spelling of one
// address gives one key, and all addresses of an IPv6 /64 share one (one household or phone
// commonly holds a whole /64). Something that is no address at all keys as itself, bounded.

const MAX_RAW = 100;

/** `a.b.c.d` with decimal parts (leading zeros allowed), or null. */
function ipv4(text: string): number[] | null {
	const parts = text.split('.');
	if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p))) return null;
	const bytes = parts.map(Number);
	return bytes.every((b) => b <= 255) ? bytes : null;
}

/** The eight 16-bit groups of an IPv6 address (zone dropped, embedded IPv4 read), or null. */
function ipv6(text: string): number[] | null {
	const address = text.split('%')[0]!.toLowerCase();
	const halves = address.split('::');
	if (halves.length > 2) return null;
	const groups = (half: string): number[] | null => {
		if (half === '') return [];
		const out: number[] = [];
		const items = half.split(':');
		for (const [i, item] of items.entries()) {
			const v4 = i === items.length - 1 && item.includes('.') ? ipv4(item) : null;
			if (v4) out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
			else if (/^[0-9a-f]{1,4}$/.test(item)) out.push(parseInt(item, 16));
			else return null;
		}
		return out;
	};
	const left = groups(halves[0]!);
	const right = halves.length === 2 ? groups(halves[1]!) : [];
	if (!left || !right) return null;
	if (halves.length === 1) return left.length === 8 ? left : null;
	const missing = 8 - left.length - right.length;
	return missing >= 1 ? [...left, ...Array<number>(missing).fill(0), ...right] : null;
}

/** The address without port or brackets: `[2001:db8::1]:443` -> `2001:db8::1`. */
function withoutPort(raw: string): string {
	const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(raw);
	if (bracketed) return bracketed[1]!;
	const v4WithPort = /^([\d.]+):\d+$/.exec(raw);
	return v4WithPort ? v4WithPort[1]! : raw;
}

export type CanonicalAddress = { family: 4; bytes: number[] } | { family: 6; groups: number[] };

/** The address `raw` names, canonical; null when it is no IP address. */
export function canonicalAddress(raw: string): CanonicalAddress | null {
	const text = withoutPort(raw.trim());
	const v4 = ipv4(text);
	if (v4) return { family: 4, bytes: v4 };
	const v6 = text.includes(':') ? ipv6(text) : null;
	if (!v6) return null;
	const mapped = v6.slice(0, 5).every((g) => g === 0) && v6[5] === 0xffff;
	if (mapped) return { family: 4, bytes: [v6[6]! >> 8, v6[6]! & 255, v6[7]! >> 8, v6[7]! & 255] };
	return { family: 6, groups: v6 };
}

/**
 * The throttling key of a client address: IPv4 (also IPv4-mapped IPv6) as `a.b.c.d`; IPv6 by
 * its /64 prefix, e.g. `2001:db8:1:2::/64`.
 */
export function addressKey(raw: string): string {
	const address = canonicalAddress(raw);
	if (!address) return `?${raw.trim().toLowerCase().slice(0, MAX_RAW)}`;
	if (address.family === 4) return address.bytes.join('.');
	return `${address.groups
		.slice(0, 4)
		.map((g) => g.toString(16))
		.join(':')}::/64`;
}
