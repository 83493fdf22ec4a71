// What the server logs about requests that did not succeed. A server fault is an error, with
// its stack. A client's mistake (a 404 or 405 of a scan, say) is one line, but at most
// CLIENT_LINES_PER_MINUTE of them a minute: the rest are counted and reported in one line
// when the next minute's first one comes, so a hostile scan cannot grow the log without
// bound. A client that went away mid-request (an aborted upload) is a debug line: nothing
// failed on the server. Times are epoch ms from the injected clock.
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';

export const CLIENT_LINES_PER_MINUTE = 20;
const MINUTE_MS = 60_000;

export type RequestLog = {
	/** a request answered with a 4xx status */
	clientError(status: number, method: string, path: string): void;
	/** a request that failed on the server (5xx), or whose client went away (`aborted`) */
	failed(method: string, path: string, err: unknown): void;
};

/** True when `err` is the client closing the connection before the request was read. */
export function isAborted(err: unknown): boolean {
	const code = (err as { code?: unknown } | null)?.code;
	return code === 'ECONNRESET' || code === 'ECONNABORTED' || (err as Error)?.message === 'aborted';
}

export function requestLog(logger: Logger, clock: Clock): RequestLog {
	let windowStart = Number.NEGATIVE_INFINITY;
	let written = 0;
	let dropped = 0;
	return {
		clientError(status, method, path) {
			const now = clock.now();
			if (now - windowStart >= MINUTE_MS) {
				if (dropped > 0)
					logger.info(`${dropped} more client errors like these were left out of the log`);
				windowStart = now;
				written = 0;
				dropped = 0;
			}
			if (written >= CLIENT_LINES_PER_MINUTE) return void dropped++;
			written++;
			logger.info(`${status} ${method} ${path.slice(0, 200)}`);
		},
		failed(method, path, err) {
			if (isAborted(err))
				return logger.debug(`${method} ${path.slice(0, 200)}: the client went away mid-request`);
			logger.error(`${method} ${path.slice(0, 200)} failed`, err);
		}
	};
}
