"""One workspace connection used from two threads at once (the import's committer and
the OCR feed): their statements are taken one at a time, never prepared side by side.

The driver's statement cache is not safe for two threads preparing at once (it releases
the GIL while SQLite prepares); a race leaves it broken for every later statement.
"""

from __future__ import annotations

import threading
from pathlib import Path

from tests.workspaces import open_workspace


def test_a_statement_waits_while_another_thread_holds_the_connection(tmp_path: Path) -> None:
    with open_workspace(tmp_path / "ws") as ws:
        ran = threading.Event()

        def read() -> None:
            ws.conn.execute("SELECT COUNT(*) FROM page").fetchone()
            ran.set()

        with ws.conn.write_lock:           # this thread is in the middle of its work
            other = threading.Thread(target=read)
            other.start()
            assert not ran.wait(0.5), "a read ran while another thread held the connection"
        other.join(10)
        assert ran.is_set()                # and it runs as soon as the connection is free

