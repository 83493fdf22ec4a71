import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { dais } from './server/vite-plugin.ts';

const THEME = '#1e3a5f';
/**
 * What the attendee page `/` loads on a first visit, as one chunk (`core`) instead of many
 * small ones: the modules the root layout and the attendee page import statically, and what
 * those import in turn (Rollup puts a chunk's static imports in it). Other pages share it;
 * their own code stays in their chunks, and what a page needs only at times (what changed
 * while away, whether a waiting version is news, refused writes and the notices about them)
 * is loaded with `import()` when it is needed (tests/e2e/budget.e2e.ts).
 */
const FIRST_VISIT = ['src/routes/+layout.svelte', 'src/routes/+page.svelte'].map((file) =>
	fileURLToPath(new URL(`./${file}`, import.meta.url))
);

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
			return fileURLToPath(
				new URL('./src/lib/client/connection/unused-transports.ts', import.meta.url)
			);
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
				manualChunks: (id, { getModuleInfo }) => {
					if (FORMS.test(id)) return 'forms';
					// the pages' own styles (`+page.svelte?svelte&type=style`) stay with them
					if (FIRST_VISIT.some((file) => id.startsWith(`${file}?`))) return undefined;
					const importers = getModuleInfo(id)?.importers ?? [];
					return importers.some((file) => FIRST_VISIT.includes(file)) ? 'core' : undefined;
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
