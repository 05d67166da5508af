"""The report read from the summary table equals the report computed straight from the source
tables, on a varied workspace and after every kind of write; ``sohoa check`` notices a summary
that disagrees and ``--repair`` rebuilds it."""

from __future__ import annotations

import datetime as dt
import json
import random
import subprocess
import sys
from pathlib import Path

from dossier.reports import build_report, rows_for_table
from storage import Workspace, check_workspace, transaction
from storage import reports as report_store
from storage.health import Finding
from tests.reports.direct_report import direct_report
from tests.workspaces import open_workspace

REPO = Path(__file__).resolve().parents[2]
PROCEDURES = ("1.001193", "1.000894", "1.000656", "2.000815", None)
PERIODS = ((None, None), (dt.date(2025, 3, 1), dt.date(2025, 3, 31)),
           (dt.date(2025, 2, 10), None), (None, dt.date(2025, 2, 20)),
           (dt.date(2025, 4, 1), dt.date(2025, 5, 31)))


def _same(ws: Workspace, label: str) -> None:
    for start, end in PERIODS:
        want = direct_report(ws, start, end)
        got = build_report(ws, start, end)
        where = f"{label}, {start}..{end}"
        assert json.dumps(got.to_json(), ensure_ascii=False) == \
            json.dumps(want.to_json(), ensure_ascii=False), where
        assert rows_for_table(got) == rows_for_table(want), where
        assert [m.figures.median_hours_to_delivery for m in got.by_month] == \
            [m.figures.median_hours_to_delivery for m in want.by_month], where
    assert report_store.differences(ws.conn) == (0, []), label


