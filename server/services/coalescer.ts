// Coalesces bursts of changes per key into at most one flush every `intervalMs`: the first
// change after a quiet interval flushes at once (leading edge); changes during the interval
// that follows are flushed together when it ends (trailing edge). Time comes only from the
// injected scheduler, so tests drive it by hand. `flush` receives the latest value touched.
// The interval may be a function, read each time an interval starts; when `flush` returns a
// promise, the interval starts once it settles (so it can depend on what the flush cost).
export type Scheduler = {
	setTimeout(run: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
};

export const realScheduler: Scheduler = {
	setTimeout: (run, ms) => setTimeout(run, ms),
	clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
};

type Entry<V> = { handle: unknown; dirty: boolean; value: V; closed: boolean };

export class Coalescer<V> {
	private readonly cooling = new Map<string, Entry<V>>();

	constructor(
		private readonly intervalMs: number | (() => number),
		private readonly flush: (key: string, value: V) => void | Promise<void>,
		private readonly scheduler: Scheduler = realScheduler
	) {}

	/** Records a change of `key`; flushes now or at the end of the current interval. */
	touch(key: string, value: V): void {
		const entry = this.cooling.get(key);
		if (entry) {
			entry.dirty = true;
			entry.value = value;
			return;
		}
		this.cool(key, value, this.flush(key, value));
	}

	/** Drops every pending flush (shutting down). */
	close(): void {
		for (const entry of this.cooling.values()) {
			entry.closed = true;
			this.scheduler.clearTimeout(entry.handle);
		}
		this.cooling.clear();
	}

	private cool(key: string, value: V, flushed: void | Promise<void>): void {
		const entry: Entry<V> = { handle: undefined, dirty: false, value, closed: false };
		this.cooling.set(key, entry);
		const start = () => {
			if (entry.closed) return;
			entry.handle = this.scheduler.setTimeout(
				() => {
					this.cooling.delete(key);
					if (!entry.dirty) return;
					this.cool(key, entry.value, this.flush(key, entry.value));
				},
				typeof this.intervalMs === 'number' ? this.intervalMs : this.intervalMs()
			);
		};
		if (flushed instanceof Promise) void flushed.then(start, start);
		else start();
	}
}
