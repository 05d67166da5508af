"""The app purges expired local copies in the background when it starts."""

from __future__ import annotations

import random
from pathlib import Path

from storage import Workspace, check_workspace
from synth.workspaces import add_dossier


def test_window_start_purges_in_the_background(ctx: object, ws: Workspace, tmp_path: Path,
                                               qtbot: object) -> None:
    from desktop.main_window import MainWindow

    ws.set_setting("retention.days", "7")
    rng = random.Random(9)
    old = add_dossier(ws, rng, delivered_at="2025-03-01T00:00:00+00:00", scratch=tmp_path)
    waiting = add_dossier(ws, rng, delivered_at=None, scratch=tmp_path)
    win = MainWindow(ctx)  # type: ignore[arg-type]
    qtbot.addWidget(win)  # type: ignore[attr-defined]
    win.show()

    def purged() -> bool:
        return ws.conn.execute("SELECT count(*) FROM purged_dossier").fetchone()[0] == 1

    qtbot.waitUntil(purged, timeout=30000)  # type: ignore[attr-defined]
    # The blobs go right after the commit, then the status bar says so.
    qtbot.waitUntil(lambda: "hồ sơ" in win.statusBar().currentMessage(),  # type: ignore
                    timeout=10000)
    row = ws.conn.execute("SELECT dossier_id FROM purged_dossier").fetchone()
    assert row[0] == old.dossier_id
    assert ws.blobs.has(waiting.package_sha) and not ws.blobs.has(old.package_sha)
    assert check_workspace(ws).ok
    win.close()
