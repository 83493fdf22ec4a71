// Keeps the page working without a network (DESIGN §6). restoreFromDevice() applies what the
// device kept (its copy of the server state, the clock offset, the last sync, the device
// token) over the page
// the server or the service worker's cache rendered, so the UI shows the newest state it
// knows before any live state arrives; keepOnDevice() writes every newer state, offset,
// sync time and device token back. Browser only.
import type { ServerClock } from '../connection/clock.svelte.ts';
import type { Connection } from '../connection/connection.svelte.ts';
import type { DeviceStore } from './device-store.ts';
import type { LiveTrack } from '../live-track.svelte.ts';
import type { Ticker } from '../connection/ticker.svelte.ts';

type Parts = { live: LiveTrack; clock: ServerClock; ticker: Ticker; connection: Connection };

export async function restoreFromDevice(store: DeviceStore, parts: Parts): Promise<void> {
	const [copy, meta] = await Promise.all([store.loadTrack(), store.loadMeta()]);
	if (meta.offsetMs !== null) parts.clock.restore(meta.offsetMs);
	if (copy) parts.live.applyCopy(copy);
	if (meta.lastSyncAt !== null) parts.connection.restoreLastSync(meta.lastSyncAt);
	if (meta.deviceToken !== null) parts.connection.restoreDeviceToken(meta.deviceToken);
	parts.ticker.tick();
}

/** Starts writing changes to the device; returns the function that stops. */
export function keepOnDevice(store: DeviceStore, parts: Parts): () => void {
	const { live, clock, connection } = parts;
	return $effect.root(() => {
		$effect(() => void store.saveTrack(live.state));
		$effect(() => {
			if (clock.syncedAt === null) return;
			void store.saveMeta({ key: 'clock', offsetMs: clock.offsetMs, errorMs: clock.errorMs });
		});
		$effect(() => {
			const at = connection.lastSyncAt;
			if (at !== null) void store.saveMeta({ key: 'sync', lastSyncAt: at });
		});
		$effect(() => {
			const token = connection.deviceToken;
			if (token !== null) void store.saveMeta({ key: 'device', token });
		});
		// While live the device is in sync up to now: note that when the page goes away.
		const onHide = () => {
			if (document.visibilityState === 'hidden' && connection.status === 'live') {
				void store.saveMeta({ key: 'sync', lastSyncAt: clock.now() });
			}
		};
		document.addEventListener('visibilitychange', onHide);
		return () => document.removeEventListener('visibilitychange', onHide);
	});
}
