import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { dais } from './server/vite-plugin.ts';

const THEME = '#1e3a5f';
/**
 * What every page loads, as one chunk instead of many small ones: the runtimes, the socket
 * and IndexedDB clients, and the layout's client state with the pure code it runs on (none
 * of it imports zod). Console-only code stays in its route's chunks, and what a page needs
 * only at times (what changed while away, whether a waiting version is news, refused writes
 * and the notices about them) is imported when it is needed (tests/e2e/budget.e2e.ts).
 */
const CORE = [
	/node_modules\/(svelte|@sveltejs\/kit|esm-env|devalue|socket\.io-client|engine\.io-client|engine\.io-parser|socket\.io-parser|@socket\.io|idb)\//,
	/vite\/preload-helper/,
	/src\/lib\/client\/(app-update|clock|clock-math|connection|context|device-store|live-track|offline|outbox|ticker|db|uuid|labels|unused-transports|question-board|question-list|stars)(\.svelte)?\.ts$/,
	/src\/lib\/shared\/(timer|schedule|time-format|countdown-cues|version-order|protocol-version|stage|questions|question-text|quoted)\.ts$/,
	/src\/lib\/components\/(EventHeader|ConnectionBadge|Countdown|SlotTime|CurrentSlot|NextSlot|AgendaList|Questions|AskForm|StarButton|AgendaTools)\.svelte$/
];

/**
 * Svelte's helpers for two-way bindings on inputs and selects: only the console's forms (and
 * the track picker, loaded when needed) use them, but as part of the svelte runtime they would
 * land in `core`, so they get a chunk of their own.
 */
const FORMS =
	/node_modules\/svelte\/src\/internal\/client\/dom\/elements\/bindings\/(input|select)\.js$/;

/**
 * engine.io-client's WebTransport and HTTP long-polling transports are never used (Dais
 * connects over websocket only, connection.svelte.ts): their imports are answered with stubs,
 * which keeps them and their codecs off the attendee page's budget.
 */
const UNUSED_TRANSPORTS = /\/(webtransport|polling-xhr(\.node)?|polling-fetch)\.js$/;
const unusedTransports: Plugin = {
	name: 'dais-unused-transports',
	enforce: 'pre',
	resolveId(source, importer) {
		if (UNUSED_TRANSPORTS.test(source) && importer?.includes('/engine.io-client/')) {
			return fileURLToPath(new URL('./src/lib/client/unused-transports.ts', import.meta.url));
		}
		return null;
	}
};

export default defineConfig({
	plugins: [
		unusedTransports,
		dais(),
		sveltekit(),
		// The web app manifest, the icons (made at build time from static/icon.svg) and the
		// service worker's precache list; src/service-worker.ts is the worker itself.
		SvelteKitPWA({
			strategies: 'injectManifest',
			srcDir: 'src',
			filename: 'service-worker.ts',
			registerType: 'prompt',
			injectRegister: false,
			manifest: {
				id: '/',
				name: 'Dais — live conference agenda',
				short_name: 'Dais',
				description:
					'The live agenda of a conference track: what is on now, how long it has left, and what comes next.',
				start_url: '/',
				scope: '/',
				display: 'standalone',
				orientation: 'any',
				theme_color: THEME,
				background_color: '#f6f6f3',
				lang: 'en'
			},
			pwaAssets: {
				image: 'static/icon.svg',
				overrideManifestIcons: true,
				includeHtmlHeadLinks: false,
				injectThemeColor: false,
				preset: {
					transparent: { sizes: [64, 192, 512], favicons: [[48, 'favicon.ico']] },
					// The icon is drawn on its own full-bleed background: keep it for the safe zone.
					maskable: { sizes: [512], padding: 0.2, resizeOptions: { background: THEME } },
					apple: { sizes: [180], padding: 0.1, resizeOptions: { background: THEME } }
				}
			},
			injectManifest: {
				globPatterns: ['client/**/*.{js,css,ico,png,svg,webp,webmanifest}'],
				globIgnores: ['server/**', 'client/screenshots/**', 'client/service-worker.js'],
				// set, so that the SvelteKit integration adds no prerendered/ pattern (nothing is prerendered)
				modifyURLPrefix: {}
			}
		})
	],
	build: {
		// One JS bundle for the whole app (svelte.config.js): terser packs it a few KB tighter
		// than esbuild, which keeps / within its 60 KB budget (tests/e2e/budget.e2e.ts).
		minify: 'terser',
		terserOptions: {
			module: true,
			ecma: 2020,
			compress: { passes: 3 },
			format: { comments: false }
		},
		rollupOptions: {
			output: {
				manualChunks: (id) => {
					if (FORMS.test(id)) return 'forms';
					return CORE.some((pattern) => pattern.test(id)) ? 'core' : undefined;
				}
			}
		}
	},
	test: {
		include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
		testTimeout: 20_000,
		hookTimeout: 30_000
	}
});
