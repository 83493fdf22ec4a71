import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vitest/config';
import { dais } from './server/vite-plugin.ts';

const THEME = '#1e3a5f';

export default defineConfig({
	plugins: [
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
		terserOptions: { compress: { passes: 2 } }
	},
	test: {
		include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
		testTimeout: 20_000,
		hookTimeout: 30_000
	}
});
