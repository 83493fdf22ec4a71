// Window limits shared by every Dais process through Redis (rate-limiter-flexible's
// RateLimiterRedis: one fixed window per key, counted atomically by a Lua script). While Redis
// is unreachable each process counts in memory (the insurance limiter), so a Redis outage
// loosens the limits to one process's share, never lifts them and never refuses everyone.
// Times come from Redis's key expiry, not the injected clock.
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { RedisClientType } from 'redis';
import type { Limits, LimitsFactory } from './rate-limit.ts';

export function redisLimits(client: RedisClientType, prefix = 'dais'): LimitsFactory {
	return <N extends string>(limits: Record<N, number>, windowMs: number): Limits<N> => {
		const duration = Math.max(1, Math.round(windowMs / 1000));
		const limiters = new Map<N, RateLimiterRedis>();
		for (const name of Object.keys(limits) as N[]) {
			const points = limits[name];
			limiters.set(
				name,
				new RateLimiterRedis({
					storeClient: client,
					useRedisPackage: true,
					rejectIfRedisNotReady: true,
					keyPrefix: `${prefix}:${name}`,
					points,
					duration,
					insuranceLimiter: new RateLimiterMemory({ keyPrefix: name, points, duration })
				})
			);
		}
		return {
			take: async (hits) => {
				const taken = await Promise.allSettled(
					hits.map(([name, key]) => limiters.get(name)!.consume(key))
				);
				const refused = taken.flatMap((t) =>
					t.status === 'rejected' && t.reason instanceof RateLimiterRes ? [t.reason] : []
				);
				const failed = taken.find((t) => t.status === 'rejected' && !refused.includes(t.reason));
				if (refused.length === 0 && !failed) return 0;
				// a refused consume counted its hit too: give every hit back
				await Promise.allSettled(hits.map(([name, key]) => limiters.get(name)!.reward(key)));
				if (failed?.status === 'rejected') throw failed.reason;
				return Math.max(1, ...refused.map((r) => r.msBeforeNext));
			}
		};
	};
}
