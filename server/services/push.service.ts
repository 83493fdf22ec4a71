// Web Push reminders for starred slots while the page is closed. Devices subscribe
// with the slots they starred (POST /api/push/subscribe); every CHECK_MS, and on tick(), the
// service asks #shared/reminders.ts which reminders are due for each subscription and hands
// each to the push service once: its key is recorded as sent in the same record, so a
// reminder goes out at most once per slot and change. The VAPID key pair is generated on
// first start and kept in the store's settings. A subscription the push service says is gone
// (404, 410) is dropped.
import webpush from 'web-push';
import { PushSubscribe, type PushPayload, type PushRecord } from '#shared/push.ts';
import { dueReminders, reminderText } from '#shared/reminders.ts';
import { formatClock } from '#shared/time-format.ts';
import { plannedTimer } from '#shared/timer.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/store.ts';
import type { AgendaService } from './agenda.service.ts';
import { DomainError } from './errors.ts';

/** How often due reminders are looked for (ms). */
export const CHECK_MS = 15_000;
const MINUTE_MS = 60_000;
const VAPID_SETTING = 'vapid_keys';
/** How long a push service may hold a reminder for an offline device (s). */
const TTL_S = 600;
const SEND_TIMEOUT_MS = 10_000;

type VapidKeys = { publicKey: string; privateKey: string };

/** Hands one payload to a push service; resolves the HTTP status it answered. */
export type PushSender = (
	record: PushRecord,
	payload: string,
	vapid: VapidKeys & { subject: string }
) => Promise<number>;

// web-push builds the request (VAPID JWT, aes128gcm payload); fetch sends it, so the
// endpoint may be any URL the subscription names (tests stand a local one in for it).
export const webPushSender: PushSender = async (record, payload, vapid) => {
	const { endpoint, method, headers, body } = webpush.generateRequestDetails(
		record.subscription,
		payload,
		{ TTL: TTL_S, vapidDetails: vapid }
	);
	const answer = await fetch(endpoint, {
		method,
		headers,
		body: body ? new Uint8Array(body) : undefined,
		signal: AbortSignal.timeout(SEND_TIMEOUT_MS)
	});
	return answer.status;
};

export class PushService {
	#keys: VapidKeys | undefined;
	#timer: ReturnType<typeof setInterval> | undefined;
	#running: Promise<number> | undefined;

	constructor(
		private readonly store: Store,
		private readonly agenda: AgendaService,
		private readonly clock: Clock,
		private readonly logger: Logger,
		private readonly subject: string,
		private readonly send: PushSender = webPushSender
	) {}

	async init(): Promise<void> {
		const fresh = JSON.stringify(webpush.generateVAPIDKeys());
		this.#keys = JSON.parse(await this.store.settings.getOrInit(VAPID_SETTING, fresh));
	}

	get publicKey(): string {
		return this.#keys!.publicKey;
	}

	/** Stores (or, with no starred slots, drops) a device's subscription; `invalid` if malformed. */
	async subscribe(body: unknown): Promise<'subscribed' | 'unsubscribed'> {
		const parsed = PushSubscribe.safeParse(body);
		if (!parsed.success) {
			throw new DomainError('invalid', 'send { subscription, starred, leadMinutes }');
		}
		const wish = parsed.data;
		if (wish.starred.length === 0) {
			await this.store.push.remove(wish.subscription.endpoint);
			return 'unsubscribed';
		}
		const held = (await this.store.push.list()).find(
			(r) => r.subscription.endpoint === wish.subscription.endpoint
		);
		await this.store.push.put({ ...wish, sent: held?.sent ?? [] });
		return 'subscribed';
	}

	start(): void {
		this.#timer = setInterval(() => void this.tick().catch(() => {}), CHECK_MS);
		this.#timer.unref();
	}

	stop(): void {
		clearInterval(this.#timer);
	}

	/** Sends every reminder due now; resolves how many were handed to push services. */
	tick(): Promise<number> {
		this.#running ??= this.#sendDue().finally(() => (this.#running = undefined));
		return this.#running;
	}

	async #sendDue(): Promise<number> {
		const [event, timers, records] = await Promise.all([
			this.agenda.event(),
			this.store.timers.list(),
			this.store.push.list()
		]);
		const tracks = event.tracks.map((t) => ({
			slots: t.slots,
			timer: timers.find((s) => s.trackId === t.id) ?? plannedTimer(t.id)
		}));
		const now = this.clock.now();
		const vapid = { ...this.#keys!, subject: this.subject };
		let sent = 0;
		for (const record of records) {
			const due = dueReminders({
				tracks,
				starred: record.starred,
				sent: new Set(record.sent),
				leadMs: record.leadMinutes * MINUTE_MS,
				now
			});
			if (due.length === 0) continue;
			// Recorded before sending: a crash mid-way loses a reminder rather than doubling it.
			await this.store.push.put({ ...record, sent: [...record.sent, ...due.map((r) => r.key)] });
			for (const reminder of due) {
				const text = reminderText(reminder, now, (at) => formatClock(at, event.timezone));
				const payload: PushPayload = {
					...text,
					tag: reminder.key,
					url: `/slot/${reminder.slotId}`
				};
				const status = await this.send(record, JSON.stringify(payload), vapid).catch((err) => {
					this.logger.warn(`push failed: ${String(err)}`);
					return 0;
				});
				if (status === 404 || status === 410) {
					await this.store.push.remove(record.subscription.endpoint);
					break;
				}
				if (status >= 200 && status < 300) sent += 1;
			}
		}
		return sent;
	}
}
