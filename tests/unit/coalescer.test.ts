import { describe, expect, it } from 'vitest';
import { Coalescer, type Scheduler } from '../../server/services/coalescer.ts';

/** A hand-driven clock: timers fire only when the test advances time. */
class ManualScheduler implements Scheduler {
	now = 0;
	private timers = new Map<number, { at: number; run: () => void }>();
	private next = 0;
	setTimeout(run: () => void, ms: number): unknown {
		const id = this.next++;
		this.timers.set(id, { at: this.now + ms, run });
		return id;
	}
	clearTimeout(handle: unknown): void {
		this.timers.delete(handle as number);
	}
	advance(ms: number): void {
		const end = this.now + ms;
		for (;;) {
			const due = [...this.timers.entries()]
				.filter(([, t]) => t.at <= end)
				.sort((x, y) => x[1].at - y[1].at)[0];
			if (!due) break;
			this.timers.delete(due[0]);
			this.now = due[1].at;
			due[1].run();
		}
		this.now = end;
	}
	get pending(): number {
		return this.timers.size;
	}
}

function world() {
	const scheduler = new ManualScheduler();
	const flushed: [number, string, number][] = [];
	const coalescer = new Coalescer<number>(
		250,
		(key, value) => void flushed.push([scheduler.now, key, value]),
		scheduler
	);
	return { scheduler, flushed, coalescer };
}

describe('coalescing vote broadcasts', () => {
	it('flushes the first change at once and a burst after it once, at the end of the interval', () => {
		const { scheduler, flushed, coalescer } = world();
		coalescer.touch('s1', 1);
		for (let i = 2; i <= 100; i++) {
			scheduler.advance(1);
			coalescer.touch('s1', i);
		}
		scheduler.advance(1000);
		expect(flushed).toEqual([
			[0, 's1', 1],
			[250, 's1', 100]
		]);
		expect(scheduler.pending).toBe(0);
	});

	it('never flushes a key twice within one interval however long the burst lasts', () => {
		const { scheduler, flushed, coalescer } = world();
		for (let t = 0; t < 1000; t += 10) {
			coalescer.touch('s1', t);
			scheduler.advance(10);
		}
		scheduler.advance(1000);
		expect(flushed.map(([at]) => at)).toEqual([0, 250, 500, 750, 1000]);
		expect(flushed.at(-1)).toEqual([1000, 's1', 990]);
	});

	it('keeps keys apart, and flushes at once again after a quiet interval', () => {
		const { scheduler, flushed, coalescer } = world();
		coalescer.touch('s1', 1);
		coalescer.touch('s2', 1);
		scheduler.advance(300);
		coalescer.touch('s1', 2);
		expect(flushed).toEqual([
			[0, 's1', 1],
			[0, 's2', 1],
			[300, 's1', 2]
		]);
	});

	it('starts the interval once an async flush settles, and reads its length then', async () => {
		const scheduler = new ManualScheduler();
		const flushed: number[] = [];
		let interval = 250;
		let finish: () => void = () => undefined;
		const coalescer = new Coalescer<number>(
			() => interval,
			() => {
				flushed.push(scheduler.now);
				return new Promise<void>((resolve) => (finish = resolve));
			},
			scheduler
		);
		coalescer.touch('s1', 1);
		coalescer.touch('s1', 2);
		scheduler.advance(1000);
		expect(flushed).toEqual([0]);
		expect(scheduler.pending).toBe(0);
		interval = 600;
		finish();
		await Promise.resolve();
		scheduler.advance(599);
		expect(flushed).toEqual([0]);
		scheduler.advance(1);
		expect(flushed).toEqual([0, 1600]);
	});

	it('drops pending flushes when closed, and flushes nothing touched after', () => {
		const { scheduler, flushed, coalescer } = world();
		coalescer.touch('s1', 1);
		coalescer.touch('s1', 2);
		coalescer.close();
		coalescer.touch('s2', 3);
		scheduler.advance(1000);
		expect(flushed).toEqual([[0, 's1', 1]]);
		expect(scheduler.pending).toBe(0);
	});

	it('merges what was touched during an interval, and starts afresh after each flush', () => {
		const scheduler = new ManualScheduler();
		const flushed: string[][] = [];
		const coalescer = new Coalescer<string[]>(
			250,
			(_key, value) => void flushed.push(value),
			scheduler,
			(held, touched) => [...held, ...touched]
		);
		coalescer.touch('s1', ['a']);
		coalescer.touch('s1', ['b']);
		coalescer.touch('s1', ['c']);
		scheduler.advance(250);
		coalescer.touch('s1', ['d']);
		scheduler.advance(250);
		expect(flushed).toEqual([['a'], ['b', 'c'], ['d']]);
	});
});
