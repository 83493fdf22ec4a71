// Whether a waiting service worker is news to the reader (DESIGN §6), loaded only when one
// waits. Each build names itself (SvelteKit's `version`); the page, the worker in control
// and the waiting one each say which build they are (null: one that cannot say, such as a
// worker of a build that does not name itself, or one that does not answer within ASK_BUILD_MS).

/** how long a worker gets to say which build it is */
const ASK_BUILD_MS = 3_000;

export type Builds = { page: string; active: string | null; waiting: string | null };

/**
 * True unless the page on screen already is the waiting build while the worker in control
 * is another (a reload fetched the new pages before the new worker took over): then the
 * waiting worker should simply take over, without a prompt for what is already shown.
 */
export const offersUpdate = ({ page, active, waiting }: Builds): boolean =>
	!(waiting === page && active !== page);

/** The build a service worker says it is, or null when it does not say. Browser only. */
export function buildOf(worker: ServiceWorker | null | undefined): Promise<string | null> {
	if (!worker) return Promise.resolve(null);
	return new Promise((resolve) => {
		const channel = new MessageChannel();
		channel.port1.onmessage = ({ data }) => resolve(typeof data === 'string' ? data : null);
		setTimeout(() => resolve(null), ASK_BUILD_MS);
		worker.postMessage({ type: 'BUILD' }, [channel.port2]);
	});
}

/**
 * Whether the waiting `worker` is news to a page of build `page`, asking it and the worker
 * in control which builds they are. Browser only.
 */
export async function isNews(worker: ServiceWorker, page: string): Promise<boolean> {
	const [waiting, active] = await Promise.all([
		buildOf(worker),
		buildOf(navigator.serviceWorker.controller)
	]);
	return offersUpdate({ page, active, waiting });
}
