// The benchmark's command line (`npm run bench -- --sizes 1000,5000 ...`), parsed once and
// validated: an unknown option or a bad value stops the run with one line saying which.
import { parseArgs } from 'node:util';
import { z } from 'zod';

export const SCENARIOS = ['fanout', 'questions', 'writes', 'memory', 'storm', 'idle'] as const;
export const Scenario = z.enum(SCENARIOS);
export type Scenario = z.infer<typeof Scenario>;
export const Baseline = z.enum(['socketio', 'ws']);
export type Baseline = z.infer<typeof Baseline>;

const list = <T extends z.ZodType>(item: T) =>
	z.preprocess(
		(v) =>
			typeof v === 'string'
				? v
						.split(',')
						.map((x) => x.trim())
						.filter(Boolean)
				: v,
		z.array(item)
	);
const count = z.coerce.number().int().min(1);

const Args = z.strictObject({
	sizes: list(count.max(20_000)).default([1000, 5000, 10_000]),
	scenarios: list(Scenario).default([...SCENARIOS]),
	baselines: z
		.string()
		.transform((s) => (s === 'none' ? [] : s.split(',')))
		.pipe(z.array(Baseline))
		.default(['socketio', 'ws']),
	runs: count.max(9).default(1),
	/** timer extends (and questions, and votes) per server and size, at least 20; more in small crowds (commandsFor) */
	commands: count.min(20).max(500).default(60),
	/** default: two heartbeats, so that every socket's heartbeats fall in the window alike */
	'idle-seconds': count.max(600).optional(),
	/** Socket.IO pingInterval of Dais (HEARTBEAT_SECONDS) and the Socket.IO baseline */
	'heartbeat-seconds': count.min(5).max(300).default(25),
	'write-seconds': count.max(120).default(10),
	writers: list(count.max(2000)).default([50, 500]),
	/** clock:ping round trips after each join; the page does 5 */
	pings: z.coerce.number().int().min(0).max(10).default(5),
	/** attendees opened at once per generator batch */
	batch: count.max(2000).default(250),
	'batch-pause-ms': z.coerce.number().int().min(0).max(5000).default(20),
	/** load-generator processes; auto: two from 5,000 attendees */
	generators: z.enum(['auto', '1', '2']).default('auto'),
	'port-base': z.coerce.number().int().min(1024).max(65_000).default(4600),
	/** extra environment for Dais, KEY=VALUE,KEY=VALUE */
	'dais-env': z
		.string()
		// split only before the next KEY=, so that a value may hold commas (QUESTION_LIMITS)
		.transform((s) => s.split(/,(?=[A-Z_][A-Z0-9_]*=)/).filter(Boolean))
		.pipe(z.array(z.string().regex(/^[A-Z_][A-Z0-9_]*=.*$/, 'KEY=VALUE')))
		.default([]),
	/** run every server under node --cpu-prof; profiles go to bench/out/prof/<stamp>/<server>/ */
	'cpu-prof': z.boolean().default(false),
	/**
	 * two Dais processes (WORKERS=2) on Redis next to a Socket.IO baseline of two processes on
	 * the same adapter, each pair on a redis-server of its own; recorded in its own block
	 */
	'scale-out': z.boolean().default(false),
	/** leave bench/RESULTS.md alone (raw JSON and a Markdown copy still go to bench/out/) */
	'no-record': z.boolean().default(false),
	/** let the scheduler place every process (default: servers on one CPU, clients on the rest; bench/cpus.ts) */
	'no-pin': z.boolean().default(false),
	/** hard limit for the whole run; every child process dies with it */
	'max-minutes': count.max(240).default(90)
});

export type Options = {
	sizes: number[];
	scenarios: Scenario[];
	baselines: Baseline[];
	runs: number;
	commands: number;
	idleSeconds: number;
	heartbeatSeconds: number;
	writeSeconds: number;
	writers: number[];
	pings: number;
	batch: number;
	batchPauseMs: number;
	generators: 'auto' | 1 | 2;
	portBase: number;
	daisEnv: Record<string, string>;
	/** extra environment for the baselines (the scale-out run sets it) */
	baselineEnv: Record<string, string>;
	scaleOut: boolean;
	cpuProf: boolean;
	record: boolean;
	/** servers and clients on CPUs of their own (bench/cpus.ts) */
	pin: boolean;
	maxMinutes: number;
};

const STRING_OPTIONS = Object.keys(Args.shape).filter(
	(k) => !['cpu-prof', 'no-record', 'no-pin', 'scale-out'].includes(k)
);

/** Parses argv (without node and the script); throws an Error with one line on bad input. */
export function parseOptions(argv: string[]): Options {
	const { values } = parseArgs({
		args: argv,
		strict: true,
		options: {
			...Object.fromEntries(STRING_OPTIONS.map((k) => [k, { type: 'string' as const }])),
			'cpu-prof': { type: 'boolean' },
			'scale-out': { type: 'boolean' },
			'no-record': { type: 'boolean' },
			'no-pin': { type: 'boolean' }
		}
	});
	const parsed = Args.safeParse(values);
	if (!parsed.success) {
		const issue = parsed.error.issues[0]!;
		throw new Error(`--${issue.path.join('.')}: ${issue.message}`);
	}
	const a = parsed.data;
	return {
		sizes: a.sizes,
		scenarios: a.scenarios,
		baselines: a.baselines,
		runs: a.runs,
		commands: a.commands,
		idleSeconds: a['idle-seconds'] ?? 2 * a['heartbeat-seconds'],
		heartbeatSeconds: a['heartbeat-seconds'],
		writeSeconds: a['write-seconds'],
		writers: a.writers,
		pings: a.pings,
		batch: a.batch,
		batchPauseMs: a['batch-pause-ms'],
		generators: a.generators === 'auto' ? 'auto' : a.generators === '1' ? 1 : 2,
		portBase: a['port-base'],
		daisEnv: Object.fromEntries(
			a['dais-env'].map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)])
		),
		baselineEnv: {},
		scaleOut: a['scale-out'],
		cpuProf: a['cpu-prof'],
		record: !a['no-record'],
		pin: !a['no-pin'],
		maxMinutes: a['max-minutes']
	};
}

/** Receipts per server and fan-out scenario that the triggers add up to at least. */
export const MIN_RECEIPTS = 100_000;

/**
 * Triggers per server and fan-out scenario for `size` attendees: --commands, or more where
 * the crowd is small. The pooled p99 is the 1 % slowest receipts, so it is decided by the
 * few triggers that a stall of the machine or of the load generator falls into: of 20
 * triggers, the 1 % is a fifth of the slowest one, and which server drew that trigger
 * decides the ratio (the slowest vote-count trigger of a run can take 1.7-3.7x the typical
 * one, on either server). So every size gets 60 triggers by default, that each server draws
 * several slow ones; and a small crowd gets enough for 100,000 receipts, because there a
 * delivery takes about 30 ms and a stall of tens of ms doubles or triples it, where at
 * 10,000 it adds a fifth.
 */
export const commandsFor = (options: Options, size: number): number =>
	Math.max(options.commands, Math.ceil(MIN_RECEIPTS / size));

/** Generator processes for `size` attendees. */
export const generatorsFor = (options: Options, size: number): number =>
	options.generators === 'auto' ? (size >= 5000 ? 2 : 1) : options.generators;
