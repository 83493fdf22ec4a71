// One ticking `now` (server epoch ms) for the whole page. It fires just after each whole
// second of the server clock, so every display on every device flips at the same instant,
// and it sleeps while the document is hidden.
import type { ServerClock } from './clock.svelte.ts';

export class Ticker {
	#now = $state.raw(0);
	readonly #clock: ServerClock;

	constructor(clock: ServerClock) {
		this.#clock = clock;
		this.#now = clock.now();
	}

	/** server epoch ms at the last tick */
	get now() {
		return this.#now;
	}

	/** Reads the clock again now (e.g. right after a sync). */
	tick(): void {
		this.#now = this.#clock.now();
	}

	/** Starts ticking; returns the function that stops it. Browser only. */
	start(): () => void {
		let handle: ReturnType<typeof setTimeout> | undefined;
		const loop = () => {
			this.tick();
			handle = setTimeout(loop, 1000 - (this.#clock.now() % 1000) + 2);
		};
		const onVisibility = () => {
			clearTimeout(handle);
			handle = undefined;
			if (document.visibilityState === 'visible') loop();
		};
		document.addEventListener('visibilitychange', onVisibility);
		loop();
		return () => {
			clearTimeout(handle);
			document.removeEventListener('visibilitychange', onVisibility);
		};
	}
}
