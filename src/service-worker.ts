// The service worker (DESIGN §6), built by SvelteKit and given its precache list by
// @vite-pwa/sveltekit. It precaches the app shell and every route's scripts, styles and
// icons. Pages are server-rendered, so navigations go to the network first (a fresh page
// online, nothing stale for long) and fall back, offline or after NETWORK_TIMEOUT_S, to the
// copy of that page cached on an earlier visit, else to the start page "/" (cached when the
// worker installs), whose script then routes to the address asked for. A new version waits
// until the page asks it to take over (SKIP_WAITING), so nothing reloads under the reader;
// asked (BUILD, with a port), it answers which build it is, for the page to tell whether it
// is news (src/lib/client/offline/update-offer.ts).
// A Web Push from the server (a reminder: `{ title, body, tag, url }`) is shown as a
// notification tagged by its reminder key; tapping a notification opens its slot's page.
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { ExpirationPlugin } from 'workbox-expiration';
import { cleanupOutdatedCaches, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NetworkFirst } from 'workbox-strategies';
import { version } from '$service-worker';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | PrecacheEntry)[] };

export const PAGES_CACHE = 'dais-pages';
const START_URL = '/';
const NETWORK_TIMEOUT_S = 4;

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// The first version takes over the open page at once; later ones wait (see the header).
clientsClaim();

const pages = new NetworkFirst({
	cacheName: PAGES_CACHE,
	networkTimeoutSeconds: NETWORK_TIMEOUT_S,
	plugins: [
		new ExpirationPlugin({ maxEntries: 50 }),
		{ cacheWillUpdate: async ({ response }) => (response.status === 200 ? response : null) }
	]
});

registerRoute(
	new NavigationRoute(
		async (options) => {
			try {
				return await pages.handle(options);
			} catch (err) {
				const shell = await caches.open(PAGES_CACHE).then((c) => c.match(START_URL));
				if (shell) return shell;
				throw err;
			}
		},
		{ denylist: [/^\/api\//] }
	)
);

self.addEventListener('install', (event) => {
	// The start page, so that an address never visited still opens offline.
	event.waitUntil(caches.open(PAGES_CACHE).then((cache) => cache.add(START_URL)));
});

self.addEventListener('message', (event) => {
	const type = (event.data as { type?: unknown } | null)?.type;
	if (type === 'SKIP_WAITING') void self.skipWaiting();
	if (type === 'BUILD') event.ports[0]?.postMessage(version);
});

self.addEventListener('push', (event) => {
	const data = (event.data?.json() ?? {}) as {
		title?: string;
		body?: string;
		tag?: string;
		url?: string;
	};
	if (!data.title) return;
	event.waitUntil(
		self.registration.showNotification(data.title, {
			body: data.body ?? '',
			tag: data.tag,
			data: { url: data.url ?? START_URL }
		})
	);
});

self.addEventListener('notificationclick', (event) => {
	event.notification.close();
	const url = (event.notification.data as { url?: string } | null)?.url ?? START_URL;
	event.waitUntil(self.clients.openWindow(url));
});
