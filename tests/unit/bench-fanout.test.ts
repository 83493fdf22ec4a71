import { describe, expect, it } from 'vitest';
import type { LoadPool } from '../../bench/load/pool.ts';
import { interleavedFanout } from '../../bench/scenarios/fanout.ts';
import type { Stage } from '../../bench/scenarios/stage.ts';

describe('interleavedFanout', () => {
	it("sets each crowd's watch first, and lets the load generators settle their heaps after each trigger is collected, before the next fires", async () => {
		const steps: string[] = [];
		const pool = {
			watch: async (crowdId: string, watch: string) => {
				steps.push(`watch ${crowdId} ${watch}`);
			},
			collect: async (crowdId: string, key: string) => {
				steps.push(`collect ${crowdId} ${key}`);
				// receipts 10 and 20 ms (µs on the clock) after the trigger at t = 1,000 µs
				return { times: [11_000, 21_000], expected: 2 };
			},
			settleHeaps: async () => {
				steps.push('settle');
				return [];
			}
		} as unknown as LoadPool;
		const stage = (name: string) =>
			({ target: { name }, pool, joined: 2, log: () => undefined }) as unknown as Stage;

		const result = await interleavedFanout(
			[stage('dais'), stage('socketio')],
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
			'fire dais 0',
			'collect dais k0',
			'settle',
			'fire socketio 0',
			'collect socketio k0',
			'settle',
			'fire socketio 1',
			'collect socketio k1',
			'settle',
			'fire dais 1',
			'collect dais k1',
			'settle'
		]);
		expect(result.get('dais')).toMatchObject({ triggers: 2, missing: 0 });
		expect(result.get('dais')!.allReceived.max).toBe(20);
	});
});
