// The building blocks of the Markdown report: numbers over runs (median, and the min–max
// range when there were several), Dais's ratio to the Socket.IO baseline run by run, and
// table rows. A metric that a run could not measure is NaN and shows as "–".
import { isSkipped, type Skipped } from './scenarios/stage.ts';
import type { RunReport, TargetResult } from './results.ts';
import { ratio, spread } from './stats.ts';
import type { TargetName } from './targets.ts';

export type Metric = (r: TargetResult) => number | undefined;
export const ok = <T>(x: T | Skipped | undefined): T | undefined => (isSkipped(x) ? undefined : x);

export function fmt(x: number, digits: number): string {
	if (!Number.isFinite(x)) return '–';
	return x.toLocaleString('en-US', {
		maximumFractionDigits: digits,
		minimumFractionDigits: digits
	});
}

/** A metric's value; NaN when the run did not measure it. */
const measured = (metric: Metric, r: TargetResult): number => metric(r) ?? Number.NaN;

export class Table {
	constructor(private readonly report: RunReport) {}

	private values(size: number, target: TargetName, metric: Metric): number[] {
		return this.report.results
			.filter((r) => r.size === size && r.target === target)
			.map((r) => measured(metric, r));
	}

	/** median (min–max) of a metric over runs */
	cell(size: number, target: TargetName, metric: Metric, digits = 1): string {
		const s = spread(this.values(size, target, metric));
		if (s.runs === 0) return '–';
		const range = s.runs > 1 ? ` (${fmt(s.min, digits)}–${fmt(s.max, digits)})` : '';
		return fmt(s.median, digits) + range;
	}

	/** Dais over the Socket.IO baseline, run by run; median (min–max) of the ratios */
	ratio(size: number, metric: Metric): string {
		const dais = this.values(size, 'dais', metric);
		const base = this.values(size, 'socketio', metric);
		return this.cellOf(
			dais.map((d, i) => ratio(d, base[i] ?? Number.NaN)),
			2,
			'×'
		);
	}

	ratioMedian(size: number, metric: Metric): number {
		const dais = this.values(size, 'dais', metric);
		const base = this.values(size, 'socketio', metric);
		return spread(dais.map((d, i) => ratio(d, base[i] ?? Number.NaN))).median;
	}

	median(size: number, target: TargetName, metric: Metric): number {
		return spread(this.values(size, target, metric)).median;
	}

	private cellOf(values: number[], digits: number, unit: string): string {
		const s = spread(values);
		if (s.runs === 0) return '–';
		const range = s.runs > 1 ? ` (${fmt(s.min, digits)}–${fmt(s.max, digits)})` : '';
		return `${fmt(s.median, digits)}${unit}${range}`;
	}

	/** why a scenario has no numbers for Dais at this size, if it has none */
	skipped(size: number, pick: (r: TargetResult) => unknown): string | undefined {
		const r = this.report.results.find((x) => x.size === size && x.target === 'dais');
		const v = r ? pick(r) : undefined;
		return isSkipped(v) ? v.skipped : undefined;
	}
}

export const verdict = (met: boolean | undefined) =>
	met === undefined ? '–' : met ? 'met' : 'missed';
export const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
export const header = (cells: string[]) => [row(cells), row(cells.map(() => '---'))];
