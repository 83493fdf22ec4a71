import { describe, expect, it } from 'vitest';
import { estimateOffset } from '../../src/lib/client/connection/clock-math.ts';

describe('estimateOffset', () => {
	it('takes the offset from the midpoint of the round trip with the smallest rtt', () => {
		const estimate = estimateOffset([
			{ t0: 1_000, t1: 1_400, serverNow: 421_000 },
			{ t0: 2_000, t1: 2_040, serverNow: 422_120 },
			{ t0: 3_000, t1: 3_200, serverNow: 423_000 }
		]);
		expect(estimate).toEqual({ offsetMs: 420_100, errorMs: 20 });
	});

	it('gives a negative offset for a device clock that runs ahead of the server', () => {
		const ahead = 3 * 60_000;
		const estimate = estimateOffset([
			{ t0: 10_000 + ahead, t1: 10_010 + ahead, serverNow: 10_005 }
		]);
		expect(estimate).toEqual({ offsetMs: -ahead, errorMs: 5 });
	});

	it('has no estimate without a usable sample', () => {
		expect(estimateOffset([])).toBeNull();
		expect(estimateOffset([{ t0: 5_000, t1: 4_000, serverNow: 9_000 }])).toBeNull();
	});
});
