// The sign-in guess throttle (guess-throttle.ts) shared by every Dais process through Redis:
// the same turns, decided by one Lua script per attempt, so that N processes do not give a
// guesser N times the turns. Each lane is a hash (level, at, nextAt) that expires once it has
// leaked away. While Redis is unreachable each process decides in its own memory.
import type { RedisClientType } from 'redis';
import {
	ADDRESS_GUESSES,
	GLOBAL_GUESSES,
	GuessThrottle,
	MAX_GUESS_WAIT_MS,
	type GuessLimits,
	type GuessTurns,
	type Turn
} from './guess-throttle.ts';

// KEYS: the address's lane, the global lane. ARGV: op ('turn' or 'ok'), now (epoch ms), the
// address's free, baseGapMs, maxGapMs, leakMs, the same for everywhere, maxWaitMs.
// Returns {0, waitMs} or {1, refusedMs} for a turn, {0, 0} for 'ok'. Mirrors GuessThrottle.
const SCRIPT = `
local now = tonumber(ARGV[2])
local limits = {
	{ free = tonumber(ARGV[3]), base = tonumber(ARGV[4]), cap = tonumber(ARGV[5]), leak = tonumber(ARGV[6]) },
	{ free = tonumber(ARGV[7]), base = tonumber(ARGV[8]), cap = tonumber(ARGV[9]), leak = tonumber(ARGV[10]) }
}
local maxWait = tonumber(ARGV[11])
local function lane(i)
	local v = redis.call('HMGET', KEYS[i], 'level', 'at', 'nextAt')
	if not v[1] then return { level = 0, nextAt = now } end
	local leaked = math.max(0, now - tonumber(v[2])) / limits[i].leak
	return { level = math.max(0, tonumber(v[1]) - leaked), nextAt = tonumber(v[3]) }
end
local function save(i, level, nextAt)
	local f = function(x) return string.format('%.17g', x) end
	redis.call('HSET', KEYS[i], 'level', f(level), 'at', f(now), 'nextAt', f(nextAt))
	local ttl = math.max(nextAt - now, 0) + math.ceil(level * limits[i].leak) + 1000
	redis.call('PEXPIRE', KEYS[i], math.ceil(ttl))
end
local lanes = { lane(1), lane(2) }
if ARGV[1] == 'ok' then
	for i = 1, 2 do save(i, math.max(0, lanes[i].level - 1), lanes[i].nextAt) end
	return { 0, 0 }
end
local at = { math.max(now, lanes[1].nextAt), math.max(now, lanes[2].nextAt) }
local start = math.ceil(math.max(at[1], at[2]))
if start - now > maxWait then return { 1, start - now - maxWait } end
for i = 1, 2 do
	local level = lanes[i].level + 1
	local gap = 0
	if level >= limits[i].free then
		gap = math.min(limits[i].cap, limits[i].base * 2 ^ (level - limits[i].free))
	end
	save(i, level, at[i] + gap)
end
return { 0, start - now }
`;

const args = (limits: GuessLimits) =>
	[limits.free, limits.baseGapMs, limits.maxGapMs, limits.leakMs].map(String);

export function redisGuesses(
	client: RedisClientType,
	address: GuessLimits = ADDRESS_GUESSES,
	everywhere: GuessLimits = GLOBAL_GUESSES,
	maxWaitMs = MAX_GUESS_WAIT_MS,
	prefix = 'dais:guesses'
): GuessTurns {
	const insurance = new GuessThrottle(address, everywhere, maxWaitMs);
	const run = async (op: 'turn' | 'ok', key: string, now: number) => {
		const reply = (await client.eval(SCRIPT, {
			keys: [`${prefix}:${key}`, `${prefix}:*`],
			arguments: [op, String(now), ...args(address), ...args(everywhere), String(maxWaitMs)]
		})) as [number, number];
		return reply;
	};
	return {
		turn: async (key, now): Promise<Turn> => {
			try {
				const [refused, ms] = await run('turn', key, now);
				return refused ? { refusedMs: ms } : { waitMs: ms };
			} catch {
				return insurance.turn(key, now);
			}
		},
		succeeded: async (key, now) => {
			try {
				await run('ok', key, now);
			} catch {
				insurance.succeeded(key, now);
			}
		}
	};
}
