import { defineConfig } from '@playwright/test';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// End-to-end tests run against the production build (`npm run build` first) served by the
// real server on a fresh data dir, in Debian's Chromium when it is installed (browser
// downloads are not possible on the machines this runs on).
const port = Number(process.env.E2E_PORT ?? 4173);
export const E2E_PASSCODE = 'e2e-chair-passcode';
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'dais-e2e-'));
process.env.E2E_DATA_DIR = dataDir;
const systemChromium = '/usr/bin/chromium';

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: process.env.CI ? [['list']] : [['list']],
	use: {
		baseURL: `http://localhost:${port}`,
		trace: 'off',
		launchOptions: {
			executablePath: existsSync(systemChromium) ? systemChromium : undefined,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run'
			]
		}
	},
	webServer: {
		command: 'npm run serve',
		url: `http://localhost:${port}/api/health`,
		reuseExistingServer: false,
		timeout: 60_000,
		stdout: 'pipe',
		stderr: 'pipe',
		env: {
			PORT: String(port),
			DATA_DIR: dataDir,
			CHAIR_PASSCODE: E2E_PASSCODE,
			PUBLIC_URL: `http://localhost:${port}`
		}
	}
});
