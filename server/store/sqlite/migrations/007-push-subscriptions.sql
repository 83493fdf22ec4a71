-- Web Push subscriptions for reminders of starred slots (issue 25): one row per push
-- endpoint, its body the zod-checked PushRecord (subscription, starred slots, lead minutes,
-- the reminder keys already sent). The VAPID keys live in the settings table.
CREATE TABLE push_subscriptions (
	endpoint TEXT PRIMARY KEY,
	body TEXT NOT NULL
) WITHOUT ROWID;
