-- Results, the desk's register and the reuse store, version 19.
--
-- result: what the commune issues for a dossier (kết quả giải quyết TTHC), its
-- fields as the clerk confirmed them (OCR proposes), its pages and, once
-- packed, its own record (linked to the dossier's record by the manifest).
CREATE TABLE result (
    id              INTEGER PRIMARY KEY,
    dossier_id      INTEGER REFERENCES dossier(id),
    dossier_code    TEXT,                          -- code of the dossier it resolves, when known
    result_code     TEXT,                          -- catalogue code, e.g. KQ.G15.000031
    type_name       TEXT,                          -- e.g. Giấy khai sinh
    number_symbol   TEXT,                          -- số, ký hiệu, e.g. 123/TLKS-UBND
    date_signed     TEXT,                          -- YYYY-MM-DD
    agency          TEXT,                          -- issuing agency
    signer          TEXT,
    summary         TEXT,                          -- trích yếu
    valid_until     TEXT,                          -- YYYY-MM-DD; NULL = without limit
    holder_name     TEXT,                          -- the citizen it belongs to
    holder_id       TEXT,                          -- 12 (or 9) digit ID number
    confirmed       INTEGER NOT NULL DEFAULT 0,    -- 1 once the clerk confirmed the fields
    proposed_json   TEXT NOT NULL DEFAULT '{}',    -- what OCR proposed, kept for accuracy review
    record_id       INTEGER,                       -- its own package (record.id); kept once purged
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX result_dossier ON result(dossier_id);
CREATE INDEX result_code ON result(dossier_code);
CREATE INDEX result_holder ON result(holder_id);

CREATE TABLE result_page (
    result_id  INTEGER NOT NULL REFERENCES result(id) ON DELETE CASCADE,
    page_id    INTEGER NOT NULL REFERENCES page(id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    PRIMARY KEY (result_id, page_id)
);
CREATE INDEX result_page_page ON result_page(page_id);

-- A record's kind: 'dossier' (default, every record before this version) or
-- 'result'; a result's record names the record of the dossier it resolves.
ALTER TABLE record ADD COLUMN kind TEXT NOT NULL DEFAULT 'dossier';
ALTER TABLE record ADD COLUMN result_id INTEGER REFERENCES result(id);

-- The one-stop system's list of received dossiers, one row per dossier code
-- (a later import of the same code updates it). Matched to workspace
-- dossiers by code.
CREATE TABLE register_entry (
    id                  INTEGER PRIMARY KEY,
    dossier_code        TEXT NOT NULL UNIQUE,
    procedure_code      TEXT,
    procedure_name      TEXT,
    applicant_name      TEXT,
    received_at         TEXT,                      -- YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS
    result_issued_at    TEXT,                      -- when the register says the result was issued
    status              TEXT,
    source_file         TEXT NOT NULL,
    imported_at         TEXT NOT NULL
);
CREATE INDEX register_received ON register_entry(received_at);

-- Reuse store: per citizen, digitised documents still valid, looked up by ID
-- number. One row per document on file; the bytes are the blob of its PDF
-- (or page image) in the blob store. Retention and subject requests go by
-- holder_id: deleting a person's rows (and unreferenced blobs) forgets them.
CREATE TABLE reuse_item (
    id              INTEGER PRIMARY KEY,
    holder_id       TEXT NOT NULL,                 -- 12 (or 9) digits, no spaces
    holder_name     TEXT,
    type_key        TEXT NOT NULL,                 -- document type, e.g. giay_khai_sinh
    type_name       TEXT NOT NULL,
    blob_sha        TEXT NOT NULL,                 -- sha256 of the stored document
    page_shas       TEXT NOT NULL DEFAULT '[]',    -- JSON list of page image blobs
    source          TEXT NOT NULL,                 -- dossier:<code> | result:<id>
    valid_until     TEXT,                          -- YYYY-MM-DD; NULL = without limit
    added_at        TEXT NOT NULL,
    UNIQUE (holder_id, blob_sha)
);
CREATE INDEX reuse_item_holder ON reuse_item(holder_id, type_key);

-- Each reuse of a stored document in a dossier (counted in the reports and
-- stated in the dossier's manifest by reference and hash).
CREATE TABLE reuse_use (
    id           INTEGER PRIMARY KEY,
    dossier_id   INTEGER NOT NULL REFERENCES dossier(id) ON DELETE CASCADE,
    item_id      INTEGER REFERENCES reuse_item(id) ON DELETE SET NULL,
    type_key     TEXT NOT NULL,
    type_name    TEXT NOT NULL,
    blob_sha     TEXT NOT NULL,
    source       TEXT NOT NULL,
    used_at      TEXT NOT NULL,
    UNIQUE (dossier_id, type_key)
);
