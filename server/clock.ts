// The server's notion of "now", in UTC epoch ms. Injected everywhere time matters so that
// tests drive it explicitly instead of patching Date.
export type Clock = { now(): number };

export const systemClock: Clock = { now: () => Date.now() };
