-- The chair's console (issue 4): timer undo stacks, per-track agenda change marks, the stage
-- display state and the chair audit log. Bodies are validated JSON, as in 001.

-- The timer states before each chair timer command of a track, oldest first (seq ascending).
CREATE TABLE timer_history (
	track_id TEXT NOT NULL,
	seq INTEGER NOT NULL,
	body TEXT NOT NULL,
	PRIMARY KEY (track_id, seq)
);

-- The event's agendaVersion at which a track's slots last changed, so that an edit made
-- against an older version conflicts only when its own track changed meanwhile.
CREATE TABLE track_agenda (
	track_id TEXT PRIMARY KEY,
	changed_in INTEGER NOT NULL
);

-- One stage state per track; version mirrors body.version for compare-and-set writes.
CREATE TABLE stage (
	track_id TEXT PRIMARY KEY,
	version INTEGER NOT NULL,
	body TEXT NOT NULL
);

-- Append-only. track_id is NULL for event-wide entries (sign-in, sign-out).
CREATE TABLE audit (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	at INTEGER NOT NULL,
	track_id TEXT,
	action TEXT NOT NULL,
	summary TEXT NOT NULL,
	chair TEXT NOT NULL
);
CREATE INDEX audit_by_track ON audit (track_id, id);
