// Cookie header parsing and Set-Cookie serialisation, only as much as Dais needs.
export function readCookie(header: string | null | undefined, name: string): string | undefined {
	if (!header) return undefined;
	for (const part of header.split(';')) {
		const eq = part.indexOf('=');
		if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
		const raw = part
			.slice(eq + 1)
			.trim()
			.replace(/^"(.*)"$/, '$1');
		try {
			return decodeURIComponent(raw);
		} catch {
			return undefined;
		}
	}
	return undefined;
}

export type CookieOptions = { maxAgeSeconds: number; secure: boolean };

/** An HttpOnly, SameSite=Strict cookie for the whole site. */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
	const parts = [
		`${name}=${encodeURIComponent(value)}`,
		'Path=/',
		`Max-Age=${Math.floor(options.maxAgeSeconds)}`,
		'HttpOnly',
		'SameSite=Strict'
	];
	if (options.secure) parts.push('Secure');
	return parts.join('; ');
}
