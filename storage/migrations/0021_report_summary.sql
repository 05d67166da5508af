-- The report's summary table, version 21: one row per received dossier (a register entry,
-- a workspace dossier, or both, matched by code) with what the report counts of it, so a
-- report over many dossiers is a few GROUP BY queries. storage/reports.py computes the rows;
-- the triggers below mark, in the writer's own transaction, the dossiers and codes each write
-- touches, and the workspace's connection recomputes the marked rows before it commits.

CREATE TABLE report_unit (
    key               TEXT PRIMARY KEY,   -- dossier code (or provisional id without one)
    reg_id            INTEGER,            -- its register entry (register order names procedures)
    day               TEXT,               -- YYYY-MM-DD of receipt
    month             TEXT,               -- YYYY-MM of receipt
    proc              TEXT,               -- procedure code
    proc_name         TEXT,               -- procedure name as the register gives it
    dossier_id        INTEGER,            -- the workspace dossier, when there is one
    received_s        REAL,               -- receipt, seconds since the epoch
    digitised         INTEGER NOT NULL,   -- 1 once its record was packed (or it was purged)
    components        INTEGER NOT NULL,   -- documents + reused components, once digitised
    reused            INTEGER NOT NULL,   -- components taken from the reuse store, once digitised
    pages             INTEGER NOT NULL,   -- scanned pages, once digitised
    outbox            INTEGER NOT NULL,   -- its packages still waiting to be sent
    hours             REAL,               -- receipt to first confirmed delivery
    result_issued     INTEGER NOT NULL,   -- 1 when a result was issued for it
    result_day        TEXT,               -- the result's date
    result_month      TEXT,
    result_digitised  INTEGER NOT NULL    -- 1 once a result's own record was packed
);
-- Covering indexes: each of the report's queries reads one of them, never the table.
CREATE INDEX report_unit_cells ON report_unit(proc, month, day, digitised, components, reused,
                                              pages, outbox);
CREATE INDEX report_unit_results ON report_unit(proc, result_month, result_day, result_digitised)
    WHERE result_issued = 1;
CREATE INDEX report_unit_hours ON report_unit(day, proc, month, hours) WHERE hours IS NOT NULL;
CREATE INDEX report_unit_names ON report_unit(proc, reg_id, proc_name) WHERE proc_name IS NOT NULL;

