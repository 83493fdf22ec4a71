// The chair's choice of keyboard shortcuts on this device (single keys, Alt + key, or off),
// kept in localStorage so that it survives reloads. Read after the page has hydrated (the
// server-rendered page shows the default), written whenever the chair changes it.
import { SHORTCUT_MODES, type ShortcutMode } from '$lib/client/shortcuts.ts';

export const SHORTCUT_MODE_KEY = 'dais.chair.shortcuts';

export class ShortcutSetting {
	#mode = $state.raw<ShortcutMode>('single');

	get mode(): ShortcutMode {
		return this.#mode;
	}

	/** Takes the device's stored choice, if any. */
	load(): void {
		const stored = readStored();
		if (stored) this.#mode = stored;
	}

	set(mode: ShortcutMode): void {
		this.#mode = mode;
		try {
			localStorage.setItem(SHORTCUT_MODE_KEY, mode);
		} catch {
			// storage refused (private mode, quota): the choice lasts for this page only
		}
	}
}

function readStored(): ShortcutMode | null {
	try {
		const value = localStorage.getItem(SHORTCUT_MODE_KEY);
		return SHORTCUT_MODES.find((mode) => mode === value) ?? null;
	} catch {
		return null;
	}
}
