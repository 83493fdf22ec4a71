// The shape of a benchmark run's results, as written to bench/out/*.json and rendered into
// bench/RESULTS.md: one TargetResult per run, attendee count and server under test.
import type { Placement } from './cpus.ts';
import type { Options } from './options.ts';
import type { Fanout } from './scenarios/fanout.ts';
import type { Idle } from './scenarios/idle.ts';
import type { Memory } from './scenarios/memory.ts';
import type { QuestionFanout } from './scenarios/questions.ts';
import type { Skipped } from './scenarios/stage.ts';
import type { Storm } from './scenarios/storm.ts';
import type { WriteRow } from './scenarios/writes.ts';
import type { TargetName } from './targets.ts';

export type TargetResult = {
	run: number;
	size: number;
	target: TargetName;
	joined: number;
	failed: number;
	/** ms to connect and join the whole crowd */
	rampMs: number;
	memory?: Memory | Skipped;
	fanout?: Fanout | Skipped;
	questions?: QuestionFanout | Skipped;
	idle?: Idle | Skipped;
	writes?: WriteRow[] | Skipped;
	storm?: Storm | Skipped;
};

export type Meta = {
	date: string;
	command: string;
	node: string;
	nproc: number;
	memoryGiB: number;
	cpuModel: string;
	/** 1-minute load average when the run started and when it ended */
	loadBefore: number;
	loadAfter: number;
	daisHasQuestions: boolean;
	generators: Record<number, number>;
	/** the CPUs of the servers and of the clients (bench/cpus.ts); null: not pinned */
	placement: Placement | null;
	options: Options;
	minutes: number;
};

export type RunReport = { meta: Meta; results: TargetResult[] };
