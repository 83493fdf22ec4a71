// Pure statistics for the benchmark: nearest-rank percentiles over a sample, a latency
// summary, the median with its range over repeated runs, and ratios. Inputs are plain
// numbers in whatever unit the caller uses (ms, KiB, %); nothing here reads a clock.

/**
 * The p-th percentile (0 < p <= 100) by the nearest-rank method: the smallest value with at
 * least p % of the sample at or below it. NaN for an empty sample. Does not mutate `values`.
 */
export function percentile(values: readonly number[], p: number): number {
	if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sortedPercentile(sorted, p);
}

/** percentile() over a sample already sorted ascending (no copy, no sort). */
export function sortedPercentile(sorted: readonly number[], p: number): number {
	if (sorted.length === 0) return Number.NaN;
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export type Summary = { count: number; min: number; p50: number; p99: number; max: number };

/** count, min, p50, p99 and max of a sample; NaN statistics when it is empty. */
export function summarize(values: readonly number[]): Summary {
	const sorted = [...values].sort((a, b) => a - b);
	return {
		count: sorted.length,
		min: sorted[0] ?? Number.NaN,
		p50: sortedPercentile(sorted, 50),
		p99: sortedPercentile(sorted, 99),
		max: sorted.at(-1) ?? Number.NaN
	};
}

/** The median of repeated measurements (mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
	const finite = values.filter(Number.isFinite).sort((a, b) => a - b);
	if (finite.length === 0) return Number.NaN;
	const mid = finite.length >> 1;
	return finite.length % 2 ? finite[mid]! : (finite[mid - 1]! + finite[mid]!) / 2;
}

export type Spread = { median: number; min: number; max: number; runs: number };

/** Median and range of one metric over runs; non-finite runs (failed measures) are ignored. */
export function spread(values: readonly number[]): Spread {
	const finite = values.filter(Number.isFinite);
	return {
		median: median(finite),
		min: finite.length ? Math.min(...finite) : Number.NaN,
		max: finite.length ? Math.max(...finite) : Number.NaN,
		runs: finite.length
	};
}

/** value / baseline, or NaN when either is missing or the baseline is not positive. */
export function ratio(value: number, baseline: number): number {
	if (!Number.isFinite(value) || !Number.isFinite(baseline) || baseline <= 0) return Number.NaN;
	return value / baseline;
}
