// Preloaded (node --import) into every server the benchmark starts, Dais included, so that
// no server outlives the run: it exits when its parent (the driver) is gone, or at
// BENCH_DEADLINE_MS after start. One cheap check a second; the timers never keep it alive.
// Started with --expose-gc, SIGUSR2 runs a full garbage collection and then prints one
// `bench:memory {json}` line of process.memoryUsage() on stderr, for the memory scenario.
const parent = process.ppid;
const deadline = Number(process.env.BENCH_DEADLINE_MS ?? 0);

setInterval(() => {
	if (process.ppid !== parent) process.exit(3);
}, 1000).unref();
if (deadline > 0) setTimeout(() => process.exit(4), deadline).unref();

const gc = (globalThis as { gc?: () => void }).gc;
if (gc) {
	process.on('SIGUSR2', () => {
		gc();
		gc();
		process.stderr.write(`bench:memory ${JSON.stringify(process.memoryUsage())}\n`);
	});
}

export {};
