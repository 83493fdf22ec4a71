// The production entry's start-up: SvelteKit's build loads while the server starts
// listening, so a page asked for at once must wait for it and be served, and a build that
// cannot load must stop the server with its reason rather than leave pages unanswered.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { PASSCODE } from './support.ts';

/** `node <entry>` on a fresh data dir and a port the system picks; its output as it comes. */
function start(entry: string) {
	const child = spawn(process.execPath, [entry], {
		stdio: ['ignore', 'pipe', 'pipe'],
		env: {
			...process.env,
			PORT: '0',
			HOST: '127.0.0.1',
			DATA_DIR: mkdtempSync(join(tmpdir(), 'dais-e2e-startup-')),
			CHAIR_PASSCODE: PASSCODE,
			LOG_LEVEL: 'warn'
		}
	});
	const output = { stdout: '', stderr: '' };
	child.stdout.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
	const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
	return { child, output, exited };
}

test('a page asked for the moment the server listens is served', async () => {
	const server = start('build/dais-server.js');
	try {
		let url: string | undefined;
		await expect
			.poll(() => (url = /Attendees: +(http:\/\/\S+?)\/$/m.exec(server.output.stdout)?.[1]), {
				intervals: [5]
			})
			.toBeTruthy();
		const page = await fetch(`${url}/`);
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('<html');
	} finally {
		server.child.kill('SIGTERM');
		await server.exited;
	}
});

test('a build whose pages cannot load stops the server with the reason', async () => {
	// the production entry beside a broken SvelteKit handler, with the project's packages,
	// migrations and seed where it looks for them
	const root = mkdtempSync(join(tmpdir(), 'dais-e2e-broken-build-'));
	mkdirSync(join(root, 'build'));
	copyFileSync('build/dais-server.js', join(root, 'build', 'dais-server.js'));
	writeFileSync(join(root, 'build', 'handler.js'), "throw new Error('a broken build');\n");
	symlinkSync(resolve('node_modules'), join(root, 'node_modules'));
	symlinkSync(resolve('server'), join(root, 'server'));
	const server = start(join(root, 'build', 'dais-server.js'));
	expect(await server.exited).toBe(1);
	expect(server.output.stderr).toMatch(/could not load .*handler\.js: a broken build/);
});
