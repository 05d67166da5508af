-- Accounts and the audit chain, version 13. The keys that open the workspace
-- live outside the database (keys.json); here are who may do what and the
-- tamper-evident log of who did what.

CREATE TABLE account (
    name        TEXT PRIMARY KEY,
    role        TEXT NOT NULL,               -- clerk | leader | admin
    disabled    INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

-- One row per action on personal data; mac chains each row to the one before
-- (HMAC-SHA256 keyed from the workspace key), so a deleted or edited row shows.
CREATE TABLE audit (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    at       TEXT NOT NULL,
    user     TEXT NOT NULL,
    action   TEXT NOT NULL,
    dossier  TEXT,                           -- dossier id or code, when it concerns one
    item     TEXT,                           -- page:N, batch:N, document:N, a file…
    subject  TEXT,                           -- a citizen's ID number, when known
    detail   TEXT,
    outcome  TEXT NOT NULL DEFAULT 'ok',     -- ok | refused | failed
    mac      TEXT NOT NULL
);
CREATE INDEX audit_at ON audit(at);
CREATE INDEX audit_user ON audit(user, at);
CREATE INDEX audit_dossier ON audit(dossier);
CREATE INDEX audit_subject ON audit(subject);
