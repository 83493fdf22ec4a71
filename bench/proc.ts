// Child processes of the benchmark and what /proc says about them. Every child is a Node
// process running plain JavaScript (Dais's production build, or a baseline bundled here),
// with the watchdog preloaded, so it dies with the driver or at its deadline; the driver
// also kills every child it still knows of when it exits.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { z } from 'zod';
import { sleep } from './load/recorder.ts';

const WATCHDOG = new URL('./servers/watchdog.ts', import.meta.url).pathname;
const COMPILED = new URL('./out/compiled/', import.meta.url).pathname;
const children = new Set<ChildProcess>();
const compiled = new Set<string>();

/**
 * `script` as JavaScript: a TypeScript file is bundled (packages left external) into
 * bench/out/compiled/ once per run, so that no server starts through tsx's loader, whose
 * start-up cost would fall on the baselines' restart and not on Dais's.
 */
function javascript(script: string): string {
	if (!script.endsWith('.ts')) return script;
	const out = path.join(COMPILED, path.basename(script).replace(/\.ts$/, '.js'));
	if (!compiled.has(out)) {
		buildSync({
			entryPoints: [script],
			bundle: true,
			platform: 'node',
			format: 'esm',
			target: 'node20.19',
			packages: 'external',
			outfile: out,
			logLevel: 'warning'
		});
		compiled.add(out);
	}
	return out;
}

export const CLOCK_TICKS_PER_SECOND = Number(
	execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()
);

export type Server = {
	pid: number;
	child: ChildProcess;
	/** the last lines it wrote on stderr and stdout, for error messages */
	output(): string;
	exited: Promise<number | null>;
	kill(signal?: NodeJS.Signals): Promise<void>;
	/** a full GC in the server, then its process.memoryUsage() (bytes) */
	memoryAfterGc(): Promise<NodeJS.MemoryUsage>;
};

const MEMORY_LINE = 'bench:memory ';
const MemoryUsage = z.object({
	rss: z.number(),
	heapTotal: z.number(),
	heapUsed: z.number(),
	external: z.number(),
	arrayBuffers: z.number()
});

/**
 * Starts `node [nodeArgs] --expose-gc --import watchdog script` (as JavaScript) with `env`;
 * with `cpus`, through `taskset` (which becomes node: the pid is the server's) on those CPUs.
 */
export function startNode(
	script: string,
	env: NodeJS.ProcessEnv,
	nodeArgs: string[] = [],
	cpus?: string
): Server {
	const args = [...nodeArgs, '--expose-gc', '--import', javascript(WATCHDOG), javascript(script)];
	const [command, argv] = cpus
		? ['taskset', ['--cpu-list', cpus, process.execPath, ...args]]
		: [process.execPath, args];
	const child = spawn(command, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
	children.add(child);
	const lines: string[] = [];
	let onMemory: ((usage: NodeJS.MemoryUsage) => void) | null = null;
	const keep = (chunk: Buffer) => {
		for (const line of String(chunk).split('\n').filter(Boolean)) {
			if (line.startsWith(MEMORY_LINE)) {
				onMemory?.(MemoryUsage.parse(JSON.parse(line.slice(MEMORY_LINE.length))));
				onMemory = null;
			} else lines.push(line);
		}
		lines.splice(0, Math.max(0, lines.length - 20));
	};
	child.stdout?.on('data', keep);
	child.stderr?.on('data', keep);
	const exited = new Promise<number | null>((resolve) =>
		child.once('exit', (code) => {
			children.delete(child);
			resolve(code);
		})
	);
	if (!child.pid) throw new Error(`could not start ${script}`);
	return {
		pid: child.pid,
		child,
		output: () => lines.join('\n'),
		exited,
		kill: async (signal = 'SIGTERM') => {
			if (child.exitCode === null && child.signalCode === null) child.kill(signal);
			const done = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
			if (!done) child.kill('SIGKILL');
			await exited;
		},
		memoryAfterGc: () => {
			const usage = new Promise<NodeJS.MemoryUsage>((resolve, reject) => {
				const timer = setTimeout(() => reject(new Error('no memory report')), 10_000);
				onMemory = (u) => {
					clearTimeout(timer);
					resolve(u);
				};
			});
			child.kill('SIGUSR2');
			return usage;
		}
	};
}

/** Tracks a child (a load generator) so that killAll reaches it too. */
export function track(child: ChildProcess): void {
	children.add(child);
	child.once('exit', () => children.delete(child));
}

/**
 * A redis-server of the run's own on loopback `port`, keeping nothing on disk (scale-out);
 * resolves its URL once it accepts connections. It dies with the run (killAll).
 */
export function startRedis(port: number): Promise<string> {
	const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
	const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
	children.add(child);
	return new Promise((resolve, reject) => {
		let out = '';
		child.stdout!.on('data', (chunk) => {
			out += chunk;
			if (out.includes('Ready to accept connections')) resolve(`redis://127.0.0.1:${port}`);
		});
		child.once('error', reject);
		child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${out}`)));
	});
}

export function killAll(): void {
	for (const child of children) child.kill('SIGKILL');
	children.clear();
}

/** CPU time (user + system) the process has used, in seconds. */
export function cpuSeconds(pid: number): number {
	const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
	// fields after "pid (comm) ": state is the 3rd field, utime the 14th, stime the 15th
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

/** Resident set size, KiB. */
export function rssKiB(pid: number): number {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	const match = /^VmRSS:\s+(\d+) kB$/m.exec(status);
	if (!match) throw new Error(`no VmRSS for ${pid}`);
	return Number(match[1]);
}

/** Resolves once `url` answers at all (any status); rejects at the timeout or if `server` exits. */
export async function waitForHttp(url: string, server: Server, timeoutMs = 30_000): Promise<void> {
	const until = Date.now() + timeoutMs;
	let exited = false;
	void server.exited.then(() => (exited = true));
	while (Date.now() < until && !exited) {
		try {
			await fetch(url, { signal: AbortSignal.timeout(1000) });
			return;
		} catch {
			await sleep(50);
		}
	}
	throw new Error(`${url} did not answer:\n${server.output()}`);
}

/** The soft limit of open files this process (and so every child) may hold. */
export function openFileLimit(): number {
	const limits = fs.readFileSync('/proc/self/limits', 'utf8');
	const match = /^Max open files\s+(\d+|unlimited)/m.exec(limits);
	return !match || match[1] === 'unlimited' ? Infinity : Number(match[1]);
}

/**
 * Connections the kernel dropped machine-wide because a listening socket's accept queue was
 * full (TcpExt ListenOverflows in /proc/net/netstat); each one costs a client a SYN resend.
 */
export function listenOverflows(): number {
	const lines = fs.readFileSync('/proc/net/netstat', 'utf8').split('\n');
	const at = lines.findIndex((l) => l.startsWith('TcpExt:'));
	const names = lines[at]?.split(' ') ?? [];
	const values = lines[at + 1]?.split(' ') ?? [];
	return Number(values[names.indexOf('ListenOverflows')] ?? Number.NaN);
}
