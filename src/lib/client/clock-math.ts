// NTP-style clock offset estimation (DESIGN §4), pure. A sample is one clock:ping round
// trip: t0 and t1 are device epoch ms when the ping left and the pong arrived, serverNow is
// the server's epoch ms in the pong. offset = serverNow - (t0 + t1) / 2, error = rtt / 2.

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
