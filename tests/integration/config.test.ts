import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../server/config.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Runs the production entry with `env` added; resolves its exit code and output. */
function serve(
	env: Record<string, string>
): Promise<{ code: number | null; stdout: string; stderr: string }> {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dais-cfg-'));
	return new Promise((resolve) => {
		const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['server/index.ts'], {
			cwd: ROOT,
			env: { ...process.env, DATA_DIR: dataDir, ...env },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		const killer = setTimeout(() => child.kill('SIGTERM'), 15_000);
		child.on('close', (code) => {
			clearTimeout(killer);
			const created = fs.readdirSync(dataDir);
			fs.rmSync(dataDir, { recursive: true, force: true });
			resolve({ code, stdout, stderr: created.length ? `${stderr}[created ${created}]` : stderr });
		});
	});
}

describe('invalid configuration', () => {
	it('stops start-up with one line naming the variable and exit code 1', async () => {
		const { code, stdout, stderr } = await serve({ PORT: 'eighty' });
		expect(code).toBe(1);
		expect(stdout).toBe('');
		expect(stderr).toBe('Invalid configuration: PORT must be a number (got "eighty")\n');
	});

	it('says that DATABASE_URL is not supported yet, without echoing it', async () => {
		const { code, stderr } = await serve({ DATABASE_URL: 'postgres://dais:s3cret@db/dais' });
		expect(code).toBe(1);
		expect(stderr.trim().split('\n')).toHaveLength(1);
		expect(stderr).toMatch(/^Invalid configuration: DATABASE_URL is not supported yet/);
		expect(stderr).not.toContain('s3cret');
	});

	it.each([
		[{ PORT: '70000' }, 'PORT must be between 0 and 65535'],
		[{ SEED_DATES: 'tomorrow' }, 'SEED_DATES must be "rehearsal" or "original"'],
		[{ PUBLIC_URL: 'dais.example.org' }, 'PUBLIC_URL must be an http:// or https:// URL'],
		[{ CHAIR_PASSCODE: 'short' }, 'CHAIR_PASSCODE must be at least 8 characters'],
		[{ REDIS_URL: 'cache:6379' }, 'REDIS_URL must be a redis:// or rediss:// URL'],
		[{ WORKERS: '0' }, 'WORKERS must be at least 1'],
		[{ WORKERS: 'two' }, 'WORKERS must be a whole number'],
		[{ WORKERS: '2' }, 'WORKERS 2 needs REDIS_URL'],
		[{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of'],
		[{ TRUST_PROXY: 'yes' }, 'TRUST_PROXY must be "true" or "false"'],
		[{ QUESTION_LIMITS: '5,60,60' }, 'QUESTION_LIMITS must be four whole numbers'],
		[{ CONNECTIONS_PER_ADDRESS: 'lots' }, 'CONNECTIONS_PER_ADDRESS must be a whole number'],
		[{ QUESTION_LIMITS: '5,60,-1,1200' }, 'QUESTION_LIMITS must be four whole numbers'],
		[{ HEARTBEAT_SECONDS: '2' }, 'HEARTBEAT_SECONDS must be at least 5'],
		[{ HEARTBEAT_SECONDS: '301' }, 'HEARTBEAT_SECONDS must be at most 300'],
		[{ HEARTBEAT_SECONDS: '2.5' }, 'HEARTBEAT_SECONDS must be a whole number of seconds'],
		[{ HEARTBEAT_SECONDS: 'often' }, 'HEARTBEAT_SECONDS must be a whole number of seconds'],
		[{ QUESTION_LIMITS: '5,60,60,1200,60' }, 'optionally followed by lists/device,lists/address'],
		[{ QUESTION_LIMITS: '5,60,60,1200,60,3000,1' }, 'QUESTION_LIMITS must be four whole numbers']
	])('rejects %o', (env, message) => {
		expect(() => parseConfig(env)).toThrow(ConfigError);
		expect(() => parseConfig(env)).toThrow(message);
	});

	it('never echoes the chair passcode it rejects', () => {
		expect(() => parseConfig({ CHAIR_PASSCODE: 'abc' })).toThrow(/^(?!.*abc).*$/);
	});
});

describe('valid configuration', () => {
	it('runs with defaults and treats empty variables as unset', () => {
		expect(parseConfig({ PORT: '', HOST: '' })).toEqual({
			port: 3000,
			host: '0.0.0.0',
			dataDir: path.resolve('data'),
			chairPasscode: undefined,
			publicUrl: undefined,
			seedDates: 'rehearsal',
			logLevel: 'info',
			trustProxy: false,
			heartbeatSeconds: 25,
			questionLimits: undefined,
			redisUrl: undefined,
			workers: 1
		});
	});

	it('reads every variable', () => {
		expect(
			parseConfig({
				PORT: '8080',
				HOST: '127.0.0.1',
				DATA_DIR: '/srv/dais',
				CHAIR_PASSCODE: 'correct horse',
				PUBLIC_URL: 'https://dais.example.org/',
				SEED_DATES: 'original',
				LOG_LEVEL: 'warn',
				TRUST_PROXY: 'true',
				HEARTBEAT_SECONDS: '50',
				QUESTION_LIMITS: '10,100,120,2400',
				REDIS_URL: 'redis://:secret@cache.example.org:6380/0',
				WORKERS: '4'
			})
		).toEqual({
			port: 8080,
			host: '127.0.0.1',
			dataDir: '/srv/dais',
			chairPasscode: 'correct horse',
			publicUrl: 'https://dais.example.org',
			seedDates: 'original',
			logLevel: 'warn',
			trustProxy: true,
			heartbeatSeconds: 50,
			questionLimits: {
				askPerDevice: 10,
				askPerAddress: 100,
				votePerDevice: 120,
				votePerAddress: 2400
			},
			redisUrl: 'redis://:secret@cache.example.org:6380/0',
			workers: 4
		});
	});

	it('takes two more QUESTION_LIMITS numbers for lists; four leave the list limits unset', () => {
		expect(parseConfig({ QUESTION_LIMITS: '5,60,60,1200,30,6000' }).questionLimits).toEqual({
			askPerDevice: 5,
			askPerAddress: 60,
			votePerDevice: 60,
			votePerAddress: 1200,
			listPerDevice: 30,
			listPerAddress: 6000
		});
		const four = parseConfig({ QUESTION_LIMITS: '5,60,60,1200' }).questionLimits;
		expect(Object.keys(four ?? {})).toEqual([
			'askPerDevice',
			'askPerAddress',
			'votePerDevice',
			'votePerAddress'
		]);
	});
});