class World:
    """A workspace filled with dossiers in every state, changed at random."""

    def __init__(self, ws: Workspace, seed: int) -> None:
        self.ws, self.rng = ws, random.Random(seed)
        self.n = 0
        self.c = ws.conn
        self.c.execute("INSERT INTO batch (id, created_at, source, state) VALUES "
                       "(1, '2025-01-01T00:00:00+00:00', 'files', 'processed')")

    def one(self, sql: str, *args: object) -> object:
        row = self.c.execute(sql, args).fetchone()
        return row[0] if row else None

    def day(self) -> dt.date:
        return dt.date(2025, 1, 1) + dt.timedelta(days=self.rng.randrange(150))

    def code(self, day: dt.date) -> str:
        self.n += 1
        return f"000.00.06.H56-{day:%y%m%d}-{self.n:04d}"

    def register(self, code: str, day: dt.date) -> None:
        r = self.rng.random()
        self.c.execute(
            "INSERT INTO register_entry (dossier_code, procedure_code, procedure_name, "
            "received_at, result_issued_at, status, source_file, imported_at) "
            "VALUES (?, ?, ?, ?, ?, ?, 'so.csv', 'x')",
            (code, self.rng.choice(PROCEDURES), self.rng.choice((None, "Đăng ký khai sinh", "")),
             self.rng.choice((day.isoformat(), f"{day.isoformat()}T09:30:00",
                              f"{day.isoformat()}T02:00:00+00:00")),
             (day + dt.timedelta(days=3)).isoformat() if r < 0.3 else None,
             self.rng.choice(("Đã trả kết quả", "Chưa trả kết quả", "Đang xử lý", None))))

    def dossier(self, code: str | None, day: dt.date) -> int:
        self.n += 1
        cur = self.c.execute(
            "INSERT INTO dossier (provisional_id, code, batch_id, procedure_code, state, "
            "received_date, created_at, updated_at) VALUES (?, ?, 1, ?, 'draft', ?, 'x', 'x')",
            (f"LOCAL-{self.n}", code, self.rng.choice(PROCEDURES),
             day.isoformat() if self.rng.random() < 0.8 else None))
        did = int(cur.lastrowid)
        for _ in range(self.rng.randint(0, 3)):
            self.document(did)
        return did

    def document(self, did: int) -> None:
        seq = int(self.one("SELECT COALESCE(MAX(seq), 0) + 1 FROM document WHERE dossier_id = ?",
                           did))
        doc = self.c.execute("INSERT INTO document (dossier_id, seq, created_at) "
                             "VALUES (?, ?, 'x')", (did, seq)).lastrowid
        for p in range(self.rng.randint(1, 3)):
            self.n += 1
            page = self.c.execute(
                "INSERT INTO page (batch_id, seq, source_sha, image_sha, source_name, media_type, "
                "width, height, state, created_at) VALUES "
                "(1, ?, ?, 'i', 'p.png', 'image/png', 1, 1, 'processed', 'x')",
                (self.n, f"s{self.n}")).lastrowid
            self.c.execute("INSERT INTO document_page VALUES (?, ?, ?)", (doc, page, p))

    def pack(self, did: int, kind: str = "dossier") -> None:
        self.n += 1
        sha = f"{self.n:064x}"
        rec = self.c.execute(
            "INSERT INTO record (dossier_id, package_sha, package_name, profile, size, "
            "created_at, kind) VALUES (?, ?, 'p.zip', 'compact', 1, 'x', ?)",
            (did, sha, kind)).lastrowid
        self.c.execute("INSERT INTO upload_job (package_sha256, package_path, filename, size, "
                       "state, record_id, created_at, updated_at) VALUES "
                       "(?, 'p', 'p.zip', 1, 'queued', ?, 'x', 'x')", (sha, rec))
        if kind == "result":
            self.c.execute("UPDATE result SET record_id = ? WHERE id = (SELECT MAX(id) FROM "
                           "result WHERE dossier_id = ?)", (rec, did))

    def result(self, did: int | None, code: str | None) -> None:
        day = self.day()
        self.c.execute("INSERT INTO result (dossier_id, dossier_code, result_code, date_signed, "
                       "created_at, updated_at) VALUES (?, ?, ?, ?, 'x', 'x')",
                       (did, code, self.rng.choice(("KQ.G15.000031", "KQ.G15.000038", None)),
                        day.isoformat() if self.rng.random() < 0.8 else None))

    def random_dossier(self) -> int | None:
        return self.one("SELECT id FROM dossier ORDER BY random() LIMIT 1")  # type: ignore[return-value]

    def fill(self, count: int) -> None:
        for _ in range(count):
            day = self.day()
            code = self.code(day)
            where = self.rng.random()
            if where < 0.8:
                self.register(code, day)
            if where > 0.15:
                did = self.dossier(code if self.rng.random() < 0.9 else None, day)
                if self.rng.random() < 0.7:
                    self.pack(did)
                if self.rng.random() < 0.2:
                    self.c.execute("INSERT INTO reuse_use (dossier_id, type_key, type_name, "
                                   "blob_sha, source, used_at) VALUES "
                                   "(?, 'can_cuoc', 'Căn cước', 'h', 's', 'x')", (did,))
                if self.rng.random() < 0.4:
                    self.result(did, code)
            elif self.rng.random() < 0.5:
                self.result(None, code)
        for _ in range(5):  # results of dossiers this workspace never saw
            self.result(None, self.code(self.day()))

    def change(self) -> str:
        """One write of a random kind; returns its name."""
        rng, did = self.rng, self.random_dossier()
        if did is None:
            return "none"
        kind = rng.choice(("deliver", "fail", "delete page", "add document", "drop document",
                           "reuse", "pack again", "result", "pack result", "re-sign", "code",
                           "procedure", "purge", "delete dossier", "register", "late register",
                           "drop result"))
        c = self.c
        if kind in ("deliver", "fail"):
            job = self.one("SELECT u.id FROM upload_job u JOIN record k ON "
                           "k.package_sha = u.package_sha256 WHERE k.dossier_id = ? "
                           "AND u.state <> 'done' LIMIT 1", did)
            if job is None:
                self.pack(did)
                return "pack"
            at = dt.datetime(2025, 1, 1, tzinfo=dt.UTC) + dt.timedelta(
                hours=rng.randrange(150 * 24))
            c.execute("UPDATE upload_job SET state = ?, finished_at = ? WHERE id = ?",
                      ("done" if kind == "deliver" else "failed",
                       at.isoformat() if kind == "deliver" else None, job))
        elif kind == "delete page":
            c.execute("UPDATE page SET deleted = 1 WHERE id = (SELECT dp.page_id FROM "
                      "document_page dp JOIN document x ON x.id = dp.document_id "
                      "WHERE x.dossier_id = ? LIMIT 1)", (did,))
        elif kind == "add document":  # an edit after packing
            self.document(did)
        elif kind == "drop document":
            c.execute("DELETE FROM document WHERE id = (SELECT MIN(id) FROM document "
                      "WHERE dossier_id = ?)", (did,))
        elif kind == "reuse":
            c.execute("INSERT OR IGNORE INTO reuse_use (dossier_id, type_key, type_name, "
                      "blob_sha, source, used_at) VALUES (?, 'giay_khai_sinh', 'Giấy khai sinh', "
                      "'h', 's', 'x')", (did,))
        elif kind == "pack again":
            self.pack(did)
        elif kind == "result":
            self.result(did, None)
        elif kind == "pack result":
            self.pack(did, "result")
        elif kind == "re-sign":
            c.execute("UPDATE result SET date_signed = ? WHERE dossier_id = ?",
                      (self.day().isoformat(), did))
        elif kind == "code":
            day = self.day()
            c.execute("UPDATE dossier SET code = ? WHERE id = ?", (self.code(day), did))
        elif kind == "procedure":
            c.execute("UPDATE dossier SET procedure_code = ? WHERE id = ?",
                      (rng.choice(PROCEDURES), did))
        elif kind == "purge":
            if self.one("SELECT 1 FROM purged_dossier WHERE dossier_id = ?", did):
                return "purged already"
            pages = self.one("SELECT COUNT(*) FROM document x JOIN document_page dp "
                             "ON dp.document_id = x.id WHERE x.dossier_id = ?", did)
            c.execute("INSERT INTO purged_dossier (dossier_id, pages, documents, package_shas, "
                      "delivered_at, purged_at, reason) VALUES (?, ?, 0, '[]', ?, 'x', "
                      "'retention')", (did, pages, rng.choice(
                          (None, "2025-06-01T00:00:00+00:00"))))
            c.execute("DELETE FROM document WHERE dossier_id = ?", (did,))
        elif kind == "delete dossier":
            for table in ("reuse_use", "result"):
                c.execute(f"DELETE FROM {table} WHERE dossier_id = ?", (did,))
            c.execute("DELETE FROM upload_job WHERE package_sha256 IN "
                      "(SELECT package_sha FROM record WHERE dossier_id = ?)", (did,))
            c.execute("DELETE FROM record WHERE dossier_id = ?", (did,))
            c.execute("DELETE FROM purged_dossier WHERE dossier_id = ?", (did,))
            c.execute("DELETE FROM document WHERE dossier_id = ?", (did,))
            c.execute("DELETE FROM dossier WHERE id = ?", (did,))
        elif kind == "register":
            c.execute("UPDATE register_entry SET received_at = ?, status = 'Hoàn thành' WHERE id = "
                      "(SELECT id FROM register_entry ORDER BY random() LIMIT 1)",
                      (self.day().isoformat(),))
        elif kind == "late register":  # the register arrives after the dossier or result
            code = self.one("SELECT code FROM (SELECT code FROM dossier UNION ALL "
                            "SELECT dossier_code FROM result) WHERE code IS NOT NULL AND code "
                            "NOT IN (SELECT dossier_code FROM register_entry) "
                            "ORDER BY random() LIMIT 1")
            if code is None:
                return "nothing to register"
            self.register(str(code), self.day())
        elif kind == "drop result":
            c.execute("DELETE FROM result WHERE id = (SELECT MIN(id) FROM result)")
        return kind


