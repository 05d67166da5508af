-- Retention, version 17: what is left of a dossier once its local copies are
-- purged after confirmed delivery (counts, hashes, dates: no names, ID numbers
-- or images), and the blobs waiting to be unlinked once the purge committed.

ALTER TABLE dossier ADD COLUMN purged_at TEXT;

CREATE TABLE purged_dossier (
    dossier_id    INTEGER PRIMARY KEY REFERENCES dossier(id),
    pages         INTEGER NOT NULL,
    documents     INTEGER NOT NULL,
    package_shas  TEXT NOT NULL,      -- JSON list of the delivered packages' sha256
    delivered_at  TEXT,
    purged_at     TEXT NOT NULL,
    reason        TEXT NOT NULL       -- retention | subject-request
);

-- A blob listed here is no longer referenced by the database; unlinking it
-- after the commit, then removing the row, makes a purge safe to cut anywhere.
CREATE TABLE blob_trash (
    sha        TEXT PRIMARY KEY,
    queued_at  TEXT NOT NULL
);

-- An endpoint saved with a user name or password in it (older versions let
-- it through) is dropped, with the upload URLs that were made under it.
UPDATE upload_job SET endpoint = NULL, upload_url = NULL, offset = 0,
    state = CASE WHEN state = 'uploading' THEN 'queued' ELSE state END
    WHERE endpoint LIKE '%://%@%' OR upload_url LIKE '%://%@%';
DELETE FROM setting WHERE key = 'upload.endpoint' AND value LIKE '%://%@%';
CREATE INDEX page_words ON page(words_sha);
CREATE INDEX page_clean ON page(clean_sha);
