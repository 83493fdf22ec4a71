// Budgets of the commands any client may send (no sign-in): a token bucket per socket (tight:
// one page needs a few) and one per address key (generous: a venue's NAT puts thousands of
// phones behind one address, and after a restart all of them reconnect, join and maybe sync
// the clock within seconds). A command over either budget acks `rate_limited` with
// `retryAfterMs` and is not run. Chair commands need a session and are not budgeted here;
// asks, votes and lists have their own limits per device (a socket has one device) and per
// address (question.service.ts, QUESTION_LIMITS).
import type { CommandName } from '#shared/protocol.ts';
import { TokenBucket } from '../services/rate-limit.ts';
import type { DaisSocket } from './types.ts';

/** A bucket's size and refill (tokens a second). */
export type Budget = { burst: number; perSecond: number };
export type OpenCommandBudget = { socket: Budget; address: Budget };

export type OpenCommand = 'track:join' | 'clock:ping' | 'stage:seen';

/**
 * Per address, a burst of 20,000 joins lets 10,000 phones behind one address reconnect twice
 * at once (bench/: 50 a simulated address, 10,000 in all) before the steady rate applies;
 * a clock sync is 5 pings a page.
 */
export const OPEN_BUDGETS: Record<OpenCommand, OpenCommandBudget> = {
	'track:join': {
		socket: { burst: 10, perSecond: 0.5 },
		address: { burst: 20_000, perSecond: 200 }
	},
	'clock:ping': { socket: { burst: 20, perSecond: 1 }, address: { burst: 60_000, perSecond: 600 } },
	'stage:seen': { socket: { burst: 10, perSecond: 1 }, address: { burst: 2_000, perSecond: 20 } }
};

const isOpen = (name: CommandName): name is OpenCommand => Object.hasOwn(OPEN_BUDGETS, name);

export class OpenBudgets {
	private readonly buckets = new Map<OpenCommand, { socket: TokenBucket; address: TokenBucket }>();

	constructor(
		private readonly now: () => number,
		overrides: Partial<Record<OpenCommand, OpenCommandBudget>> = {}
	) {
		for (const [name, budget] of Object.entries({ ...OPEN_BUDGETS, ...overrides })) {
			const bucket = ({ burst, perSecond }: Budget) => new TokenBucket(burst, perSecond);
			this.buckets.set(name as OpenCommand, {
				socket: bucket(budget.socket),
				address: bucket(budget.address)
			});
		}
	}

	/** Spends one of `name`'s tokens for the socket and its address; else the wait in ms. */
	take(name: CommandName, socket: DaisSocket): number {
		const buckets = isOpen(name) ? this.buckets.get(name) : undefined;
		if (!buckets) return 0;
		const now = this.now();
		const bySocket = buckets.socket.retryAfterMs(socket.id, now);
		const byAddress = buckets.address.retryAfterMs(socket.data.address, now);
		const wait = Math.max(bySocket, byAddress);
		if (wait > 0) return wait;
		buckets.socket.take(socket.id, now);
		buckets.address.take(socket.data.address, now);
		return 0;
	}
}
