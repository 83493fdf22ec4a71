// Closed-loop writers for the durable-writes scenario: each writer is a device of its own
// (a fresh socket that joins like an attendee), sends its next write as soon as the previous
// one is acked, and stops at the deadline. A `rate_limited` ack makes it wait as asked.
// Asks carry fresh UUIDs; votes toggle, so every acked vote changes the stored state. Each
// write carries a fresh commandId, as the page's outbox sends it (Dais records it with the
// write, so a retry is applied once).
import crypto from 'node:crypto';
import type { Crowd, Results, WriteMode } from './ipc.ts';
import { nowUs } from './ipc.ts';
import { sioAttendee, type SioAttendee } from './attendee.ts';
import { sleep } from './recorder.ts';

const ACK_TIMEOUT_MS = 10_000;

type Ack = { ok: boolean; error?: { code?: string; retryAfterMs?: number } };

export type WriteJob = {
	crowd: Crowd;
	mode: WriteMode;
	writers: number;
	durationMs: number;
	slotId: string;
	questionIds: string[];
};

export async function runWriters(job: WriteJob): Promise<Results['write']> {
	const writers: SioAttendee[] = [];
	for (let i = 0; i < job.writers; i++) writers.push(sioAttendee(job.crowd, null));
	await Promise.all(writers.map((w) => w.joined));
	const latenciesMs: number[] = [];
	const errors: Record<string, number> = {};
	const started = Date.now();
	const deadline = started + job.durationMs;

	const loop = async (writer: SioAttendee, w: number) => {
		const voted = new Map<string, boolean>();
		for (let i = 0; Date.now() < deadline; i++) {
			const [name, payload, after] = nextWrite(job, w, i, voted);
			const t0 = nowUs();
			let ack: Ack;
			try {
				ack = (await writer.socket.timeout(ACK_TIMEOUT_MS).emitWithAck(name, payload)) as Ack;
			} catch {
				errors.timeout = (errors.timeout ?? 0) + 1;
				continue;
			}
			if (ack.ok) {
				latenciesMs.push((nowUs() - t0) / 1000);
				after();
				continue;
			}
			const code = ack.error?.code ?? 'unknown';
			errors[code] = (errors[code] ?? 0) + 1;
			const wait = ack.error?.retryAfterMs;
			if (wait) await sleep(Math.min(wait, Math.max(0, deadline - Date.now())));
		}
	};
	await Promise.all(writers.map(loop));
	const elapsedMs = Date.now() - started;
	for (const w of writers) w.close();
	return { latenciesMs, errors, elapsedMs, writers: writers.length };
}

function nextWrite(
	job: WriteJob,
	w: number,
	i: number,
	voted: Map<string, boolean>
): [string, object, () => void] {
	if (job.mode === 'ask') {
		const payload = {
			id: crypto.randomUUID(),
			slotId: job.slotId,
			text: `Bench question ${w}.${i}: how does the restore path cope with open sockets?`,
			commandId: crypto.randomUUID()
		};
		return ['question:ask', payload, () => undefined];
	}
	const questionId = job.questionIds[(w + i) % job.questionIds.length]!;
	const next = !voted.get(questionId);
	return [
		'question:vote',
		{ questionId, voted: next, commandId: crypto.randomUUID() },
		() => voted.set(questionId, next)
	];
}
