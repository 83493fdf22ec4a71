// The driver's side of the load generators: forks one or two generator processes, splits
// each crowd (or the writers) between them, and merges their answers. Replies are validated.
import { fork, type ChildProcess } from 'node:child_process';
import { pin } from '../cpus.ts';
import { track } from '../proc.ts';
import { Reply, results, type Crowd, type Request, type RequestType, type Results } from './ipc.ts';
import type { WriteJob } from './writers.ts';

const GENERATOR = new URL('./generator.ts', import.meta.url).pathname;

type Pending = { resolve(value: unknown): void; reject(err: Error): void; type: RequestType };

class Generator {
	private nextId = 1;
	private readonly pending = new Map<number, Pending>();

	constructor(readonly child: ChildProcess) {
		child.on('message', (raw: unknown) => {
			const reply = Reply.safeParse(raw);
			if (!reply.success) return;
			const waiting = this.pending.get(reply.data.id);
			if (!waiting) return;
			this.pending.delete(reply.data.id);
			if (!reply.data.ok) return waiting.reject(new Error(reply.data.error));
			const parsed = results[waiting.type].safeParse(reply.data.result);
			if (parsed.success) waiting.resolve(parsed.data);
			else waiting.reject(new Error(`bad ${waiting.type} reply: ${parsed.error.message}`));
		});
		child.once('exit', (code) => {
			for (const p of this.pending.values()) p.reject(new Error(`generator exited (${code})`));
			this.pending.clear();
		});
	}

	request<T extends RequestType>(request: Extract<Request, { type: T }>): Promise<Results[T]> {
		const id = this.nextId++;
		return new Promise((resolve, reject) => {
			this.pending.set(id, {
				resolve: resolve as (v: unknown) => void,
				reject,
				type: request.type
			});
			this.child.send({ id, request });
		});
	}
}

/** n split as evenly as possible into `parts` counts. */
const split = (n: number, parts: number) =>
	Array.from({ length: parts }, (_, i) => Math.floor(n / parts) + (i < n % parts ? 1 : 0));

export class LoadPool {
	private constructor(private readonly generators: Generator[]) {}

	/** `cpus`: where the generators run (bench/cpus.ts); anywhere when unset */
	static start(count: number, deadlineMs: number, cpus?: string): LoadPool {
		const generators = Array.from({ length: count }, () => {
			const child = fork(GENERATOR, [], {
				execArgv: ['--import', 'tsx', '--expose-gc'],
				serialization: 'advanced',
				env: { ...process.env, BENCH_DEADLINE_MS: String(deadlineMs) },
				stdio: ['ignore', 'inherit', 'inherit', 'ipc']
			});
			track(child);
			if (cpus && child.pid) pin(child.pid, cpus);
			return new Generator(child);
		});
		return new LoadPool(generators);
	}

	get pids(): number[] {
		return this.generators.map((g) => g.child.pid ?? -1);
	}

	private all<T extends RequestType>(request: Extract<Request, { type: T }>) {
		return Promise.all(this.generators.map((g) => g.request<T>(request)));
	}

	/** Opens `total` attendees of crowd `crowdId` in batches, split between the generators. */
	async connect(crowdId: string, crowd: Crowd, total: number, batch: number, pauseMs: number) {
		const parts = split(total, this.generators.length);
		const each = await Promise.all(
			this.generators.map((g, i) =>
				g.request<'connect'>({
					type: 'connect',
					crowdId,
					crowd,
					count: parts[i]!,
					batch: Math.max(1, Math.round(batch / this.generators.length)),
					pauseMs,
					timeoutMs: 60_000
				})
			)
		);
		return {
			joined: sum(each.map((r) => r.joined)),
			failed: sum(each.map((r) => r.failed)),
			ms: Math.max(...each.map((r) => r.ms))
		};
	}

	/** From now on the attendees of `crowdId` keep their receipts of `watch` (load/keys.ts). */
	async watch(crowdId: string, watch: string): Promise<void> {
		await this.all<'watch'>({ type: 'watch', crowdId, watch });
	}

	/** Receipt times (µs) of `key` at every attendee that got it within the timeout. */
	async collect(crowdId: string, key: string, timeoutMs: number) {
		const each = await this.all<'collect'>({ type: 'collect', crowdId, key, timeoutMs });
		return { times: each.flatMap((r) => r.times), expected: sum(each.map((r) => r.expected)) };
	}

	async countEvents(crowdId: string): Promise<number> {
		const each = await this.all<'count-events'>({ type: 'count-events', crowdId });
		return sum(each.map((r) => r.events));
	}

	async armStorm(crowdId: string, expectVersion: number | null): Promise<void> {
		await this.all<'storm-arm'>({ type: 'storm-arm', crowdId, expectVersion });
	}

	async stormResult(crowdId: string, timeoutMs: number) {
		const each = await this.all<'storm-wait'>({ type: 'storm-wait', crowdId, timeoutMs });
		return {
			connected: each.flatMap((r) => r.connected),
			settled: each.flatMap((r) => r.settled),
			synced: each.flatMap((r) => r.synced),
			attempts: each.flatMap((r) => r.attempts),
			errors: mergeCounts(each.map((r) => r.errors)),
			stale: sum(each.map((r) => r.stale)),
			unsettled: sum(each.map((r) => r.unsettled)),
			expected: sum(each.map((r) => r.expected))
		};
	}

	/** Runs job.writers closed-loop writers, split between the generators. */
	async write(job: WriteJob) {
		const parts = split(job.writers, this.generators.length);
		const each = await Promise.all(
			this.generators
				.map((g, i) => [g, parts[i]!] as const)
				.filter(([, writers]) => writers > 0)
				.map(([g, writers]) => g.request<'write'>({ type: 'write', ...job, writers }))
		);
		return {
			latenciesMs: each.flatMap((r) => r.latenciesMs),
			errors: mergeCounts(each.map((r) => r.errors)),
			elapsedMs: Math.max(...each.map((r) => r.elapsedMs))
		};
	}

	/**
	 * Between triggers: each generator runs a full garbage collection if its heap grew
	 * (bench/load/heap.ts), so that V8 does not start one while the next trigger is measured.
	 */
	async settleHeaps(): Promise<Results['settle-heap'][]> {
		return this.all<'settle-heap'>({ type: 'settle-heap' });
	}

	async disconnect(crowdId: string): Promise<void> {
		await this.all<'disconnect'>({ type: 'disconnect', crowdId });
	}

	close(): void {
		for (const g of this.generators) g.child.kill('SIGKILL');
	}
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** Counts by key, added up over several records. */
function mergeCounts(records: Record<string, number>[]): Record<string, number> {
	const merged: Record<string, number> = {};
	for (const record of records) {
		for (const [key, n] of Object.entries(record)) merged[key] = (merged[key] ?? 0) + n;
	}
	return merged;
}
