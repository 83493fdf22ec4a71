-- A track's undo stack keyed by each entry's own timer version instead of its place in the
-- stack: versions only grow and every entry is a state that stood, so they order the stack
-- oldest first, and a timer command writes only the entry it pushes and the one that falls
-- off (or the one an undo takes back) instead of rewriting the whole stack. One b-tree
-- (WITHOUT ROWID) instead of a table and its primary-key index.
CREATE TABLE timer_undo (
	track_id TEXT NOT NULL,
	version INTEGER NOT NULL,
	body TEXT NOT NULL,
	PRIMARY KEY (track_id, version)
) WITHOUT ROWID;
INSERT OR REPLACE INTO timer_undo (track_id, version, body)
	SELECT track_id, json_extract(body, '$.version'), body FROM timer_history ORDER BY track_id, seq;
DROP TABLE timer_history;
