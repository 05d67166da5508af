-- Dossier versions: each record knows its version, the sent package it
-- supersedes, the clerk's reason for sending it with components missing, and
-- a fingerprint of what it was packed from (to tell when the dossier changed).

ALTER TABLE record ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE record ADD COLUMN supersedes TEXT;
ALTER TABLE record ADD COLUMN missing_reason TEXT;
ALTER TABLE record ADD COLUMN fingerprint TEXT;
CREATE INDEX record_dossier ON record(dossier_id);
CREATE INDEX upload_job_record ON upload_job(record_id);
