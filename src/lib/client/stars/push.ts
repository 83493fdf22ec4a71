// Web Push for reminders with the page closed: subscribes this device with the
// server's VAPID public key (GET /api/push/key) and tells the server which starred slots it
// wants reminders for (POST /api/push/subscribe); an empty list unsubscribes it there. Does
// nothing where the Push API is missing; failures leave the page's own reminders working.
import type { StarredSlot } from '$lib/shared/reminders.ts';

export type PushWish = { starred: StarredSlot[]; leadMinutes: number };

export async function syncPush(wish: PushWish): Promise<void> {
	if (!('serviceWorker' in navigator) || !('PushManager' in window)) return;
	const registration = await navigator.serviceWorker.ready;
	let subscription = await registration.pushManager.getSubscription();
	if (!subscription) {
		if (wish.starred.length === 0) return;
		const answer = await fetch('/api/push/key');
		if (!answer.ok) return;
		const { publicKey } = (await answer.json()) as { publicKey: string };
		subscription = await registration.pushManager.subscribe({
			userVisibleOnly: true,
			applicationServerKey: publicKey
		});
	}
	await fetch('/api/push/subscribe', {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ subscription: subscription.toJSON(), ...wish })
	});
}
