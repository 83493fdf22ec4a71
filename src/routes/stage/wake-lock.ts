// Keeps the screen on while a page (the stage display) is visible, with the Screen Wake Lock
// API. The browser drops the lock whenever the page is hidden, so it is asked for again on
// every return to visible. Where the API is missing or refuses, nothing else happens.

export type WakeLockStatus = 'unsupported' | 'held' | 'released' | 'refused';

/** Holds a screen wake lock until the returned function is called. Browser only. */
export function keepAwake(onStatus: (status: WakeLockStatus) => void = () => {}): () => void {
	const api = (navigator as Navigator & { wakeLock?: WakeLock }).wakeLock;
	if (!api) {
		onStatus('unsupported');
		return () => {};
	}
	let sentinel: WakeLockSentinel | null = null;
	let stopped = false;

	const acquire = async () => {
		if (stopped || document.visibilityState !== 'visible') return;
		if (sentinel && !sentinel.released) return;
		try {
			const held = await api.request('screen');
			if (stopped) return void held.release().catch(() => {});
			sentinel = held;
			onStatus('held');
			held.addEventListener('release', () => {
				if (!stopped) onStatus('released');
			});
		} catch {
			// refused: no permission, battery saver, or the page was hidden meanwhile
			onStatus('refused');
		}
	};
	const onVisibility = () => void acquire();

	document.addEventListener('visibilitychange', onVisibility);
	void acquire();
	return () => {
		stopped = true;
		document.removeEventListener('visibilitychange', onVisibility);
		void sentinel?.release().catch(() => {});
	};
}
