-- The event's agendaVersion beside its body, so that an agenda edit is a conditional UPDATE
-- the database checks (WHERE agenda_version = the version the edit was made against).
ALTER TABLE event ADD COLUMN agenda_version INTEGER NOT NULL DEFAULT 0;
UPDATE event SET agenda_version = json_extract(body, '$.agendaVersion');
