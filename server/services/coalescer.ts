// Coalesces bursts of changes per key into at most one flush every `intervalMs`: the first
// change after a quiet interval flushes at once (leading edge); changes during the interval
// that follows are flushed together when it ends (trailing edge). Time comes only from the
// injected scheduler, so tests drive it by hand. `flush` receives the value touched, or, when
// several were touched during one interval, what `merge` made of them (by default the latest).
// The interval may be a function, read each time an interval starts; when `flush` returns a
// promise, the interval starts once it settles (so it can depend on what the flush cost).
// Once closed, a coalescer flushes nothing more.
export type Scheduler = {
	setTimeout(run: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
};

export const realScheduler: Scheduler = {
	setTimeout: (run, ms) => setTimeout(run, ms),
	clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
};

type Entry<V> = { handle: unknown; dirty: boolean; value: V };

export class Coalescer<V> {
	private readonly cooling = new Map<string, Entry<V>>();
	private closed = false;

	constructor(
		private readonly intervalMs: number | (() => number),
		private readonly flush: (key: string, value: V) => void | Promise<void>,
		private readonly scheduler: Scheduler = realScheduler,
		private readonly merge: (held: V, touched: V) => V = (_held, touched) => touched
	) {}

	/** Records a change of `key`; flushes now or at the end of the current interval. */
	touch(key: string, value: V): void {
		if (this.closed) return;
		const entry = this.cooling.get(key);
		if (entry) {
			entry.value = entry.dirty ? this.merge(entry.value, value) : value;
			entry.dirty = true;
			return;
		}
		this.cool(key, value, this.flush(key, value));
	}

	/** Drops every pending flush and ignores later changes (shutting down). */
	close(): void {
		this.closed = true;
		for (const entry of this.cooling.values()) this.scheduler.clearTimeout(entry.handle);
		this.cooling.clear();
	}

	private cool(key: string, value: V, flushed: void | Promise<void>): void {
		const entry: Entry<V> = { handle: undefined, dirty: false, value };
		this.cooling.set(key, entry);
		const start = () => {
			if (this.closed) return;
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
