import { afterAll, describe, expect, it } from 'vitest';
import { LoadPool } from '../../bench/load/pool.ts';

describe('the load generators', () => {
	const pool = LoadPool.start(2, 60_000);
	afterAll(() => pool.close());

	it('settle their heaps between triggers: each has gc() and answers', async () => {
		const settled = await pool.settleHeaps();
		expect(settled).toHaveLength(2);
		for (const s of settled) {
			expect(typeof s.collected).toBe('boolean');
			expect(s.ms).toBeGreaterThanOrEqual(0);
		}
		// an idle generator has not grown since: nothing to collect
		const again = await pool.settleHeaps();
		expect(again.map((s) => s.collected)).toEqual([false, false]);
	}, 30_000);
});
