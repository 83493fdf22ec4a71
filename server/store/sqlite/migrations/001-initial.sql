-- The event is stored whole, as validated JSON: it is small and always read whole.
CREATE TABLE event (
	id TEXT PRIMARY KEY,
	body TEXT NOT NULL
);

-- One timer per track; version mirrors body.version for compare-and-set writes.
CREATE TABLE timer (
	track_id TEXT PRIMARY KEY,
	version INTEGER NOT NULL,
	body TEXT NOT NULL
);

CREATE TABLE setting (
	key TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

CREATE TABLE chair_session (
	id TEXT PRIMARY KEY,
	created_at INTEGER NOT NULL,
	expires_at INTEGER NOT NULL
);
