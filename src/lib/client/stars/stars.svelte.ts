// The slots this device starred (My agenda), kept in IndexedDB's `stars` store (db.ts) so
// they work offline and survive reloads. Small on purpose: every attendee page carries it for
// the star buttons; the reminders (reminders.svelte.ts) load when first asked for, or at start
// when there are stars and reminders were on. A storage failure (private mode, no IndexedDB)
// leaves the stars in memory for this page.
import type { StarredSlot } from '$lib/shared/reminders.ts';
import type { Slot } from '$lib/shared/schema/slot.ts';
import { openDais, type DaisDatabase } from '../offline/db.ts';

export class Stars {
	#slots = $state.raw<Readonly<Record<string, StarredSlot>>>({});
	#db: Promise<DaisDatabase | null> | undefined;
	readonly #open: () => Promise<DaisDatabase>;

	constructor(open: () => Promise<DaisDatabase> = openDais) {
		this.#open = open;
	}

	/** every starred slot, as it was when starred */
	get list(): StarredSlot[] {
		return Object.values(this.#slots);
	}

	has(slotId: string): boolean {
		return slotId in this.#slots;
	}

	/** Reads the stored stars (the ones starred meanwhile are kept); true when there are some. */
	async load(): Promise<boolean> {
		const db = await this.#database();
		const stored = db ? await db.getAll('stars').catch(() => []) : [];
		this.#slots = { ...Object.fromEntries(stored.map((s) => [s.slotId, s])), ...this.#slots };
		return stored.length > 0;
	}

	/** Called after every change of the stars (the reminders tell the server). */
	onchange: (() => void) | undefined;

	/** Stars the slot, or takes its star away. */
	async toggle(slot: Slot): Promise<void> {
		const { [slot.id]: had, ...rest } = this.#slots;
		const star: StarredSlot = {
			slotId: slot.id,
			title: slot.title,
			plannedStart: slot.plannedStart,
			plannedMinutes: slot.plannedMinutes
		};
		this.#slots = had ? rest : { ...rest, [slot.id]: star };
		const db = await this.#database();
		await (had ? db?.delete('stars', slot.id) : db?.put('stars', star))?.catch(() => {});
		this.onchange?.();
	}

	#database(): Promise<DaisDatabase | null> {
		this.#db ??= this.#open().catch(() => null);
		return this.#db;
	}
}
