// The server's notion of "now", in UTC epoch ms. Injected everywhere time matters so that
// tests drive it explicitly instead of patching Date.
export type Clock = { now(): number };

export const systemClock: Clock = { now: () => Date.now() };

/** Waits `ms` (a duration); injected so that tests do not wait for real. */
export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
