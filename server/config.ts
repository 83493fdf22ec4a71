// Configuration, read from the environment once at start-up and validated by zod.
// parseConfig never exits: it throws a ConfigError whose message is one line naming the
// variable, and the entry point prints it and exits with code 1.
import path from 'node:path';
import { z } from 'zod';

export const LogLevel = z.enum(['debug', 'info', 'warn', 'error', 'silent']);
export type LogLevel = z.infer<typeof LogLevel>;

const Port = z.coerce
	.number({ error: 'must be a number' })
	.int('must be a whole number')
	.min(0, 'must be between 0 and 65535')
	.max(65535, 'must be between 0 and 65535');

const HttpUrl = z
	.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
	.transform((url) => url.replace(/\/+$/, ''));

const notYet = (what: string) =>
	z
		.undefined({
			error: `is not supported yet (${what}); unset it to use the embedded SQLite store`
		})
		.optional();

const Env = z.object({
	PORT: Port.default(3000),
	/** Listen on every interface by default: attendees' phones reach it over the venue LAN. */
	HOST: z.string().min(1).default('0.0.0.0'),
	DATA_DIR: z.string().min(1).default('./data'),
	CHAIR_PASSCODE: z
		.string()
		.min(8, 'must be at least 8 characters')
		.max(200, 'must be at most 200 characters')
		.optional(),
	PUBLIC_URL: HttpUrl.optional(),
	SEED_DATES: z
		.enum(['rehearsal', 'original'], { error: 'must be "rehearsal" or "original"' })
		.default('rehearsal'),
	LOG_LEVEL: z
		.enum(LogLevel.options, { error: `must be one of ${LogLevel.options.join(', ')}` })
		.default('info'),
	/** "true" behind a reverse proxy: the client address is the last X-Forwarded-For entry */
	TRUST_PROXY: z.enum(['true', 'false'], { error: 'must be "true" or "false"' }).default('false'),
	/**
	 * Seconds between Socket.IO heartbeats. Each costs the server a round trip per connected
	 * phone (bench/RESULTS.md, idle cost); a phone notices a dead connection after this plus
	 * 20 s. Keep it under the idle timeout of any proxy in front (often 60 s).
	 */
	HEARTBEAT_SECONDS: z.coerce
		.number({ error: 'must be a whole number of seconds' })
		.int('must be a whole number of seconds')
		.min(5, 'must be at least 5')
		.max(300, 'must be at most 300')
		.default(25),
	/**
	 * asks per device, asks per address, votes per device, votes per address, then optionally
	 * lists per device, lists per address, per minute (four numbers: the list defaults)
	 */
	QUESTION_LIMITS: z
		.string()
		.regex(/^\d{1,7}(,\d{1,7}){3}(,\d{1,7},\d{1,7})?$/, {
			error:
				'must be four whole numbers a minute: asks/device,asks/address,votes/device,votes/address' +
				' (optionally followed by lists/device,lists/address)'
		})
		.transform((value): ConfiguredQuestionLimits => {
			const [
				askPerDevice,
				askPerAddress,
				votePerDevice,
				votePerAddress,
				listPerDevice,
				listPerAddress
			] = value.split(',').map(Number) as [number, number, number, number, number?, number?];
			const lists = listPerAddress === undefined ? {} : { listPerDevice, listPerAddress };
			return { askPerDevice, askPerAddress, votePerDevice, votePerAddress, ...lists };
		})
		.optional(),
	/** open connections one client address may hold (a venue's NAT: thousands) */
	CONNECTIONS_PER_ADDRESS: z.coerce
		.number({ error: 'must be a whole number' })
		.int('must be a whole number')
		.min(1, 'must be at least 1')
		.optional(),
	DATABASE_URL: notYet('Postgres is planned'),
	/** Socket.IO's Redis adapter and the shared rate limits: several Dais processes as one */
	REDIS_URL: z
		.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' })
		.optional(),
	/** processes on this machine sharing the port (node:cluster); above 1 needs REDIS_URL */
	WORKERS: z.coerce
		.number({ error: 'must be a whole number' })
		.int('must be a whole number')
		.min(1, 'must be at least 1')
		.max(64, 'must be at most 64')
		.default(1)
});

export type Config = {
	port: number;
	host: string;
	/** absolute path */
	dataDir: string;
	chairPasscode: string | undefined;
	publicUrl: string | undefined;
	seedDates: 'rehearsal' | 'original';
	logLevel: LogLevel;
	trustProxy: boolean;
	/** Socket.IO's pingInterval, seconds */
	heartbeatSeconds: number;
	/** per-minute question, vote and list limits; undefined: the defaults (README) */
	questionLimits: ConfiguredQuestionLimits | undefined;
	/** undefined: 5,000, or half the open-file limit when that is less (http/connections.ts) */
	connectionsPerAddress: number | undefined;
	/** undefined: one process alone, nothing shared */
	redisUrl: string | undefined;
	/** processes serving the port on this machine (1: no cluster) */
	workers: number;
};

/** Limits left out keep their defaults (the list limits may be). */
type ConfiguredQuestionLimits = {
	askPerDevice: number;
	askPerAddress: number;
	votePerDevice: number;
	votePerAddress: number;
	listPerDevice?: number;
	listPerAddress?: number;
};

export class ConfigError extends Error {}

/** Values never echoed back in an error: they may hold credentials. */
const SECRET = new Set(['CHAIR_PASSCODE', 'DATABASE_URL', 'REDIS_URL']);

/** Parses the environment; empty variables count as unset. Throws ConfigError. */
export function parseConfig(env: Record<string, string | undefined>): Config {
	const present = Object.fromEntries(
		Object.keys(Env.shape)
			.filter((key) => env[key] !== undefined && env[key] !== '')
			.map((key) => [key, env[key]])
	);
	const parsed = Env.safeParse(present);
	if (!parsed.success) {
		const problems = parsed.error.issues.map((issue) => {
			const name = String(issue.path[0] ?? 'environment');
			const shown = name in present && !SECRET.has(name);
			const got = shown ? ` (got "${String(present[name]).slice(0, 80)}")` : '';
			return `${name} ${issue.message}${got}`;
		});
		throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
	}
	const e = parsed.data;
	if (e.WORKERS > 1 && !e.REDIS_URL)
		throw new ConfigError(
			`Invalid configuration: WORKERS ${e.WORKERS} needs REDIS_URL: the processes share ` +
				'broadcasts and rate limits through Redis'
		);
	return {
		port: e.PORT,
		host: e.HOST,
		dataDir: path.resolve(e.DATA_DIR),
		chairPasscode: e.CHAIR_PASSCODE,
		publicUrl: e.PUBLIC_URL,
		seedDates: e.SEED_DATES,
		logLevel: e.LOG_LEVEL,
		trustProxy: e.TRUST_PROXY === 'true',
		heartbeatSeconds: e.HEARTBEAT_SECONDS,
		questionLimits: e.QUESTION_LIMITS,
		connectionsPerAddress: e.CONNECTIONS_PER_ADDRESS,
		redisUrl: e.REDIS_URL,
		workers: e.WORKERS
	};
}
