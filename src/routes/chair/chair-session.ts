// The chair's HTTP session: sign in with the passcode (the server sets an HttpOnly cookie),
// sign out, sign every chair out, change the passcode (which signs every other chair out).
// The caller reconnects the socket afterwards so the handshake carries the cookie.
import type { ErrorBody, PasscodeRotated } from '$lib/shared/protocol.ts';
import type { ClientError } from '$lib/client/labels.ts';

export type SessionResult = { ok: true } | { ok: false; error: ClientError };

const URL = '/api/chair/session';

export async function signIn(passcode: string): Promise<SessionResult> {
	return request(URL, 'POST', JSON.stringify({ passcode }));
}

export async function signOut(): Promise<SessionResult> {
	return request(URL, 'DELETE');
}

/** Ends every chair session, this one included. */
export async function signOutEverywhere(): Promise<SessionResult> {
	return request('/api/chair/sessions', 'DELETE');
}

/** A fresh passcode; every other chair session ends. */
export async function rotatePasscode(): Promise<
	{ ok: true; passcode: string } | { ok: false; error: ClientError }
> {
	let passcode = '';
	const result = await request('/api/chair/passcode', 'POST', undefined, async (res) => {
		// Our own server's answer (PasscodeRotated), trusted like its socket messages.
		passcode = ((await res.json()) as PasscodeRotated).passcode;
	});
	return result.ok ? { ok: true, passcode } : result;
}

async function request(
	url: string,
	method: 'POST' | 'DELETE',
	body?: string,
	read?: (res: Response) => Promise<void>
): Promise<SessionResult> {
	let res: Response;
	try {
		res = await fetch(url, {
			method,
			body,
			headers: body ? { 'content-type': 'application/json' } : {},
			credentials: 'same-origin'
		});
	} catch {
		return { ok: false, error: { code: 'offline', message: 'no connection' } };
	}
	if (res.ok) {
		if (read) await read(res);
		return { ok: true };
	}
	// Our own server's error body (see server/http/respond.ts), trusted like its socket messages.
	const error = ((await res.json().catch(() => null)) as { error?: Partial<ErrorBody> } | null)
		?.error;
	if (typeof error?.code === 'string' && typeof error.message === 'string') {
		return { ok: false, error: error as ErrorBody };
	}
	const code =
		res.status === 401 ? 'unauthorized' : res.status === 429 ? 'rate_limited' : 'internal';
	return { ok: false, error: { code, message: res.statusText } };
}
