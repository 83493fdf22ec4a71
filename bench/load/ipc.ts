// The messages between the benchmark driver and its load-generator child processes (Node
// IPC with structured-clone serialisation). Every request carries an id and gets exactly one
// reply with that id. Times are µs on process.hrtime's clock, which on Linux is the same
// monotonic clock in every process, so the driver can subtract its trigger times from them.
import { z } from 'zod';

/** socketio: a socket.io-client attendee (Dais or the Socket.IO baseline); ws: raw `ws`. */
export const ClientKind = z.enum(['socketio', 'ws']);
export type ClientKind = z.infer<typeof ClientKind>;

export const Crowd = z.strictObject({
	kind: ClientKind,
	url: z.string(),
	trackId: z.string(),
	/** clock:ping round trips after each join, as the page does */
	pings: z.number().int().min(0)
});
export type Crowd = z.infer<typeof Crowd>;

export const WriteMode = z.enum(['ask', 'vote']);
export type WriteMode = z.infer<typeof WriteMode>;

/** Which of the generator's crowds (one per server under test) a request is about. */
const CrowdId = z.string().min(1);

export const Request = z.discriminatedUnion('type', [
	z.strictObject({
		type: z.literal('connect'),
		crowdId: CrowdId,
		crowd: Crowd,
		count: z.number().int().min(0),
		batch: z.number().int().min(1),
		pauseMs: z.number().min(0),
		timeoutMs: z.number().int().min(1)
	}),
	/** keep the receipts of this watch (bench/load/keys.ts), and only those */
	z.strictObject({ type: z.literal('watch'), crowdId: CrowdId, watch: z.string() }),
	z.strictObject({
		type: z.literal('collect'),
		crowdId: CrowdId,
		key: z.string(),
		timeoutMs: z.number().int()
	}),
	z.strictObject({ type: z.literal('count-events'), crowdId: CrowdId }),
	z.strictObject({
		type: z.literal('storm-arm'),
		crowdId: CrowdId,
		expectVersion: z.number().int().nullable()
	}),
	z.strictObject({ type: z.literal('storm-wait'), crowdId: CrowdId, timeoutMs: z.number().int() }),
	z.strictObject({
		type: z.literal('write'),
		crowd: Crowd,
		mode: WriteMode,
		writers: z.number().int().min(1),
		durationMs: z.number().int().min(1),
		slotId: z.string(),
		questionIds: z.array(z.string())
	}),
	z.strictObject({ type: z.literal('disconnect'), crowdId: CrowdId }),
	z.strictObject({ type: z.literal('settle-heap') })
]);
export type Request = z.infer<typeof Request>;
export type RequestType = Request['type'];

const Times = z.array(z.number());

export const results = {
	connect: z.strictObject({ joined: z.number(), failed: z.number(), ms: z.number() }),
	watch: z.strictObject({ watching: z.string() }),
	/** receipt times (µs) of the attendees that got the key, and how many were expected */
	collect: z.strictObject({ times: Times, expected: z.number() }),
	/** events (not Socket.IO pings) received since the previous count */
	'count-events': z.strictObject({ events: z.number() }),
	'storm-arm': z.strictObject({ armed: z.number() }),
	/** per attendee: when it held the expected snapshot, and when its clock sync was done */
	'storm-wait': z.strictObject({
		connected: Times,
		settled: Times,
		synced: Times,
		/** connection attempts of each attendee, and the failed ones by error message */
		attempts: Times,
		errors: z.record(z.string(), z.number()),
		stale: z.number(),
		unsettled: z.number(),
		expected: z.number()
	}),
	/** ack latencies in ms of the acks that were ok; other acks counted by error code */
	write: z.strictObject({
		latenciesMs: Times,
		errors: z.record(z.string(), z.number()),
		elapsedMs: z.number(),
		writers: z.number()
	}),
	disconnect: z.strictObject({ closed: z.number() }),
	/** whether the generator ran a full garbage collection, and for how long (ms) */
	'settle-heap': z.strictObject({ collected: z.boolean(), ms: z.number() })
} satisfies Record<RequestType, z.ZodType>;

export type Results = { [T in RequestType]: z.infer<(typeof results)[T]> };

export const Envelope = z.strictObject({ id: z.number().int(), request: Request });
export const Reply = z.union([
	z.strictObject({ id: z.number().int(), ok: z.literal(true), result: z.unknown() }),
	z.strictObject({ id: z.number().int(), ok: z.literal(false), error: z.string() })
]);
export type Reply = z.infer<typeof Reply>;

/** Now, in µs, on the machine-wide monotonic clock. */
export const nowUs = (): number => Number(process.hrtime.bigint() / 1000n);
