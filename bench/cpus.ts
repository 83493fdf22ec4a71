// Where the benchmark's processes run. Unpinned on a 2-core machine, the server under test
// and the load generator that reads its broadcast often shared one core while the other
// idled: a server's write to a socket wakes the reader on the writer's core (the kernel's
// wake-affine placement), and the two then took turns in 1-4 ms slices in the middle of a
// broadcast (seen with `perf sched timehist`). That put 1-4 ms of the scheduler's doing into
// a 20 ms fan-out, at random, so the ratios at 1,000 attendees measured chance. Pinned, every
// server under test runs on one CPU (one at a time is ever busy: triggers alternate) and the
// driver and the load generators on the rest, as a server and its audience's phones never
// share a processor. The servers get the CPU that takes the machine's device interrupts
// (here every completion of the disk, virtio1-req.0, lands on CPU 1): a server's fsync then
// interrupts the server, which waits for it anyway, and not the clients while they read a
// broadcast. `taskset` comes with util-linux.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

export type Placement = { servers: string; clients: string };

/** The CPUs this process may use, from /proc/self/status (e.g. "0-1", "0,2-3"). */
export function allowedCpus(status = fs.readFileSync('/proc/self/status', 'utf8')): number[] {
	const list = /^Cpus_allowed_list:\s*(\S+)$/m.exec(status)?.[1] ?? '';
	return list
		.split(',')
		.filter(Boolean)
		.flatMap((part) => {
			const [from, to = from] = part.split('-').map(Number);
			return Array.from({ length: to! - from! + 1 }, (_, i) => from! + i);
		});
}

/**
 * Device interrupts each CPU has handled, from /proc/interrupts: the numbered lines (disk and
 * network queues), not the per-CPU timer and IPI lines.
 */
export function deviceInterrupts(text: string): Map<number, number> {
	const [header = '', ...lines] = text.split('\n');
	const cpus = header
		.trim()
		.split(/\s+/)
		.map((name) => Number(/^CPU(\d+)$/.exec(name)?.[1]));
	const counts = new Map<number, number>();
	for (const line of lines) {
		const fields = line.trim().split(/\s+/);
		if (!/^\d+:$/.test(fields[0] ?? '')) continue;
		cpus.forEach((cpu, i) => {
			const n = Number(fields[i + 1]);
			if (Number.isInteger(cpu) && Number.isFinite(n)) counts.set(cpu, (counts.get(cpu) ?? 0) + n);
		});
	}
	return counts;
}

/**
 * The servers on the allowed CPU that has taken the most device interrupts (the first one if
 * none has), the clients on the others; null with fewer than two CPUs.
 */
export function placement(
	cpus: readonly number[],
	interrupts: ReadonlyMap<number, number> = new Map()
): Placement | null {
	if (cpus.length < 2) return null;
	const busiest = cpus.reduce((best, cpu) =>
		(interrupts.get(cpu) ?? 0) > (interrupts.get(best) ?? 0) ? cpu : best
	);
	return { servers: String(busiest), clients: cpus.filter((c) => c !== busiest).join(',') };
}

/** This machine's placement (see placement). */
export function machinePlacement(): Placement | null {
	let interrupts = new Map<number, number>();
	try {
		interrupts = deviceInterrupts(fs.readFileSync('/proc/interrupts', 'utf8'));
	} catch {
		// no /proc/interrupts: the first CPU will do
	}
	return placement(allowedCpus(), interrupts);
}

/** Every thread of `pid` onto `cpus` (threads it starts later inherit it). */
export function pin(pid: number, cpus: string): void {
	execFileSync('taskset', ['--all-tasks', '--cpu-list', '--pid', cpus, String(pid)], {
		stdio: 'ignore'
	});
}

/** Whether `taskset` can be run here. */
export function canPin(): boolean {
	try {
		execFileSync('taskset', ['--version'], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}
