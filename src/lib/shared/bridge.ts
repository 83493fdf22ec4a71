// The one hand-off between the Node server and SvelteKit's server-side rendering, which run
// in one process but load separate copies of each module. createApp registers the bridge on
// globalThis under a registry symbol; SSR reads it. Types only cross, no Node APIs.
import type { Role, Snapshot } from './protocol.ts';

export interface DaisBridge {
	/** The current snapshot of the event as seen by `role` (default track joined). */
	snapshot(role: Role): Promise<Snapshot>;
	/** The role a request's Cookie header grants (a valid chair session cookie, or attendee). */
	roleFor(cookieHeader: string | null | undefined): Promise<Role>;
	/** A page request failed with `status`: the server's log decides what to write. */
	requestFailed(status: number, method: string, path: string, error: unknown): void;
}

const KEY = Symbol.for('dais.bridge');
type Holder = { [KEY]?: DaisBridge };

export function registerBridge(bridge: DaisBridge | undefined): void {
	(globalThis as Holder)[KEY] = bridge;
}

export function getBridge(): DaisBridge | undefined {
	return (globalThis as Holder)[KEY];
}
