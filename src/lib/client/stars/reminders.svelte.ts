// Reminders for starred slots on this device, loaded only when a person asks for
// one (or had asked before). While Dais is open, also in a background tab, it checks every
// CHECK_MS which reminders #shared/reminders.ts says are due and shows each through the
// service worker (registration.showNotification, tagged with the reminder's key, so the
// server's Web Push for the same change replaces it rather than doubling it). Notification
// permission is asked only in enable(). With Push available, the device also subscribes so
// the server can remind it with the page closed (push.ts). Settings and the keys already
// shown are kept in IndexedDB (meta 'reminders').
import { DEFAULT_LEAD_MINUTES, dueReminders, reminderText } from '$lib/shared/reminders.ts';
import { formatClock } from '$lib/shared/time-format.ts';
import { plannedTimer } from '$lib/shared/timer.ts';
import type { TrackState } from '$lib/shared/version-order.ts';
import type { ServerClock } from '../connection/clock.svelte.ts';
import { openDais, type DaisDatabase } from '../offline/db.ts';
import { syncPush } from './push.ts';
import type { Stars } from './stars.svelte.ts';

const CHECK_MS = 10_000;
const MINUTE_MS = 60_000;

export type ReminderDeps = {
	state: () => TrackState;
	clock: Pick<ServerClock, 'now'>;
	stars: Stars;
	open?: () => Promise<DaisDatabase>;
};

export type EnableResult = 'on' | 'denied' | 'unsupported';

export class Reminders {
	#enabled = $state.raw(false);
	#leadMinutes = $state.raw(DEFAULT_LEAD_MINUTES);
	#sent = new Set<string>();
	#timer: ReturnType<typeof setInterval> | undefined;
	#db: Promise<DaisDatabase | null>;
	readonly #deps: ReminderDeps;

	constructor(deps: ReminderDeps) {
		this.#deps = deps;
		this.#db = (deps.open ?? openDais)().catch(() => null);
	}

	get enabled() {
		return this.#enabled;
	}
	get leadMinutes() {
		return this.#leadMinutes;
	}

	/** Reads the stored settings and, when reminders were on, runs them again. */
	async load(): Promise<void> {
		const stored = await (await this.#db)?.get('meta', 'reminders').catch(() => undefined);
		if (stored?.key !== 'reminders') return;
		this.#leadMinutes = stored.leadMinutes;
		this.#sent = new Set(stored.sent);
		if (stored.enabled && Notification.permission === 'granted') this.#run();
	}

	/** Asks for permission (this is the only place it is asked) and turns reminders on. */
	async enable(leadMinutes = this.#leadMinutes): Promise<EnableResult> {
		if (!('Notification' in window) || !('serviceWorker' in navigator)) return 'unsupported';
		const permission = await Notification.requestPermission();
		if (permission !== 'granted') return 'denied';
		this.#leadMinutes = leadMinutes;
		this.#run();
		await this.#save();
		this.syncServer();
		return 'on';
	}

	async disable(): Promise<void> {
		this.#enabled = false;
		clearInterval(this.#timer);
		await this.#save();
		this.syncServer();
	}

	/** Tells the server what this device wants reminders for (stars changed, settings changed). */
	syncServer(): void {
		const starred = this.#enabled ? this.#deps.stars.list : [];
		void syncPush({ starred, leadMinutes: this.#leadMinutes }).catch(() => {});
	}

	/** Shows every reminder due now; each key once. */
	async check(): Promise<void> {
		const state = this.#deps.state();
		const now = this.#deps.clock.now();
		const due = dueReminders({
			tracks: state.event.tracks.map((t) => ({
				slots: t.slots,
				timer: state.timers[t.id] ?? plannedTimer(t.id)
			})),
			starred: this.#deps.stars.list,
			sent: this.#sent,
			leadMs: this.#leadMinutes * MINUTE_MS,
			now
		});
		if (due.length === 0) return;
		const registration = await navigator.serviceWorker.ready;
		for (const reminder of due) {
			this.#sent.add(reminder.key);
			const text = reminderText(reminder, now, (at) => formatClock(at, state.event.timezone));
			await registration.showNotification(text.title, {
				body: text.body,
				tag: reminder.key,
				data: { url: `/slot/${reminder.slotId}` }
			});
		}
		await this.#save();
	}

	#run(): void {
		this.#enabled = true;
		clearInterval(this.#timer);
		this.#timer = setInterval(() => void this.check(), CHECK_MS);
		void this.check();
	}

	async #save(): Promise<void> {
		await (
			await this.#db
		)
			?.put('meta', {
				key: 'reminders',
				enabled: this.#enabled,
				leadMinutes: this.#leadMinutes,
				sent: [...this.#sent]
			})
			.catch(() => {});
	}
}

let reminders: Reminders | undefined;

/** The page's one Reminders (created on first call, its stored settings loaded). */
export async function pageReminders(deps: ReminderDeps): Promise<Reminders> {
	if (!reminders) {
		reminders = new Reminders(deps);
		deps.stars.onchange = () => reminders?.syncServer();
		await reminders.load();
	}
	return reminders;
}

/** At start on a device with stars: runs the reminders again when they were on. */
export function resume(deps: ReminderDeps): void {
	void pageReminders(deps);
}
