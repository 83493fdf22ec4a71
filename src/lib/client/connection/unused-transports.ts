// Stand in for engine.io-client's WebTransport and long-polling transports in the browser
// bundle (vite.config.ts resolves their imports here): Dais connects over websocket only
// (connection.svelte.ts), and the real transports would cost the attendee page about 2 KB
// gzipped.
export class WT {
	constructor() {
		throw new Error('Dais does not bundle the WebTransport transport');
	}
}

export class XHR {
	constructor() {
		throw new Error('Dais does not bundle the long-polling transport');
	}
}

export class Fetch {
	constructor() {
		throw new Error('Dais does not bundle the fetch long-polling transport');
	}
}
