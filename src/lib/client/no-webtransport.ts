// Stands in for engine.io-client's WebTransport transport in the browser bundle (vite.config.ts
// aliases it here): Dais connects over websocket or polling only (connection.svelte.ts), and
// the real transport with its stream codecs would cost the attendee page about 1 KB gzipped.
export class WT {
	constructor() {
		throw new Error('Dais does not bundle the WebTransport transport');
	}
}