def test_summary_report_equals_direct_computation(tmp_path: Path) -> None:
    ws = open_workspace(tmp_path / "ws")
    try:
        world = World(ws, seed=19)
        with transaction(ws.conn):
            world.fill(400)
        _same(ws, "filled")
        done = []
        for step in range(240):
            # Most writes through the workspace's transactions (the summary commits with
            # them); some as bare statements, as an outside writer would (the report
            # catches up with those).
            if step % 4 == 3:
                done.append(world.change())
            else:
                with transaction(ws.conn):
                    done.append(world.change())
                    if step % 5 == 0:
                        done.append(world.change())
            if step % 20 == 19:
                _same(ws, f"after {step + 1} steps ({', '.join(sorted(set(done)))})")
        assert {"deliver", "purge", "delete dossier", "late register", "code",
                "pack result"} <= set(done)
        assert ws.conn.execute("SELECT COUNT(*) FROM report_unit").fetchone()[0] > 300
    finally:
        ws.close()


def test_reopened_workspace_backfills_the_summary(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    ws = open_workspace(root)
    World(ws, seed=3).fill(120)
    # As a workspace made before the summary: no rows, every unit marked (the migration).
    ws.conn.execute("DELETE FROM report_unit")
    ws.conn.execute("INSERT OR IGNORE INTO report_dirty_dossier SELECT id FROM dossier")
    ws.conn.execute("INSERT OR IGNORE INTO report_dirty_code SELECT dossier_code "
                    "FROM register_entry")
    ws.close()
    ws = open_workspace(root)
    try:
        assert not report_store.pending(ws.conn)
        assert ws.conn.execute("SELECT COUNT(*) FROM report_unit").fetchone()[0] > 100
        _same(ws, "reopened")
    finally:
        ws.close()


def test_check_names_a_wrong_summary_and_repair_rebuilds_it(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    ws = open_workspace(root)
    world = World(ws, seed=5)
    with transaction(ws.conn):
        world.fill(60)
    # (The fake pages have no image blobs: the check names those too; only the summary
    # findings matter here.)
    assert check_workspace(ws).of_kind(Finding.REPORT_SUMMARY) == []
    key = ws.conn.execute("SELECT key FROM report_unit WHERE digitised = 1 LIMIT 1").fetchone()[0]
    # Changed behind the triggers' back (as a hand edit or an older program would).
    ws.conn.execute("UPDATE report_unit SET pages = pages + 7 WHERE key = ?", (key,))
    ws.conn.execute("DELETE FROM report_unit WHERE key = (SELECT MAX(key) FROM report_unit)")
    found = check_workspace(ws).of_kind(Finding.REPORT_SUMMARY)
    assert len(found) == 1 and key in found[0].text and "pages" in found[0].text, found
    assert "2 received dossier(s)" in found[0].text
    ws.close()
    out = subprocess.run([sys.executable, "-m", "cli", "--workspace", str(root), "check",
                          "--json"], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert out.returncode != 0
    assert any(p.startswith("report summary:") for p in json.loads(out.stdout)["problems"])
    out = subprocess.run([sys.executable, "-m", "cli", "--workspace", str(root), "check",
                          "--repair", "--json"], cwd=REPO, capture_output=True, text=True,
                         timeout=300)
    data = json.loads(out.stdout)
    assert any(f.startswith("report summary: recomputed") for f in data["repaired"]), data
    assert not any(p.startswith("report summary:") for p in data["problems"]), data
    ws = open_workspace(root)
    try:
        assert report_store.differences(ws.conn) == (0, [])
        _same(ws, "repaired")
    finally:
        ws.close()
