"""The bundled sample beyond its pages: its official code, its register and its result.

Opening the sample gives a newcomer a dossier in the worklist's register, a result waiting
to be confirmed, and figures in the report.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from storage import Workspace
from storage import dossiers as dossier_store

SAMPLE_CODE = "000.00.12.H56-240830-0042"
RESULT_FILE = "ket-qua-giay-khai-sinh.png"
REGISTER_FILE = "so-tiep-nhan.csv"


@dataclass(frozen=True)
class SampleDesk:
    registered: int
    result_id: int | None


def attach_sample_desk(ws: Workspace, dossier_id: int, folder: Path, *, jobs: int | None = None,
                       cancel: threading.Event | None = None) -> SampleDesk:
    """Give the sample dossier its code, import the sample register, read its result."""
    from dossier.register import import_register
    from dossier.results import add_result_files, list_results

    dossier = dossier_store.get_dossier(ws, dossier_id)
    if dossier is None:
        return SampleDesk(0, None)
    taken = ws.conn.execute("SELECT 1 FROM dossier WHERE code = ?", (SAMPLE_CODE,)).fetchone()
    if dossier.code is None and not taken:
        dossier_store.update_dossier(ws, dossier_id, code=SAMPLE_CODE)
    registered = 0
    if (folder / REGISTER_FILE).is_file():
        registered = import_register(ws, folder / REGISTER_FILE).imported
    result_id = None
    if (folder / RESULT_FILE).is_file() and not list_results(ws, dossier_id):
        result_id, _problems = add_result_files(ws, [folder / RESULT_FILE],
                                                dossier_id=dossier_id, jobs=jobs, cancel=cancel)
    return SampleDesk(registered, result_id)
