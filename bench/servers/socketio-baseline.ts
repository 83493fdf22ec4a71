// The floor: a plain Socket.IO 4.8 server that answers the attendees' join, question lists
// and clock pings with the payloads Dais sends (a list: the slot's public questions) and
// `io.emit`s the same events to every client, with no validation, no store and no rooms.
// With BENCH_SQLITE_DIR it commits every question and vote to better-sqlite3 (WAL,
// synchronous=FULL, as Dais) before the ack: the write floor. With BENCH_REDIS_URL it is
// BENCH_WORKERS processes (node:cluster) on Socket.IO's Redis adapter, as Dais with WORKERS
// and REDIS_URL (the scale-out run), so an `io.emit` crosses Redis as Dais's broadcasts do.
import cluster from 'node:cluster';
import http from 'node:http';
import path from 'node:path';
import { createAdapter } from '@socket.io/redis-adapter';
import Database from 'better-sqlite3';
import { createClient } from 'redis';
import { Server } from 'socket.io';
import {
	questionFor,
	readPayload,
	VoteBook,
	type AskPayload,
	type VotePayload
} from './baseline-payload.ts';

const workers = Number(process.env.BENCH_WORKERS ?? 1);
if (workers > 1 && cluster.isPrimary) {
	for (let n = 0; n < workers; n++) cluster.fork();
	process.on('SIGTERM', () => {
		for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
		process.exit(0);
	});
} else await serve();

async function serve(): Promise<void> {
	const payload = readPayload(process.env);
	const port = Number(process.env.PORT);
	const trackId = 'main';
	let timer = { ...payload.timer };
	let premoderated = false;
	const votes = new VoteBook();
	const asked = new Map<string, ReturnType<typeof questionFor>>();

	const db = process.env.BENCH_SQLITE_DIR
		? new Database(path.join(process.env.BENCH_SQLITE_DIR, 'baseline.sqlite'))
		: null;
	db?.pragma('journal_mode = WAL');
	db?.pragma('synchronous = FULL');
	db?.exec(`CREATE TABLE IF NOT EXISTS question (id TEXT PRIMARY KEY, body TEXT NOT NULL);
		CREATE TABLE IF NOT EXISTS vote (question_id TEXT, voter TEXT, PRIMARY KEY (question_id, voter))`);
	const insertQuestion = db?.prepare('INSERT OR IGNORE INTO question (id, body) VALUES (?, ?)');
	const addVote = db?.prepare('INSERT OR IGNORE INTO vote (question_id, voter) VALUES (?, ?)');
	const removeVote = db?.prepare('DELETE FROM vote WHERE question_id = ? AND voter = ?');

	type Ack = (res: unknown) => void;
	const ok = (ack: unknown, data: unknown) =>
		typeof ack === 'function' && (ack as Ack)({ ok: true, data });

	const httpServer = http.createServer((_req, res) => res.writeHead(404).end());
	const redisUrl = process.env.BENCH_REDIS_URL;
	const redis = redisUrl ? createClient({ url: redisUrl }) : null;
	const subscriber = redis?.duplicate() ?? null;
	if (redis && subscriber) await Promise.all([redis.connect(), subscriber.connect()]);
	const io = new Server(httpServer, {
		...(redis && subscriber ? { adapter: createAdapter(redis, subscriber) } : {}),
		serveClient: false,
		pingInterval: Number(process.env.BENCH_HEARTBEAT_SECONDS ?? 25) * 1000
	});

	io.on('connection', (socket) => {
		socket.on('track:join', (_p: unknown, ack: unknown) =>
			ok(ack, { ...payload.snapshot, serverNow: Date.now() })
		);
		socket.on('question:list', (p: { slotId?: unknown }, ack: unknown) => {
			const counts = votes.counts(String(p?.slotId)).votes;
			const questions = Object.entries(counts).map(([id, n]) => ({ ...asked.get(id)!, votes: n }));
			ok(ack, { questions, mine: [], voted: [] });
		});
		socket.on('clock:ping', (_p: unknown, ack: unknown) => ok(ack, { serverNow: Date.now() }));
		socket.on('timer:start', (_p: unknown, ack: unknown) => ok(ack, timer));
		socket.on('timer:extend', (p: { deltaMs?: number }, ack: unknown) => {
			timer = {
				...timer,
				durationMs: timer.durationMs + (p.deltaMs ?? 0),
				version: timer.version + 1
			};
			io.emit('timer:state', timer);
			ok(ack, timer);
		});
		socket.on('questions:configure', (p: { premoderated?: boolean }, ack: unknown) => {
			premoderated = p.premoderated === true;
			ok(ack, { trackId, premoderated, closedSlotIds: [] });
		});
		socket.on('question:ask', (p: AskPayload, ack: unknown) => {
			const question = questionFor(p, trackId, Date.now());
			insertQuestion?.run(question.id, JSON.stringify(question));
			asked.set(question.id, question);
			votes.question(question.id, question.slotId, !premoderated);
			if (!premoderated) io.emit('question:updated', question);
			ok(ack, question);
		});
		socket.on('question:vote', (p: VotePayload, ack: unknown) => {
			const questionId = String(p.questionId);
			const vote = votes.vote(questionId, socket.id, p.voted === true);
			if (p.voted === true) addVote?.run(questionId, socket.id);
			else removeVote?.run(questionId, socket.id);
			if (vote && !premoderated) io.emit('question:votes', votes.voted(vote.slotId, questionId));
			ok(ack, { questionId, votes: vote?.count ?? 0, voted: p.voted === true });
		});
	});

	httpServer.listen(port, '127.0.0.1');
	process.on('SIGTERM', () => process.exit(0));
}
