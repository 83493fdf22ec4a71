// A phone that loses the server and gets it back (a restart) rejoins like the crowd in the
// reconnect-storm benchmark: it names the event it holds and is answered without it, and it
// does not sync its clock again; an agenda edit it heard live makes the next rejoin fetch
// the whole event again, and it still shows what the server holds.
import { expect, test, type Page } from '@playwright/test';
import { io } from 'socket.io-client';
import { PROTOCOL_VERSION } from '../../src/lib/shared/protocol-version.ts';
import { PASSCODE, spawnServer, waitForLive, type SpawnedServer } from './support.ts';

let server: SpawnedServer | undefined;
test.afterEach(async () => {
	await server?.stop();
	server = undefined;
});

type Frames = { joins: string[]; answers: string[]; pings: number };

/** Records the page's track:join frames, their answers and its clock pings. */
function recordFrames(page: Page): Frames {
	const frames: Frames = { joins: [], answers: [], pings: 0 };
	page.on('websocket', (ws) => {
		ws.on('framesent', ({ payload }) => {
			const text = String(payload);
			if (text.includes('"track:join"')) frames.joins.push(text);
			if (text.includes('"clock:ping"')) frames.pings++;
		});
		ws.on('framereceived', ({ payload }) => {
			const text = String(payload);
			if (text.includes('"eventTag"')) frames.answers.push(text);
		});
	});
	return frames;
}

async function renameSlot(url: string, title: string): Promise<void> {
	const res = await fetch(`${url}/api/chair/session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: url },
		body: JSON.stringify({ passcode: PASSCODE })
	});
	const cookie = res.headers.getSetCookie()[0]!.split(';')[0]!;
	const snapshot = (await (await fetch(`${url}/api/snapshot`)).json()) as {
		event: { agendaVersion: number; tracks: { id: string; slots: { id: string }[] }[] };
	};
	const track = snapshot.event.tracks[0]!;
	const socket = io(url, {
		transports: ['websocket'],
		auth: { protocolVersion: PROTOCOL_VERSION },
		extraHeaders: { cookie, origin: url }
	});
	try {
		const ack = await socket.timeout(5000).emitWithAck('agenda:update-slot', {
			trackId: track.id,
			expectedAgendaVersion: snapshot.event.agendaVersion,
			slotId: track.slots.at(-1)!.id,
			patch: { title }
		});
		expect(ack).toMatchObject({ ok: true });
	} finally {
		socket.disconnect();
	}
}

test('a page back from a server restart rejoins without the agenda or a new clock sync', async ({
	page
}) => {
	server = await spawnServer();
	const { url, dataDir, port } = server;
	const frames = recordFrames(page);
	await page.goto(`${url}/`);
	await waitForLive(page);
	await expect.poll(() => frames.pings).toBe(5);
	expect(frames.joins[0]).toContain('"eventTag"');
	expect(frames.answers[0]).not.toContain('"event":');

	await server.stop();
	await expect(page.getByTestId('connection')).not.toHaveAttribute('data-status', 'live');
	server = await spawnServer({ dataDir, port });
	await waitForLive(page);
	await expect.poll(() => frames.answers.length).toBe(2);
	expect(frames.joins[1]).toContain('"eventTag"');
	expect(frames.answers[1]).not.toContain('"event":');
	expect(frames.pings).toBe(5);

	await renameSlot(url, 'Renamed while the page listened');
	const renamed = page.getByTestId('agenda-slot').filter({ hasText: 'Renamed while the page' });
	await expect(renamed).toHaveCount(1);
	await server.stop();
	server = await spawnServer({ dataDir, port });
	await expect.poll(() => frames.answers.length, { timeout: 15_000 }).toBe(3);
	await waitForLive(page);
	expect(frames.joins[2]).not.toContain('"eventTag"');
	expect(frames.answers[2]).toContain('"event":');
	await expect(renamed).toHaveCount(1);
});
