import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	// No `window.__svelte.v` (the runtime's version for DevTools): bytes off the 60 KB budget.
	compilerOptions: { discloseVersion: false },
	kit: {
		adapter: adapter({ out: 'build' }),
		// Per-route chunks, so the console's code never reaches an attendee's phone; what every
		// page needs is one `core` chunk (vite.config.ts). The service worker precaches all of
		// them, so a page opened offline for the first time has what it needs.
		output: { bundleStrategy: 'split' },
		// src/lib/client/offline/app-update.svelte.ts registers it, to offer updates instead of forcing them
		serviceWorker: { register: false },
		// Absolute asset addresses: offline, the service worker answers any address with the
		// start page's copy, whose relative ones ("./_app/…") would miss under /slot/.
		paths: { relative: false },
		alias: {
			'#shared/*': 'src/lib/shared/*'
		},
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'connect-src': ['self'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'frame-ancestors': ['none'],
				'form-action': ['self']
			}
		}
	}
};

export default config;
