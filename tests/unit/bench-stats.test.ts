import { describe, expect, it } from 'vitest';
import { median, percentile, ratio, spread, summarize } from '../../bench/stats.ts';

describe('percentile (nearest rank)', () => {
	const hundred = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted

	it('takes the smallest value with at least p % of the sample at or below it', () => {
		expect(percentile(hundred, 50)).toBe(50);
		expect(percentile(hundred, 99)).toBe(99);
		expect(percentile(hundred, 100)).toBe(100);
		expect(percentile(hundred, 1)).toBe(1);
	});

	it('rounds the rank up, so a p99 of ten values is the largest', () => {
		const ten = [5, 1, 9, 3, 7, 2, 8, 4, 10, 6];
		expect(percentile(ten, 99)).toBe(10);
		expect(percentile(ten, 50)).toBe(5);
		expect(percentile(ten, 51)).toBe(6);
	});

	it('gives the only value of a one-value sample for every p', () => {
		expect(percentile([42], 0.1)).toBe(42);
		expect(percentile([42], 99)).toBe(42);
	});

	it('is NaN for an empty sample and refuses p outside (0, 100]', () => {
		expect(percentile([], 50)).toBeNaN();
		expect(() => percentile([1], 0)).toThrow(RangeError);
		expect(() => percentile([1], 101)).toThrow(RangeError);
	});

	it('leaves the sample as it was', () => {
		const sample = [3, 1, 2];
		percentile(sample, 50);
		expect(sample).toEqual([3, 1, 2]);
	});
});

describe('summarize', () => {
	it('reports count, min, p50, p99 and max', () => {
		const sample = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1000); // 0..999 shuffled
		expect(summarize(sample)).toEqual({ count: 1000, min: 0, p50: 499, p99: 989, max: 999 });
	});

	it('has NaN statistics for an empty sample', () => {
		expect(summarize([])).toEqual({
			count: 0,
			min: NaN,
			p50: NaN,
			p99: NaN,
			max: NaN
		});
	});
});

describe('median and spread over runs', () => {
	it('takes the middle run, or the mean of the middle two', () => {
		expect(median([30, 10, 20])).toBe(20);
		expect(median([40, 10, 30, 20])).toBe(25);
	});

	it('ignores runs that produced no number', () => {
		expect(spread([12, NaN, 10, 14])).toEqual({ median: 12, min: 10, max: 14, runs: 3 });
		expect(spread([NaN]).runs).toBe(0);
	});
});

describe('ratio', () => {
	it('divides by the baseline and is NaN without a usable baseline', () => {
		expect(ratio(23, 20)).toBeCloseTo(1.15, 10);
		expect(ratio(5, 0)).toBeNaN();
		expect(ratio(5, NaN)).toBeNaN();
		expect(ratio(NaN, 5)).toBeNaN();
	});
});
