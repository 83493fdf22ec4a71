// Scenario 6: with the crowds connected and nothing happening, how much CPU each server
// uses (from /proc: user + system time over one shared window) and how many events its
// attendees get (Socket.IO's heartbeats are engine-level packets, not events, so they are
// not counted). A countdown must cost nothing: Dais never ticks, so the count must be zero.
import { sleep } from '../load/recorder.ts';
import { cpuSeconds } from '../proc.ts';
import type { TargetName } from '../targets.ts';
import type { Stage } from './stage.ts';

export type Idle = {
	seconds: number;
	/** % of one core */
	cpuPercent: number;
	cpuSecondsPerMinute: number;
	/** events received by all attendees during the window */
	events: number;
};

const SETTLE_MS = 2000;

export async function idleCost(stages: readonly Stage[], seconds: number) {
	await sleep(SETTLE_MS);
	for (const s of stages) await s.pool.countEvents(s.target.name);
	const before = stages.map((s) => cpuSeconds(s.target.server().pid));
	const t0 = performance.now();
	await sleep(seconds * 1000);
	const after = stages.map((s) => cpuSeconds(s.target.server().pid));
	const wall = (performance.now() - t0) / 1000;
	const result = new Map<TargetName, Idle>();
	for (const [i, s] of stages.entries()) {
		const cpu = after[i]! - before[i]!;
		result.set(s.target.name, {
			seconds: wall,
			cpuPercent: (100 * cpu) / wall,
			cpuSecondsPerMinute: (60 * cpu) / wall,
			events: await s.pool.countEvents(s.target.name)
		});
	}
	return result;
}
