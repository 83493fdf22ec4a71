// The protocol version on its own, so that the browser can send it in the handshake without
// loading the zod catalog of protocol.ts (which re-exports it).

/** Bumped whenever a change to protocol.ts would break an older client. */
export const PROTOCOL_VERSION = 3;
