-- Resumable batches, version 14: what each batch is to become (its plan), the
-- inputs it was started with (so an interrupted import can be finished from
-- them), and why assembly left a page out of every dossier.

-- import: pages only | process: and OCR | assemble: and one dossier |
-- split / split_blank: and dossiers cut at cover sheets (and blank sheets).
ALTER TABLE batch ADD COLUMN plan TEXT NOT NULL DEFAULT 'process';
ALTER TABLE batch ADD COLUMN finished_at TEXT;

CREATE TABLE batch_input (
    id        INTEGER PRIMARY KEY,
    batch_id  INTEGER NOT NULL REFERENCES batch(id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,
    path      TEXT NOT NULL,
    done      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX batch_input_batch ON batch_input(batch_id, seq);

-- blank | cover: a page assembly deliberately kept out of the dossiers.
ALTER TABLE page ADD COLUMN left_out TEXT;
