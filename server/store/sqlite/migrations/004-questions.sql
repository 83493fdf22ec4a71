-- Audience questions. votes mirrors the number of question_vote rows and is updated in the
-- same transaction; device_id is the asking device (never sent to clients).
CREATE TABLE question (
	id TEXT PRIMARY KEY,
	track_id TEXT NOT NULL,
	slot_id TEXT NOT NULL,
	device_id TEXT NOT NULL,
	text TEXT NOT NULL,
	author_name TEXT,
	created_at INTEGER NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('pending', 'open', 'answered', 'hidden')),
	pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
	votes INTEGER NOT NULL DEFAULT 0 CHECK (votes >= 0)
);
CREATE INDEX question_by_slot ON question (slot_id, created_at);
CREATE INDEX question_by_track ON question (track_id);
CREATE INDEX question_by_device ON question (device_id, slot_id);
-- At most one pinned question per track.
CREATE UNIQUE INDEX question_one_pin ON question (track_id) WHERE pinned = 1;

-- One vote per device per question.
CREATE TABLE question_vote (
	question_id TEXT NOT NULL REFERENCES question (id),
	device_id TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	PRIMARY KEY (question_id, device_id)
) WITHOUT ROWID;
CREATE INDEX question_vote_by_device ON question_vote (device_id);

-- A track's QuestionSettings, stored whole as validated JSON.
CREATE TABLE question_settings (
	track_id TEXT PRIMARY KEY,
	body TEXT NOT NULL
);
