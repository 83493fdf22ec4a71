import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { dais } from './server/vite-plugin.ts';

export default defineConfig({
	plugins: [dais(), sveltekit()],
	test: {
		include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
		testTimeout: 20_000,
		hookTimeout: 30_000
	}
});
