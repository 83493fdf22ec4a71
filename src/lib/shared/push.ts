// What a device sends to subscribe to reminders by Web Push (POST /api/push/subscribe) and
// what the server keeps of it. An empty `starred` list unsubscribes. The payload
// a push carries is `PushPayload`, shown by the service worker as a notification.
import { z } from 'zod';
import { StarredSlot } from './reminders.ts';

/** The limit of starred slots one device may ask reminders for. */
export const MAX_STARRED = 200;

export const PushSubscriptionJson = z.object({
	endpoint: z.url({ protocol: /^https?$/ }).max(2000),
	expirationTime: z.number().nullable().optional(),
	keys: z.strictObject({
		p256dh: z.string().min(1).max(200),
		auth: z.string().min(1).max(100)
	})
});
export type PushSubscriptionJson = z.infer<typeof PushSubscriptionJson>;

export const PushSubscribe = z.strictObject({
	subscription: PushSubscriptionJson,
	starred: z.array(StarredSlot).max(MAX_STARRED),
	leadMinutes: z.number().int().min(1).max(120)
});
export type PushSubscribe = z.infer<typeof PushSubscribe>;

export const PushRecord = PushSubscribe.extend({ sent: z.array(z.string().max(200)) });
export type PushRecord = z.infer<typeof PushRecord>;

export type PushPayload = { title: string; body: string; tag: string; url: string };
