// The load generators' own garbage collection, kept out of the measured windows. A
// generator holding 10,000 attendees has an old generation of 200–350 MB; each trigger's
// receipts outlive a few scavenges and are promoted, so every few triggers V8 started a full
// collection of its own, whose concurrent marking shares the generators' one core: it put
// 0.2–1 s on whichever trigger it fell in, Dais's or the baseline's, at random. Between
// triggers, when nothing is measured, the driver asks each generator to settle: a full
// collection (node --expose-gc) once the old generation has grown since the last one.
import v8 from 'node:v8';

/** Growth of the old generation since the last collection that makes a settle collect. */
export const SETTLE_GROWTH = { bytes: 8 * 1024 * 1024, fraction: 0.05 };

/** Whether the old generation (`now`, bytes) grew enough since `after` the last collection. */
export function dueForCollection(now: number, after: number): boolean {
	return now - after >= Math.max(SETTLE_GROWTH.bytes, after * SETTLE_GROWTH.fraction);
}

const oldSpaceUsed = (): number =>
	v8.getHeapSpaceStatistics().find((s) => s.space_name === 'old_space')?.space_used_size ?? 0;

type Settled = { collected: boolean; ms: number };

export class HeapSettler {
	private after = 0;

	constructor(
		private readonly collect: (() => void) | undefined,
		private readonly used: () => number = oldSpaceUsed
	) {}

	/** Collects if due; says whether it did and how long it took (ms). */
	settle(): Settled {
		if (!this.collect) throw new Error('no gc(): start the generator with node --expose-gc');
		if (!dueForCollection(this.used(), this.after)) return { collected: false, ms: 0 };
		const t0 = performance.now();
		this.collect();
		this.after = this.used();
		return { collected: true, ms: performance.now() - t0 };
	}
}
