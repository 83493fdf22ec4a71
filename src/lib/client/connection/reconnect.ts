// How the page's socket retries a lost connection (socket.io-client's Manager options), on
// its own so that the benchmark's simulated attendees retry exactly like the page.

/** First retry after ~1 s, doubling up to 30 s, each delay ±50 % at random. */
export const RECONNECT = {
	reconnectionDelay: 1_000,
	reconnectionDelayMax: 30_000,
	randomizationFactor: 0.5
} as const;
