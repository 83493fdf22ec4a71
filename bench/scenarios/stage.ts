// What every scenario gets: a server under test with its crowd of attendees connected (the
// crowd is named after the target in the load generators), the load pool that holds the
// crowds, the options, and a logger for progress lines.
import type { LoadPool } from '../load/pool.ts';
import type { Options } from '../options.ts';
import type { Target } from '../targets.ts';

export type Stage = {
	target: Target;
	pool: LoadPool;
	/** attendees asked for, and those that joined */
	size: number;
	joined: number;
	options: Options;
	log(line: string): void;
};

/** A scenario that could not run here, and why (e.g. the server lacks the protocol). */
export type Skipped = { skipped: string };
export const isSkipped = (x: unknown): x is Skipped =>
	typeof x === 'object' && x !== null && 'skipped' in x;

/** `stages` starting at the i-th, wrapping: alternates who goes first round by round. */
export const rotate = <T>(items: readonly T[], i: number): T[] =>
	items.map((_, k) => items[(i + k) % items.length]!);
