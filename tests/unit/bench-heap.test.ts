import { describe, expect, it } from 'vitest';
import { dueForCollection, HeapSettler, SETTLE_GROWTH } from '../../bench/load/heap.ts';

const MB = 1024 * 1024;

describe('dueForCollection', () => {
	it('waits for 8 MB of growth on a small old generation', () => {
		expect(SETTLE_GROWTH.bytes).toBe(8 * MB);
		expect(dueForCollection(40 * MB + 8 * MB - 1, 40 * MB)).toBe(false);
		expect(dueForCollection(40 * MB + 8 * MB, 40 * MB)).toBe(true);
	});

	it('waits for 5 % of growth on a large one', () => {
		expect(dueForCollection(400 * MB + 19 * MB, 400 * MB)).toBe(false);
		expect(dueForCollection(400 * MB + 20 * MB, 400 * MB)).toBe(true);
	});

	it('never collects a heap that shrank', () => {
		expect(dueForCollection(100 * MB, 300 * MB)).toBe(false);
	});
});

describe('HeapSettler', () => {
	/** A heap whose old generation the test grows; a collection leaves `live` of it. */
	function fakeHeap(live: number) {
		const heap = { used: live, collections: 0 };
		const collect = () => {
			heap.collections++;
			heap.used = live;
		};
		return { heap, settler: new HeapSettler(collect, () => heap.used) };
	}

	it('collects once the old generation grew, and not again until it grows again', () => {
		const { heap, settler } = fakeHeap(200 * MB);
		expect(settler.settle().collected).toBe(true);
		expect(heap.collections).toBe(1);
		heap.used += 5 * MB;
		expect(settler.settle()).toEqual({ collected: false, ms: 0 });
		heap.used += 6 * MB;
		const settled = settler.settle();
		expect(settled.collected).toBe(true);
		expect(settled.ms).toBeGreaterThanOrEqual(0);
		expect(heap.collections).toBe(2);
	});

	it('measures growth from what the last collection left, not from what was there before', () => {
		const { heap, settler } = fakeHeap(100 * MB);
		heap.used = 300 * MB;
		settler.settle();
		expect(heap.used).toBe(100 * MB);
		heap.used += 8 * MB;
		expect(settler.settle().collected).toBe(true);
	});

	it('refuses to run without gc(), so that a generator started without --expose-gc is noticed', () => {
		expect(() => new HeapSettler(undefined, () => 100 * MB).settle()).toThrow(/--expose-gc/);
	});
});
