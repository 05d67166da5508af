-- Capture, version 4: files seen in watched folders, so that each is imported
-- exactly once, across restarts and crashes. A file is known by its path, size
-- and modification time, and by the hash of its content.

CREATE TABLE watch_file (
    id          INTEGER PRIMARY KEY,
    folder      TEXT NOT NULL,
    path        TEXT NOT NULL,
    size        INTEGER NOT NULL,
    mtime_ns    INTEGER NOT NULL,
    sha256      TEXT NOT NULL,
    state       TEXT NOT NULL,                 -- importing | imported | processed | rejected | duplicate
    batch_id    INTEGER REFERENCES batch(id),
    reason      TEXT,
    seen_at     TEXT NOT NULL,
    done_at     TEXT,
    UNIQUE (path, size, mtime_ns)
);
CREATE INDEX watch_file_sha ON watch_file(sha256);
CREATE INDEX watch_file_state ON watch_file(folder, state);