-- Units a write changed and the summary has not caught up with yet.
CREATE TABLE report_dirty_code (code TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE report_dirty_dossier (id INTEGER PRIMARY KEY);

CREATE TRIGGER report_dossier_insert AFTER INSERT ON dossier BEGIN
    INSERT OR IGNORE INTO report_dirty_dossier SELECT NEW.id WHERE NEW.id IS NOT NULL;
    INSERT OR IGNORE INTO report_dirty_code SELECT COALESCE(NULLIF(NEW.code, ''), NEW.provisional_id) WHERE COALESCE(NULLIF(NEW.code, ''), NEW.provisional_id) IS NOT NULL;
END;

CREATE TRIGGER report_dossier_update AFTER UPDATE OF code, provisional_id, procedure_code, received_date, purged_at ON dossier BEGIN
    INSERT OR IGNORE INTO report_dirty_dossier SELECT NEW.id WHERE NEW.id IS NOT NULL;
    INSERT OR IGNORE INTO report_dirty_code SELECT COALESCE(NULLIF(OLD.code, ''), OLD.provisional_id) WHERE COALESCE(NULLIF(OLD.code, ''), OLD.provisional_id) IS NOT NULL;
    INSERT OR IGNORE INTO report_dirty_code SELECT COALESCE(NULLIF(NEW.code, ''), NEW.provisional_id) WHERE COALESCE(NULLIF(NEW.code, ''), NEW.provisional_id) IS NOT NULL;
END;

CREATE TRIGGER report_dossier_delete AFTER DELETE ON dossier BEGIN
    INSERT OR IGNORE INTO report_dirty_code SELECT COALESCE(NULLIF(OLD.code, ''), OLD.provisional_id) WHERE COALESCE(NULLIF(OLD.code, ''), OLD.provisional_id) IS NOT NULL;
END;

CREATE TRIGGER report_document_insert AFTER INSERT ON document BEGIN
    INSERT OR IGNORE INTO report_dirty_dossier SELECT NEW.dossier_id WHERE NEW.dossier_id IS NOT NULL;
END;

CREATE TRIGGER report_document_update AFTER UPDATE OF dossier_id ON document BEGIN
    INSERT OR IGNORE INTO report_dirty_dossier SELECT OLD.dossier_id WHERE OLD.dossier_id IS NOT NULL;
    INSERT OR IGNORE INTO report_dirty_dossier SELECT NEW.dossier_id WHERE NEW.dossier_id IS NOT NULL;
END;

CREATE TRIGGER report_document_delete AFTER DELETE ON document BEGIN
    INSERT OR IGNORE INTO report_dirty_dossier SELECT OLD.dossier_id WHERE OLD.dossier_id IS NOT NULL;
END;

CREATE TRIGGER report_reuse_use_insert AFTER INSERT ON reuse_use BEGIN
    INSERT OR IGNORE INTO report_dirty_dossier SELECT NEW.dossier_id WHERE NEW.dossier_id IS NOT NULL;
END;

CREATE TRIGGER report_reuse_use_update AFTER UPDATE OF dossier_id ON reuse_use BEGIN
    INSERT OR IGNORE INTO report_dirty_dossier SELECT OLD.dossier_id WHERE OLD.dossier_id IS NOT NULL;
    INSERT OR IGNORE INTO report_dirty_dossier SELECT NEW.dossier_id WHERE NEW.dossier_id IS NOT NULL;
END;

CREATE TRIGGER report_reuse_use_delete AFTER DELETE ON reuse_use BEGIN
    INSERT OR IGNORE INTO report_dirty_dossier SELECT OLD.dossier_id WHERE OLD.dossier_id IS NOT NULL;
END;

CREATE TRIGGER report_record_insert AFTER INSERT ON record BEGIN
    INSERT OR IGNORE INTO report_dirty_dossier SELECT NEW.dossier_id WHERE NEW.dossier_id IS NOT NULL;
END;

CREATE TRIGGER report_record_update AFTER UPDATE OF dossier_id, kind, package_sha ON record BEGIN
    INSERT OR IGNORE INTO report_dirty_dossier SELECT OLD.dossier_id WHERE OLD.dossier_id IS NOT NULL;
    INSERT OR IGNORE INTO report_dirty_dossier SELECT NEW.dossier_id WHERE NEW.dossier_id IS NOT NULL;
END;

CREATE TRIGGER report_record_delete AFTER DELETE ON record BEGIN
    INSERT OR IGNORE INTO report_dirty_dossier SELECT OLD.dossier_id WHERE OLD.dossier_id IS NOT NULL;
END;

CREATE TRIGGER report_purged_dossier_insert AFTER INSERT ON purged_dossier BEGIN
    INSERT OR IGNORE INTO report_dirty_dossier SELECT NEW.dossier_id WHERE NEW.dossier_id IS NOT NULL;
END;

CREATE TRIGGER report_purged_dossier_update AFTER UPDATE OF dossier_id, pages, delivered_at ON purged_dossier BEGIN
    INSERT OR IGNORE INTO report_dirty_dossier SELECT OLD.dossier_id WHERE OLD.dossier_id IS NOT NULL;
    INSERT OR IGNORE INTO report_dirty_dossier SELECT NEW.dossier_id WHERE NEW.dossier_id IS NOT NULL;
END;

CREATE TRIGGER report_purged_dossier_delete AFTER DELETE ON purged_dossier BEGIN
    INSERT OR IGNORE INTO report_dirty_dossier SELECT OLD.dossier_id WHERE OLD.dossier_id IS NOT NULL;
END;

CREATE TRIGGER report_document_page_insert AFTER INSERT ON document_page BEGIN
    INSERT OR IGNORE INTO report_dirty_dossier SELECT dossier_id FROM document WHERE id = NEW.document_id;
END;

CREATE TRIGGER report_document_page_update AFTER UPDATE ON document_page BEGIN
    INSERT OR IGNORE INTO report_dirty_dossier SELECT dossier_id FROM document WHERE id = OLD.document_id;
    INSERT OR IGNORE INTO report_dirty_dossier SELECT dossier_id FROM document WHERE id = NEW.document_id;
END;

CREATE TRIGGER report_document_page_delete AFTER DELETE ON document_page BEGIN
    INSERT OR IGNORE INTO report_dirty_dossier SELECT dossier_id FROM document WHERE id = OLD.document_id;
END;

CREATE TRIGGER report_page_deleted AFTER UPDATE OF deleted ON page BEGIN
    INSERT OR IGNORE INTO report_dirty_dossier SELECT x.dossier_id FROM document_page dp JOIN document x ON x.id = dp.document_id WHERE dp.page_id = NEW.id;
END;

CREATE TRIGGER report_upload_job_insert AFTER INSERT ON upload_job BEGIN
    INSERT OR IGNORE INTO report_dirty_dossier SELECT dossier_id FROM record WHERE package_sha = NEW.package_sha256;
END;

CREATE TRIGGER report_upload_job_update AFTER UPDATE OF state, finished_at, package_sha256 ON upload_job BEGIN
    INSERT OR IGNORE INTO report_dirty_dossier SELECT dossier_id FROM record WHERE package_sha = OLD.package_sha256;
    INSERT OR IGNORE INTO report_dirty_dossier SELECT dossier_id FROM record WHERE package_sha = NEW.package_sha256;
END;

CREATE TRIGGER report_upload_job_delete AFTER DELETE ON upload_job BEGIN
    INSERT OR IGNORE INTO report_dirty_dossier SELECT dossier_id FROM record WHERE package_sha = OLD.package_sha256;
END;

CREATE TRIGGER report_result_insert AFTER INSERT ON result BEGIN
    INSERT OR IGNORE INTO report_dirty_dossier SELECT NEW.dossier_id WHERE NEW.dossier_id IS NOT NULL;
    INSERT OR IGNORE INTO report_dirty_code SELECT NEW.dossier_code WHERE NEW.dossier_code IS NOT NULL;
END;

CREATE TRIGGER report_result_update AFTER UPDATE OF dossier_id, dossier_code, date_signed, record_id ON result BEGIN
    INSERT OR IGNORE INTO report_dirty_dossier SELECT OLD.dossier_id WHERE OLD.dossier_id IS NOT NULL;
    INSERT OR IGNORE INTO report_dirty_code SELECT OLD.dossier_code WHERE OLD.dossier_code IS NOT NULL;
    INSERT OR IGNORE INTO report_dirty_dossier SELECT NEW.dossier_id WHERE NEW.dossier_id IS NOT NULL;
    INSERT OR IGNORE INTO report_dirty_code SELECT NEW.dossier_code WHERE NEW.dossier_code IS NOT NULL;
END;

CREATE TRIGGER report_result_delete AFTER DELETE ON result BEGIN
    INSERT OR IGNORE INTO report_dirty_dossier SELECT OLD.dossier_id WHERE OLD.dossier_id IS NOT NULL;
    INSERT OR IGNORE INTO report_dirty_code SELECT OLD.dossier_code WHERE OLD.dossier_code IS NOT NULL;
END;

CREATE TRIGGER report_register_insert AFTER INSERT ON register_entry BEGIN
    INSERT OR IGNORE INTO report_dirty_code SELECT NEW.dossier_code WHERE NEW.dossier_code IS NOT NULL;
END;

CREATE TRIGGER report_register_update AFTER UPDATE OF dossier_code, procedure_code, procedure_name, received_at, result_issued_at, status ON register_entry BEGIN
    INSERT OR IGNORE INTO report_dirty_code SELECT OLD.dossier_code WHERE OLD.dossier_code IS NOT NULL;
    INSERT OR IGNORE INTO report_dirty_code SELECT NEW.dossier_code WHERE NEW.dossier_code IS NOT NULL;
END;

CREATE TRIGGER report_register_delete AFTER DELETE ON register_entry BEGIN
    INSERT OR IGNORE INTO report_dirty_code SELECT OLD.dossier_code WHERE OLD.dossier_code IS NOT NULL;
END;

-- Backfill: every unit is marked; the workspace computes them when it next opens.
INSERT OR IGNORE INTO report_dirty_code SELECT dossier_code FROM register_entry;
INSERT OR IGNORE INTO report_dirty_dossier SELECT id FROM dossier;
