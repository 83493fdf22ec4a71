import { describe, expect, it } from 'vitest';
import type { LoadPool } from '../../bench/load/pool.ts';
import { interleavedFanout, WARMUP_ROUNDS } from '../../bench/scenarios/fanout.ts';
import type { Stage } from '../../bench/scenarios/stage.ts';

/** A pool whose attendees receive trigger i's key `late(i)` ms after it fires (t = 1,000 µs). */
function fakePool(steps: string[], late: (key: string) => number[]) {
	return {
		watch: async (crowdId: string, watch: string) => {
			steps.push(`watch ${crowdId} ${watch}`);
		},
		collect: async (crowdId: string, key: string) => {
			steps.push(`collect ${crowdId} ${key}`);
			return { times: late(key).map((ms) => 1000 + ms * 1000), expected: 2 };
		},
		settleHeaps: async () => {
			steps.push('settle');
			return [];
		}
	} as unknown as LoadPool;
}

const stage = (name: string, pool: LoadPool) =>
	({ target: { name }, pool, joined: 2, log: () => undefined }) as unknown as Stage;

describe('interleavedFanout', () => {
	it("sets each crowd's watch first, and lets the load generators settle their heaps after each trigger is collected, before the next fires", async () => {
		expect(WARMUP_ROUNDS).toBe(1);
		const steps: string[] = [];
		const pool = fakePool(steps, () => [10, 20]);
		const result = await interleavedFanout(
			[stage('dais', pool), stage('socketio', pool)],
			2,
			(s) => `w-${s.target.name}`,
			async (s, i) => {
				steps.push(`fire ${s.target.name} ${i}`);
				return { t0: 1000, key: `k${i}` };
			}
		);

		expect(steps).toEqual([
			'watch dais w-dais',
			'watch socketio w-socketio',
			// the warm-up round
			'fire dais 0',
			'collect dais k0',
			'settle',
			'fire socketio 0',
			'collect socketio k0',
			'settle',
			// the measured rounds, in a rotating order
			'fire socketio 1',
			'collect socketio k1',
			'settle',
			'fire dais 1',
			'collect dais k1',
			'settle',
			'fire dais 2',
			'collect dais k2',
			'settle',
			'fire socketio 2',
			'collect socketio k2',
			'settle'
		]);
		expect(result.get('dais')).toMatchObject({ triggers: 2, missing: 0 });
		expect(result.get('dais')!.allReceived.max).toBe(20);
	});

	it("keeps the warm-up round's triggers out of the measured numbers, and reports their p99 apart", async () => {
		const steps: string[] = [];
		// the warm-up trigger is slow and reaches only one of two attendees
		const pool = fakePool(steps, (key) => (key === 'k0' ? [500] : [10, 20]));
		const result = await interleavedFanout(
			[stage('dais', pool)],
			3,
			() => 'w',
			async (_s, i) => ({ t0: 1000, key: `k${i}` })
		);

		const dais = result.get('dais')!;
		expect(dais.triggers).toBe(3);
		expect(dais.latency.count).toBe(6);
		expect(dais.latency.max).toBe(20);
		expect(dais.triggerP99.count).toBe(3);
		expect(dais.missing).toBe(0);
		expect(dais.warmupP99).toEqual([500]);
	});
});
