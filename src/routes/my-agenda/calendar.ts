// "Add my agenda to calendar": downloads an .ics of the starred slots still on the agenda
// (#shared/ics.ts), built on the device so it works offline. Loaded on first use.
import { calendarIcs } from '$lib/shared/ics.ts';
import type { StarredSlot } from '$lib/shared/reminders.ts';
import type { EventInfo } from '$lib/shared/schema/event.ts';

export function downloadMyAgenda(event: EventInfo, starred: readonly StarredSlot[], now: number) {
	const wanted = new Set(starred.map((s) => s.slotId));
	const slots = event.tracks.flatMap((t) => t.slots).filter((s) => wanted.has(s.id));
	const text = calendarIcs({
		eventId: event.id,
		calendarName: `My agenda · ${event.title}`,
		timezone: event.timezone,
		location: event.venue,
		slots,
		now,
		slotUrl: (s) => new URL(`/slot/${s.id}`, location.origin).href
	});
	const url = URL.createObjectURL(new Blob([text], { type: 'text/calendar' }));
	const link = document.createElement('a');
	link.href = url;
	link.download = 'my-agenda.ics';
	link.click();
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
