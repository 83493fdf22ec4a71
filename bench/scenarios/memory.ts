// Scenario 4: server memory per connected attendee. RSS: (RSS with the crowds connected -
// RSS of the same server before anyone connected) / attendees, each sampled after a full
// garbage collection and a pause (median of 5 samples), since V8's heap breathes. Live: the
// same difference of what the server's heap and external buffers hold after that GC.
import { sleep } from '../load/recorder.ts';
import { rssKiB, type Server } from '../proc.ts';
import { median } from '../stats.ts';

export type MemorySample = { rssKiB: number; liveKiB: number };
export type Memory = {
	idle: MemorySample;
	loaded: MemorySample;
	rssPerAttendeeKiB: number;
	livePerAttendeeKiB: number;
};

const SETTLE_MS = 2000;

export async function sampleMemory(server: Server): Promise<MemorySample> {
	const usage = await server.memoryAfterGc();
	await sleep(SETTLE_MS);
	const values: number[] = [];
	for (let i = 0; i < 5; i++) {
		values.push(rssKiB(server.pid));
		await sleep(200);
	}
	return { rssKiB: median(values), liveKiB: (usage.heapUsed + usage.external) / 1024 };
}

export function memoryCost(idle: MemorySample, loaded: MemorySample, attendees: number): Memory {
	const per = (a: number, b: number) => (attendees > 0 ? (b - a) / attendees : Number.NaN);
	return {
		idle,
		loaded,
		rssPerAttendeeKiB: per(idle.rssKiB, loaded.rssKiB),
		livePerAttendeeKiB: per(idle.liveKiB, loaded.liveKiB)
	};
}
