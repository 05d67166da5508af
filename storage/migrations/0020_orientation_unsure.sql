-- Version 20: a page whose orientation the recogniser could not settle. Such a
-- page is kept as it came (never turned on weak evidence) and shown to the
-- clerk to check; turning it by hand settles it.

ALTER TABLE page ADD COLUMN orientation_unsure INTEGER NOT NULL DEFAULT 0;
