// Full screen for the stage display, with the Fullscreen API: a toggle for its button and its
// `F` key, and a subscription to whether the page is full screen now. Where the API is
// missing or refuses (no user gesture, a policy), nothing happens. Browser only.

export const fullscreenSupported = (): boolean =>
	typeof document !== 'undefined' && document.fullscreenEnabled === true;

export async function toggleFullscreen(): Promise<void> {
	try {
		if (document.fullscreenElement) await document.exitFullscreen();
		else await document.documentElement.requestFullscreen({ navigationUI: 'hide' });
	} catch {
		// refused: the page stays as it is
	}
}

/** Calls `onChange` with whether the page is full screen, now and on every change. */
export function watchFullscreen(onChange: (full: boolean) => void): () => void {
	const report = () => onChange(document.fullscreenElement !== null);
	report();
	document.addEventListener('fullscreenchange', report);
	return () => document.removeEventListener('fullscreenchange', report);
}
