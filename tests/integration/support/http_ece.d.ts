// The part of http_ece (a dependency of web-push) the push tests use to read a payload.
declare module 'http_ece' {
	import type { ECDH } from 'node:crypto';
	const ece: {
		decrypt(
			buffer: Buffer,
			params: { version: 'aes128gcm'; privateKey: ECDH; authSecret: Buffer }
		): Buffer;
	};
	export default ece;
}
