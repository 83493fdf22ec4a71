// The chair's HTTP session: sign in with the passcode (the server sets an HttpOnly cookie),
// sign out. The caller reconnects the socket afterwards so the handshake carries the cookie.
import type { ErrorBody } from '$lib/shared/protocol.ts';
import type { ClientError } from './labels.ts';

export type SessionResult = { ok: true } | { ok: false; error: ClientError };

const URL = '/api/chair/session';

export async function signIn(passcode: string): Promise<SessionResult> {
	return request('POST', JSON.stringify({ passcode }));
}

export async function signOut(): Promise<SessionResult> {
	return request('DELETE');
}

async function request(method: 'POST' | 'DELETE', body?: string): Promise<SessionResult> {
	let res: Response;
	try {
		res = await fetch(URL, {
			method,
			body,
			headers: body ? { 'content-type': 'application/json' } : {},
			credentials: 'same-origin'
		});
	} catch {
		return { ok: false, error: { code: 'offline', message: 'no connection' } };
	}
	if (res.ok) return { ok: true };
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
