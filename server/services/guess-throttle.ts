// Throttles passcode guesses without ever locking anyone out. Every attempt takes a turn
// before its passcode is checked: the attempts of one address key are spaced by a gap that
// grows with that key's recent attempts (none for the first few, then doubling up to a cap),
// and all attempts together by a global gap that grows the same way. The right passcode is
// accepted in its turn whatever came before it, so a guesser behind the chair's address
// costs the chair seconds, not the sign-in. Only an attempt whose turn lies more than
// `maxWaitMs` ahead (a flood of concurrent guesses) is refused unchecked. A success takes
// back its own attempt and nothing else. Times are epoch ms; attempts leak away over time.

export type GuessLimits = {
	/** attempts that wait for nothing */
	free: number;
	/** the first gap after the free attempts (ms); each further attempt doubles it */
	baseGapMs: number;
	maxGapMs: number;
	/** one attempt is forgotten per this many ms */
	leakMs: number;
};

/** Per address: five free tries, then 1 s, 2 s, ... 15 s apart; about 5 a minute sustained. */
export const ADDRESS_GUESSES: GuessLimits = {
	free: 5,
	baseGapMs: 1000,
	maxGapMs: 15_000,
	leakMs: 12_000
};
/** Everywhere together: twenty free, then up to 2 s apart; about 30 a minute sustained. */
export const GLOBAL_GUESSES: GuessLimits = {
	free: 20,
	baseGapMs: 100,
	maxGapMs: 2000,
	leakMs: 2000
};
/** No attempt waits longer than this for its turn; later ones are refused unchecked. */
export const MAX_GUESS_WAIT_MS = 30_000;

type Lane = { level: number; at: number; nextAt: number };

/** The decision about one attempt: wait `waitMs`, then check; or refused for `refusedMs`. */
export type Turn = { waitMs: number } | { refusedMs: number };

/** Where turns are decided: GuessThrottle in memory, or on Redis (redis-guesses.ts). */
export type GuessTurns = {
	turn(key: string, now: number): Turn | Promise<Turn>;
	succeeded(key: string, now: number): void | Promise<void>;
};

const GLOBAL = '*';

export class GuessThrottle implements GuessTurns {
	private readonly lanes = new Map<string, Lane>();

	constructor(
		private readonly address: GuessLimits = ADDRESS_GUESSES,
		private readonly everywhere: GuessLimits = GLOBAL_GUESSES,
		private readonly maxWaitMs = MAX_GUESS_WAIT_MS,
		private readonly maxKeys = 10_000
	) {}

	/** Reserves the next turn of an attempt from `key` (an address key). */
	turn(key: string, now: number): Turn {
		const mine = this.lane(key, now, this.address);
		const all = this.lane(GLOBAL, now, this.everywhere);
		// each lane keeps its own spacing: one address's queue never holds up the others
		const mineAt = Math.max(now, mine.nextAt);
		const allAt = Math.max(now, all.nextAt);
		const start = Math.ceil(Math.max(mineAt, allAt));
		if (start - now > this.maxWaitMs) return { refusedMs: start - now - this.maxWaitMs };
		this.take(key, mine, mineAt, this.address);
		this.take(GLOBAL, all, allAt, this.everywhere);
		return { waitMs: start - now };
	}

	/** The attempt of `key` was right: it does not count against anyone. */
	succeeded(key: string, now: number): void {
		for (const [k, limits] of [
			[key, this.address],
			[GLOBAL, this.everywhere]
		] as const) {
			const lane = this.lane(k, now, limits);
			this.lanes.set(k, { ...lane, level: Math.max(0, lane.level - 1) });
		}
	}

	private take(key: string, lane: Lane, start: number, limits: GuessLimits): void {
		const level = lane.level + 1;
		const gap =
			level < limits.free
				? 0
				: Math.min(limits.maxGapMs, limits.baseGapMs * 2 ** (level - limits.free));
		this.lanes.delete(key);
		if (this.lanes.size >= this.maxKeys) {
			const oldest = this.lanes.keys().next().value;
			if (oldest !== undefined && oldest !== GLOBAL) this.lanes.delete(oldest);
		}
		this.lanes.set(key, { level, at: lane.at, nextAt: start + gap });
	}

	/** The lane of `key` with what has leaked away by `now`. */
	private lane(key: string, now: number, limits: GuessLimits): Lane {
		const lane = this.lanes.get(key);
		if (!lane) return { level: 0, at: now, nextAt: now };
		const leaked = Math.max(0, now - lane.at) / limits.leakMs;
		return { level: Math.max(0, lane.level - leaked), at: now, nextAt: lane.nextAt };
	}
}
