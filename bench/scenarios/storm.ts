// Scenario 5: SIGKILL a server with its crowd connected, start it again on the same port
// and data, and time until every attendee has rejoined and holds the current snapshot
// (Dais: the timer version of the last change before the kill; a stale one is counted),
// then until their clock syncs are done. CPU is the new server's, from /proc.
import { TIMER_WATCH } from '../load/keys.ts';
import { cpuSeconds, listenOverflows } from '../proc.ts';
import { summarize, type Summary } from '../stats.ts';
import type { Skipped, Stage } from './stage.ts';

const STORM_TIMEOUT_MS = 90_000;

export type Storm = {
	/** ms from the kill until the new server answered HTTP */
	restartMs: number;
	/** ms from the kill until each attendee was connected again */
	reconnected: Summary;
	/** ms from the kill until each attendee held the current snapshot */
	settled: Summary;
	/** ms from the new server's readiness until the last attendee held it */
	settledAfterReadyMs: number;
	/** ms from the kill until the last attendee was done (list answered, clock synced) */
	syncedMs: number;
	stale: number;
	unsettled: number;
	/** connections dropped by full accept queues (machine-wide) from the kill to the end */
	listenOverflows: number;
	/** CPU seconds of the new server while starting, and from ready to the last sync */
	startupCpuSeconds: number;
	stormCpuSeconds: number;
	/** stormCpuSeconds over that wall time, % of one core */
	stormCpuPercent: number;
	/** connection attempts per attendee from the kill until it was connected again */
	attempts: Summary;
	/** failed attempts by error message (the port closed, a timeout, a refused handshake) */
	errors: Record<string, number>;
	/** CPU seconds of the load generators from the kill to the end, and % of one core */
	clientCpuSeconds: number;
	clientCpuPercent: number;
};

export async function reconnectStorm(stage: Stage): Promise<Storm | Skipped> {
	const { target, pool } = stage;
	if (target.kind === 'ws') return { skipped: 'raw ws clients do not reconnect' };
	await pool.watch(target.name, TIMER_WATCH);
	const fired = await target.trigger.extend();
	await pool.collect(target.name, fired.key, 30_000);
	const { version } = await target.trigger.prepare();
	await pool.settleHeaps();
	// a baseline forgets its state on restart: any snapshot is current there
	await pool.armStorm(target.name, target.name === 'dais' ? version : null);
	const overflows = listenOverflows();
	const clientCpu = () => pool.pids.reduce((total, p) => total + cpuSeconds(p), 0);
	const clientCpuBefore = clientCpu();
	const restarted = await target.restart();
	const pid = target.server().pid;
	const startupCpuSeconds = cpuSeconds(pid);
	const result = await pool.stormResult(target.name, STORM_TIMEOUT_MS);
	const endCpu = cpuSeconds(pid);
	const clientCpuSeconds = clientCpu() - clientCpuBefore;
	const dropped = listenOverflows() - overflows;
	const lastSynced = Math.max(...result.synced, restarted.readyAt);
	const lastSettled = Math.max(...result.settled, restarted.readyAt);
	const stormWallS = (lastSynced - restarted.readyAt) / 1e6;
	const fromKill = (t: number) => (t - restarted.killedAt) / 1000;
	return {
		restartMs: fromKill(restarted.readyAt),
		reconnected: summarize(result.connected.map(fromKill)),
		settled: summarize(result.settled.map(fromKill)),
		settledAfterReadyMs: (lastSettled - restarted.readyAt) / 1000,
		syncedMs: fromKill(lastSynced),
		stale: result.stale,
		unsettled: result.unsettled,
		listenOverflows: dropped,
		startupCpuSeconds,
		stormCpuSeconds: endCpu - startupCpuSeconds,
		stormCpuPercent:
			stormWallS > 0 ? (100 * (endCpu - startupCpuSeconds)) / stormWallS : Number.NaN,
		attempts: summarize(result.attempts),
		errors: result.errors,
		clientCpuSeconds,
		clientCpuPercent: (100 * clientCpuSeconds) / ((lastSynced - restarted.killedAt) / 1e6)
	};
}
