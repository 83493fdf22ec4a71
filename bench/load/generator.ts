// A load-generator child process: holds crowds of simulated attendees (one per server under
// test, so that triggers to different servers can alternate) and answers the driver's
// requests (bench/load/ipc.ts) over Node IPC. It exits when the driver goes away, or at
// BENCH_DEADLINE_MS, whichever comes first.
import { sioAttendee, wsAttendee, type Attendee } from './attendee.ts';
import { Envelope, type Request, type Results } from './ipc.ts';
import { HeapSettler } from './heap.ts';
import { Recorder, sleep } from './recorder.ts';
import { runWriters } from './writers.ts';

const deadlineMs = Number(process.env.BENCH_DEADLINE_MS ?? 15 * 60_000);
setTimeout(() => process.exit(4), deadlineMs).unref();
process.on('disconnect', () => process.exit(0));

type CrowdState = { recorder: Recorder; attendees: Attendee[]; joined: number };
const crowds = new Map<string, CrowdState>();
const heap = new HeapSettler(globalThis.gc);

function crowd(id: string): CrowdState {
	let state = crowds.get(id);
	if (!state) crowds.set(id, (state = { recorder: new Recorder(), attendees: [], joined: 0 }));
	return state;
}

const withTimeout = (p: Promise<void>, ms: number) =>
	Promise.race([p.then(() => true), sleep(ms).then(() => false)]);

async function handle(request: Request): Promise<Results[Request['type']]> {
	switch (request.type) {
		case 'connect': {
			const started = Date.now();
			const state = crowd(request.crowdId);
			const make = request.crowd.kind === 'ws' ? wsAttendee : sioAttendee;
			let failed = 0;
			for (let done = 0; done < request.count; done += request.batch) {
				const size = Math.min(request.batch, request.count - done);
				const batch = Array.from({ length: size }, () => make(request.crowd, state.recorder));
				state.attendees.push(...batch);
				const ok = await Promise.all(batch.map((a) => withTimeout(a.joined, request.timeoutMs)));
				state.joined += ok.filter(Boolean).length;
				failed += ok.filter((x) => !x).length;
				if (request.pauseMs > 0) await sleep(request.pauseMs);
			}
			return { joined: state.joined, failed, ms: Date.now() - started };
		}
		case 'watch':
			crowd(request.crowdId).recorder.watch(request.watch);
			return { watching: request.watch };
		case 'collect': {
			const state = crowd(request.crowdId);
			return {
				times: await state.recorder.collect(request.key, state.joined, request.timeoutMs),
				expected: state.joined
			};
		}
		case 'count-events':
			return { events: crowd(request.crowdId).recorder.takeEvents() };
		case 'storm-arm': {
			const state = crowd(request.crowdId);
			state.recorder.armStorm(request.expectVersion);
			return { armed: state.attendees.length };
		}
		case 'storm-wait': {
			const state = crowd(request.crowdId);
			return state.recorder.stormResult(state.attendees.length, request.timeoutMs);
		}
		case 'write':
			return runWriters(request);
		case 'disconnect': {
			const state = crowd(request.crowdId);
			for (const a of state.attendees) a.close();
			crowds.delete(request.crowdId);
			return { closed: state.attendees.length };
		}
		case 'settle-heap':
			return heap.settle();
		default:
			return request satisfies never;
	}
}

process.on('message', (raw: unknown) => {
	const parsed = Envelope.safeParse(raw);
	if (!parsed.success) {
		process.stderr.write(`generator: bad request ${parsed.error.message}\n`);
		return;
	}
	const { id, request } = parsed.data;
	handle(request).then(
		(result) => process.send?.({ id, ok: true, result }),
		(err: unknown) => process.send?.({ id, ok: false, error: String(err) })
	);
});
