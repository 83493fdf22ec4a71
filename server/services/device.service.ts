// Device identity for votes and limits (DESIGN §5). A device id is 16 random bytes; its
// token is `id.hmac`, signed with a secret kept in the data dir (the settings table), so a
// token survives restarts and cannot be made up. A missing, malformed or forged token gets
// a fresh id: a client can drop its identity, never borrow another device's.
import crypto from 'node:crypto';
import type { Store } from '../store/store.ts';

const ID = /^[A-Za-z0-9_-]{22}$/;

export const signDevice = (secret: Buffer, id: string): string =>
	crypto.createHmac('sha256', secret).update(`dais_device:${id}`).digest('base64url');

/** The device id a token carries when its signature is valid; null otherwise. */
export function verifyDeviceToken(secret: Buffer, token: string | undefined): string | null {
	if (!token || token.length > 100) return null;
	const [id, sig, ...rest] = token.split('.');
	if (!id || !sig || rest.length > 0 || !ID.test(id)) return null;
	const expected = Buffer.from(signDevice(secret, id));
	const given = Buffer.from(sig);
	return given.length === expected.length && crypto.timingSafeEqual(given, expected) ? id : null;
}

export type DeviceIdentity = {
	deviceId: string;
	/** set when the device got a new identity: send it to the client */
	freshToken: string | null;
};

export class DeviceService {
	private secret = Buffer.alloc(0);

	constructor(private readonly store: Store) {}

	async init(): Promise<void> {
		const secret = await this.store.settings.getOrInit(
			'device_secret',
			crypto.randomBytes(32).toString('base64url')
		);
		this.secret = Buffer.from(secret, 'base64url');
	}

	/** The identity behind a handshake's token, or a fresh one. */
	identify(token: string | undefined): DeviceIdentity {
		const known = verifyDeviceToken(this.secret, token);
		if (known) return { deviceId: known, freshToken: null };
		const deviceId = crypto.randomBytes(16).toString('base64url');
		return { deviceId, freshToken: `${deviceId}.${signDevice(this.secret, deviceId)}` };
	}
}
