// The service worker and the "new version" prompt (DESIGN §6). A new deployment installs its
// service worker in the background, where it waits; the page then offers to reload and
// swaps versions only when the reader asks, so nothing reloads under their thumb. The page
// asks for updates on every load and hourly, so nothing stays stale for long. In development
// there is none: Vite serves fresh modules, and a caching worker would only get in the way.
import { dev } from '$app/environment';

const SERVICE_WORKER = '/service-worker.js';
const CHECK_EVERY_MS = 60 * 60_000;

export class AppUpdate {
	#waiting = $state.raw<ServiceWorker | null>(null);

	/** true when a new version is installed and waits for a reload */
	get available(): boolean {
		return this.#waiting !== null;
	}

	/** Registers the service worker; returns the function that stops checking. Browser only. */
	start(): () => void {
		if (dev || !('serviceWorker' in navigator)) return () => {};
		let check: ReturnType<typeof setInterval> | undefined;
		navigator.serviceWorker
			.register(SERVICE_WORKER, { scope: '/' })
			.then((registration) => {
				this.#watch(registration);
				check = setInterval(() => void registration.update().catch(() => {}), CHECK_EVERY_MS);
			})
			.catch(() => {
				// No service worker (private mode, insecure origin): the app still works online.
			});
		return () => clearInterval(check);
	}

	/** Activates the waiting version, if any, and reloads the page into it. */
	reload(): void {
		const waiting = this.#waiting;
		if (!waiting) return location.reload();
		navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), {
			once: true
		});
		waiting.postMessage({ type: 'SKIP_WAITING' });
	}

	#watch(registration: ServiceWorkerRegistration): void {
		// Only an update waits: the very first install takes over without asking.
		const offer = (worker: ServiceWorker) => {
			if (navigator.serviceWorker.controller) this.#waiting = worker;
		};
		if (registration.waiting) offer(registration.waiting);
		registration.addEventListener('updatefound', () => {
			const installing = registration.installing;
			installing?.addEventListener('statechange', () => {
				if (installing.state === 'installed') offer(installing);
			});
		});
	}
}
