// Coalesces bursts of changes per key into at most one flush every `intervalMs`: the first
// change after a quiet interval flushes at once (leading edge); changes during the interval
// that follows are flushed together when it ends (trailing edge). Time comes only from the
// injected scheduler, so tests drive it by hand. `flush` receives the latest value touched.
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

	constructor(
		private readonly intervalMs: number,
		private readonly flush: (key: string, value: V) => void,
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
		this.flush(key, value);
		this.cool(key, value);
	}

	/** Drops every pending flush (shutting down). */
	close(): void {
		for (const entry of this.cooling.values()) this.scheduler.clearTimeout(entry.handle);
		this.cooling.clear();
	}

	private cool(key: string, value: V): void {
		const entry: Entry<V> = { handle: undefined, dirty: false, value };
		entry.handle = this.scheduler.setTimeout(() => {
			this.cooling.delete(key);
			if (!entry.dirty) return;
			this.flush(key, entry.value);
			this.cool(key, entry.value);
		}, this.intervalMs);
		this.cooling.set(key, entry);
	}
}
