// The page-wide client state, created once by +layout.svelte and read by every component.
import { createContext } from 'svelte';
import type { AppUpdate } from './offline/app-update.svelte.ts';
import type { ServerClock } from './connection/clock.svelte.ts';
import type { Connection } from './connection/connection.svelte.ts';
import type { DeviceStore } from './offline/device-store.ts';
import type { LiveTrack } from './live-track.svelte.ts';
import type { Outbox } from './offline/outbox.svelte.ts';
import type { Stars } from './stars/stars.svelte.ts';
import type { Ticker } from './connection/ticker.svelte.ts';

export type Dais = {
	clock: ServerClock;
	ticker: Ticker;
	live: LiveTrack;
	connection: Connection;
	/** attendee writes waiting to be sent (DESIGN §6) */
	outbox: Outbox;
	/** what the device keeps in IndexedDB (e.g. the asker's name) */
	device: DeviceStore;
	/** the slots this device starred (My agenda) */
	stars: Stars;
	update: AppUpdate;
	/** the device's IANA zone; null during server rendering */
	deviceZone: () => string | null;
};

export const [getDais, setDais] = createContext<Dais>();
