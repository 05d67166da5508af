-- Workspace schema, version 1: batches of pages, dossiers of documents,
-- records, the upload outbox and the audit log.

CREATE TABLE batch (
    id          INTEGER PRIMARY KEY,
    created_at  TEXT NOT NULL,
    source      TEXT NOT NULL DEFAULT 'files',   -- files | scan | watch | sample
    state       TEXT NOT NULL DEFAULT 'importing', -- importing | imported | processing | processed
    label       TEXT
);

-- One row per input item that could not be imported, recorded on its batch.
CREATE TABLE batch_problem (
    id        INTEGER PRIMARY KEY,
    batch_id  INTEGER NOT NULL REFERENCES batch(id) ON DELETE CASCADE,
    item      TEXT NOT NULL,
    reason    TEXT NOT NULL,
    at        TEXT NOT NULL
);
CREATE INDEX batch_problem_batch ON batch_problem(batch_id);

CREATE TABLE page (
    id            INTEGER PRIMARY KEY,
    batch_id      INTEGER NOT NULL REFERENCES batch(id),
    seq           INTEGER NOT NULL,              -- order inside the batch
    source_sha    TEXT NOT NULL,                 -- blob of the file as it came
    source_page   INTEGER NOT NULL DEFAULT 0,    -- page index inside that file
    image_sha     TEXT NOT NULL,                 -- blob of this page's image (lossless)
    source_name   TEXT NOT NULL,
    media_type    TEXT NOT NULL,
    width         INTEGER NOT NULL,
    height        INTEGER NOT NULL,
    dpi           INTEGER,
    state         TEXT NOT NULL DEFAULT 'new',   -- new | processed | failed
    rotation      INTEGER NOT NULL DEFAULT 0,    -- degrees clockwise to make it upright
    skew          REAL,
    blank         INTEGER NOT NULL DEFAULT 0,
    text          TEXT,                          -- recognised text, NFC
    confidence    REAL,                          -- mean word confidence, 0..100
    words_sha     TEXT,                          -- blob: JSON words with boxes
    clean_sha     TEXT,                          -- blob: image used for recognition
    error         TEXT,
    deleted       INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    processed_at  TEXT,
    UNIQUE (source_sha, source_page)
);
CREATE INDEX page_batch ON page(batch_id, seq);
CREATE INDEX page_image ON page(image_sha);

CREATE TABLE dossier (
    id                    INTEGER PRIMARY KEY,
    provisional_id        TEXT NOT NULL UNIQUE,
    code                  TEXT UNIQUE,           -- official AGENCYID-YYMMDD-NNNN once known
    batch_id              INTEGER REFERENCES batch(id),
    procedure_code        TEXT,
    procedure_confidence  REAL,
    procedure_confirmed   INTEGER NOT NULL DEFAULT 0,
    state                 TEXT NOT NULL DEFAULT 'draft', -- draft | ready | packed | queued | sent
    applicant_name        TEXT,
    applicant_id          TEXT,
    received_date         TEXT,
    agency_id             TEXT,
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL
);

CREATE TABLE document (
    id               INTEGER PRIMARY KEY,
    dossier_id       INTEGER NOT NULL REFERENCES dossier(id) ON DELETE CASCADE,
    seq              INTEGER NOT NULL,
    type_key         TEXT,
    type_name        TEXT,
    type_confidence  REAL,
    type_confirmed   INTEGER NOT NULL DEFAULT 0,
    fields_json      TEXT NOT NULL DEFAULT '{}',
    created_at       TEXT NOT NULL
);
CREATE INDEX document_dossier ON document(dossier_id, seq);

CREATE TABLE document_page (
    document_id  INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
    page_id      INTEGER NOT NULL REFERENCES page(id),
    seq          INTEGER NOT NULL,
    PRIMARY KEY (document_id, page_id)
);
CREATE INDEX document_page_page ON document_page(page_id);

CREATE TABLE record (
    id            INTEGER PRIMARY KEY,
    dossier_id    INTEGER NOT NULL REFERENCES dossier(id),
    package_sha   TEXT NOT NULL UNIQUE,
    package_name  TEXT NOT NULL,
    profile       TEXT NOT NULL,
    size          INTEGER NOT NULL,
    created_at    TEXT NOT NULL
);

CREATE TABLE upload_job (
    id               INTEGER PRIMARY KEY,
    package_sha256   TEXT NOT NULL UNIQUE,
    package_path     TEXT NOT NULL,
    filename         TEXT NOT NULL,
    size             INTEGER NOT NULL,
    metadata_json    TEXT NOT NULL DEFAULT '{}',
    state            TEXT NOT NULL DEFAULT 'queued', -- queued | uploading | done | failed | exported
    upload_url       TEXT,
    offset           INTEGER NOT NULL DEFAULT 0,
    attempts         INTEGER NOT NULL DEFAULT 0,
    last_error       TEXT,
    next_attempt_at  TEXT,
    record_id        INTEGER REFERENCES record(id),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);

-- Who did what, when: kept for the personal-data law.
CREATE TABLE event (
    id       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    actor    TEXT NOT NULL,
    action   TEXT NOT NULL,
    subject  TEXT,
    detail   TEXT
);
CREATE INDEX event_at ON event(at);

CREATE TABLE setting (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);

-- Folded page text (see vntext.fold); rowid is page.id. The text shown to
-- people comes from page.text.
CREATE VIRTUAL TABLE page_fts USING fts5(
    body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
