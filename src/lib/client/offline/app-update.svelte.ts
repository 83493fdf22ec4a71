// The service worker and the "new version" prompt (DESIGN §6). A new deployment installs its
// service worker in the background, where it waits; the page then offers to reload and
// swaps versions only when the reader asks, so nothing reloads under their thumb. A waiting
// build the page already shows (a reload got there first) takes over without asking. The
// page asks for updates on every load, hourly, and whenever the server is back after being
// away (a restart is how a deployment arrives), so nothing stays stale for long. In
// development there is none: Vite serves fresh modules, and a caching worker would only get
// in the way.
import { dev, version } from '$app/environment';

const SERVICE_WORKER = '/service-worker.js';
const CHECK_EVERY_MS = 60 * 60_000;

export class AppUpdate {
	#waiting = $state.raw<ServiceWorker | null>(null);
	#registration: ServiceWorkerRegistration | null = null;

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
				this.#registration = registration;
				this.#watch(registration);
				check = setInterval(() => void registration.update().catch(() => {}), CHECK_EVERY_MS);
			})
			.catch(() => {
				// No service worker (private mode, insecure origin): the app still works online.
			});
		return () => clearInterval(check);
	}

	/** Asks the server for a newer version now (e.g. once it is back after a restart). */
	check(): void {
		void this.#registration?.update().catch(() => {});
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
		const offer = async (worker: ServiceWorker) => {
			if (!navigator.serviceWorker.controller || this.#waiting === worker) return;
			const { isNews } = await import('./update-offer.ts');
			if (await isNews(worker, version)) this.#waiting = worker;
			else worker.postMessage({ type: 'SKIP_WAITING' });
		};
		if (registration.waiting) void offer(registration.waiting);
		registration.addEventListener('updatefound', () => {
			const installing = registration.installing;
			installing?.addEventListener('statechange', () => {
				if (installing.state === 'installed') void offer(installing);
			});
		});
	}
}
