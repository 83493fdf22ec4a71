// The transport floor: a raw `ws` server that sends the snapshot on connect and broadcasts
// each event, serialised once, to every client (the sender included: that is its ack).
// Messages are JSON `{ event, payload }` both ways; anything else is ignored.
import http from 'node:http';
import { WebSocketServer } from 'ws';
import {
	questionFor,
	readPayload,
	VoteBook,
	type AskPayload,
	type VotePayload
} from './baseline-payload.ts';

const payload = readPayload(process.env);
const port = Number(process.env.PORT);
const trackId = 'main';
let timer = { ...payload.timer };
const votes = new VoteBook();

const httpServer = http.createServer((_req, res) => res.writeHead(404).end());
const wss = new WebSocketServer({ server: httpServer, perMessageDeflate: false });

const broadcast = (event: string, body: unknown) => {
	const data = Buffer.from(JSON.stringify({ event, payload: body }));
	for (const client of wss.clients) client.send(data, { binary: false });
};

wss.on('connection', (ws) => {
	ws.send(
		JSON.stringify({ event: 'snapshot', payload: { ...payload.snapshot, serverNow: Date.now() } })
	);
	ws.on('message', (data) => {
		let message: { event?: unknown; payload?: unknown };
		try {
			message = JSON.parse(String(data)) as typeof message;
		} catch {
			return;
		}
		const p = (message.payload ?? {}) as Record<string, unknown>;
		if (message.event === 'timer:extend') {
			const deltaMs = typeof p.deltaMs === 'number' ? p.deltaMs : 0;
			timer = { ...timer, durationMs: timer.durationMs + deltaMs, version: timer.version + 1 };
			broadcast('timer:state', timer);
		} else if (message.event === 'question:ask') {
			const question = questionFor(p as AskPayload, trackId, Date.now());
			votes.question(question.id, question.slotId);
			broadcast('question:updated', question);
		} else if (message.event === 'question:vote') {
			const v = p as VotePayload;
			const vote = votes.vote(String(v.questionId), String(v.voter), v.voted === true);
			if (vote) broadcast('question:votes', votes.voted(vote.slotId, String(v.questionId)));
		}
	});
	ws.on('error', () => undefined);
});

httpServer.listen(port, '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
