-- Outbox, version 3: which server an upload URL belongs to, bytes put on the
-- wire (retries included), consecutive failures for backoff, and exports.

ALTER TABLE upload_job ADD COLUMN endpoint TEXT;
ALTER TABLE upload_job ADD COLUMN bytes_sent INTEGER NOT NULL DEFAULT 0;
ALTER TABLE upload_job ADD COLUMN failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE upload_job ADD COLUMN finished_at TEXT;
ALTER TABLE upload_job ADD COLUMN exported_to TEXT;
CREATE INDEX upload_job_state ON upload_job(state, next_attempt_at);
