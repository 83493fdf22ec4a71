// The join link from the room, on a server of the test's own started without PUBLIC_URL (as
// on a laptop at the venue): the banner lists the addresses phones on the venue network can
// use, and a stage display opened at localhost shows a QR code and a text that point at the
// first of them, never at a loopback address; the chair console shows the same address.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { venueAddresses } from '../../server/http/join-url.ts';
import { qrSvg } from '../../server/http/qr.ts';
import { PASSCODE, signInAsChair } from './support.ts';

function startWithoutPublicUrl() {
	const env: NodeJS.ProcessEnv = {
		...process.env,
		PORT: '0',
		HOST: '0.0.0.0',
		DATA_DIR: mkdtempSync(join(tmpdir(), 'dais-e2e-join-')),
		CHAIR_PASSCODE: PASSCODE,
		LOG_LEVEL: 'warn'
	};
	delete env.PUBLIC_URL;
	delete env.ORIGIN;
	const child = spawn(process.execPath, ['build/dais-server.js'], {
		stdio: ['ignore', 'pipe', 'pipe'],
		env
	});
	const output = { stdout: '' };
	child.stdout.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
	const exited = new Promise<void>((done) => child.once('exit', () => done()));
	return { child, output, exited };
}

test('without PUBLIC_URL the banner, the stage’s QR code and the console give a venue address', async ({
	browser
}) => {
	const venue = venueAddresses(os.networkInterfaces(), '0.0.0.0', 1).map((a) => a.url);
	test.skip(venue.length === 0, 'this machine is on no network');
	const server = startWithoutPublicUrl();
	try {
		let url: string | undefined;
		await expect
			.poll(() => (url = /Attendees: +(http:\/\/\S+?)\/$/m.exec(server.output.stdout)?.[1]))
			.toBeTruthy();
		await expect.poll(() => server.output.stdout).toContain('Chair:');
		const port = Number(new URL(url!).port);
		const phones = venueAddresses(os.networkInterfaces(), '0.0.0.0', port);
		for (const { url: address, interface: name } of phones) {
			expect(server.output.stdout).toContain(`  Phones:     ${address}/  (${name})`);
		}
		expect(server.output.stdout).toMatch(
			/ {2}Stage: +http:\/\/localhost:\d+\/stage#key=\d+\.\S+$/m
		);
		const joinUrl = `${phones[0]!.url}/`;
		expect(joinUrl).not.toMatch(/localhost|127\.0\.0\.1|\[::1\]/);

		const contexts = await Promise.all([browser.newContext(), browser.newContext()]);
		const [stage, chair] = await Promise.all(contexts.map((c) => c.newPage()));
		await stage!.goto(`${url}/stage`);
		await expect(stage!.getByTestId('stage-join-url')).toHaveText(joinUrl.replace('http://', ''));
		const qr = await stage!.request.get(`${url}/api/qr.svg?track=${await trackOf(url!)}`);
		expect(await qr.text()).toBe(await qrSvg(joinUrl));
		await expect(stage!.getByTestId('stage-qr')).toHaveAttribute(
			'alt',
			`QR code of the attendee page, ${joinUrl.replace('http://', '')}`
		);

		await signInAsChair(chair!, url);
		await expect(chair!.getByTestId('chair-join-url')).toHaveText(joinUrl.replace('http://', ''));
		await Promise.all(contexts.map((c) => c.close()));
	} finally {
		server.child.kill('SIGTERM');
		await server.exited;
	}
});

async function trackOf(url: string): Promise<string> {
	const snapshot = (await (await fetch(`${url}/api/snapshot`)).json()) as {
		event: { tracks: { id: string }[] };
	};
	return snapshot.event.tracks[0]!.id;
}
