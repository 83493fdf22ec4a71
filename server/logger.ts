// A minimal levelled logger: one line per entry on stderr, with an optional error stack.
// Injected into createApp so tests can silence or capture it.
import type { LogLevel } from './config.ts';

export type Logger = {
	debug(message: string): void;
	info(message: string): void;
	warn(message: string): void;
	error(message: string, err?: unknown): void;
};

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export function createLogger(
	level: LogLevel,
	write: (line: string) => void = (line) => void process.stderr.write(line)
): Logger {
	const at = (lvl: Exclude<LogLevel, 'silent'>, message: string, err?: unknown) => {
		if (RANK[lvl] < RANK[level]) return;
		const detail =
			err instanceof Error ? `\n${err.stack ?? err.message}` : err ? ` ${String(err)}` : '';
		write(`${new Date().toISOString()} ${lvl.toUpperCase()} ${message}${detail}\n`);
	};
	return {
		debug: (m) => at('debug', m),
		info: (m) => at('info', m),
		warn: (m) => at('warn', m),
		error: (m, err) => at('error', m, err)
	};
}

export const silentLogger: Logger = createLogger('silent');
