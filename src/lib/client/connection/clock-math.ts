// NTP-style clock offset estimation (DESIGN §4), pure. A sample is one clock:ping round
// trip: t0 and t1 are device epoch ms when the ping left and the pong arrived, serverNow is
// the server's epoch ms in the pong. offset = serverNow - (t0 + t1) / 2, error = rtt / 2.
// An offset holds until the device clock is set or the device sleeps (seen against the
// monotonic clock), or until RESYNC_MS have passed (device clocks drift by well under 0.1 s
// in that time), so an idle page costs the server a few pings an hour.

/** How long a measured offset is trusted before the page measures again. */
export const RESYNC_MS = 30 * 60_000;
/** How far the device clock may move against the monotonic clock before the offset is stale. */
export const CLOCK_JUMP_MS = 1_000;

/** One reading of the device clock (epoch ms) and the monotonic clock (ms) together. */
export type ClockReading = { wall: number; mono: number };

export type ClockSample = { t0: number; t1: number; serverNow: number };
export type ClockEstimate = { offsetMs: number; errorMs: number };

/** The estimate from the sample with the smallest round trip, or null when there is none. */
export function estimateOffset(samples: readonly ClockSample[]): ClockEstimate | null {
	let best: ClockSample | undefined;
	for (const s of samples) {
		if (s.t1 < s.t0) continue;
		if (!best || s.t1 - s.t0 < best.t1 - best.t0) best = s;
	}
	if (!best) return null;
	const rtt = best.t1 - best.t0;
	return { offsetMs: Math.round(best.serverNow - (best.t0 + best.t1) / 2), errorMs: rtt / 2 };
}

/** Whether an offset measured at `synced` should be measured again at `now`. */
export function offsetStale(synced: ClockReading, now: ClockReading): boolean {
	const jumped = Math.abs(now.wall - now.mono - (synced.wall - synced.mono)) > CLOCK_JUMP_MS;
	return jumped || now.wall - synced.wall >= RESYNC_MS;
}
