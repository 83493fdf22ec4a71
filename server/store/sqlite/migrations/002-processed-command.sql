-- Commands applied under a client-made id, with the result acked for them, so that a retry
-- is acked again instead of applied twice. Rows older than the retention window are pruned.
CREATE TABLE processed_command (
	id TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	fingerprint TEXT NOT NULL,
	result TEXT NOT NULL,
	created_at INTEGER NOT NULL
);

CREATE INDEX processed_command_created_at ON processed_command (created_at);
