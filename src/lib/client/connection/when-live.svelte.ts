// Loads what a page shows of the server's state again whenever the page may have missed a
// change of it: for the console's audit log and stage link, which follow the chair's track.
import { untrack } from 'svelte';
import type { Connection } from './connection.svelte.ts';

/**
 * Runs `run(key())` whenever the page holds the server's current state for that key: at once
 * when live, when `key()` changes while live, and after every (re)join. Returns the stop;
 * call it from a component (it uses `$effect`), e.g. in onMount.
 */
export function whenLive<K>(connection: Connection, key: () => K, run: (key: K) => void) {
	const stopJoins = connection.on('joined', () => run(key()));
	const stopWatching = $effect.root(() => {
		let last: { key: K } | null = null;
		$effect(() => {
			const current = key();
			if (last && last.key === current) return;
			last = { key: current };
			untrack(() => {
				if (connection.status === 'live') run(current);
			});
		});
	});
	return () => {
		stopWatching();
		stopJoins();
	};
}
