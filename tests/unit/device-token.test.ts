import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signDevice, verifyDeviceToken } from '../../server/services/device.service.ts';

const secret = crypto.randomBytes(32);
const id = crypto.randomBytes(16).toString('base64url');
const token = `${id}.${signDevice(secret, id)}`;

describe('device tokens', () => {
	it('carry the device id under a valid signature', () => {
		expect(verifyDeviceToken(secret, token)).toBe(id);
	});

	it('are refused when forged, malformed or signed with another secret', () => {
		const other = crypto.randomBytes(32);
		const otherId = crypto.randomBytes(16).toString('base64url');
		for (const bad of [
			undefined,
			'',
			id,
			`${id}.`,
			`.${signDevice(secret, id)}`,
			`${otherId}.${signDevice(secret, id)}`,
			`${id}.${signDevice(other, id)}`,
			`${id}.${signDevice(secret, id)}.x`,
			`${id}x.${signDevice(secret, `${id}x`)}`,
			`${token}${'A'.repeat(100)}`
		]) {
			expect(verifyDeviceToken(secret, bad), String(bad)).toBeNull();
		}
	});
});
