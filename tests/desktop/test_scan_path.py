"""The desktop's scan and ``sohoa scan`` are one path: the same stack gives the same dossiers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from storage import dossiers as dossier_store
from storage import pages as page_store
from tests.capture.conftest import scanned_cover, text_page
from tests.capture.escl_responder import Responder
from tests.capture.test_scan_cli import CODES, PROCEDURES, needs_ocr, sohoa
from tests.workspaces import open_workspace


@pytest.fixture
def escl() -> Iterator[Responder]:
    with Responder() as responder:
        yield responder


def _stack(escl: Responder) -> None:
    angles = [0, 180, 5, -5, 0]
    for n, (code, procedure, angle) in enumerate(zip(CODES, PROCEDURES, angles, strict=True)):
        escl.state.feeder.append(scanned_cover(code, procedure, angle=angle))
        escl.state.feeder.extend(text_page(f"Hồ sơ {n} trang {p}") for p in range(n % 2 + 1))


def _dossiers(ws: object, batch_id: int) -> list[tuple[str | None, str | None, int]]:
    found = sorted((d for d in dossier_store.list_dossiers(ws) if d.batch_id == batch_id),
                   key=lambda d: d.id)
    return [(d.code, d.procedure_code,
             sum(len(doc.page_ids) for doc in dossier_store.documents_of(ws, d.id)))
            for d in found]


def test_desktop_and_command_line_scan_the_same_stack_into_the_same_dossiers(
        qtbot: object, window: object, tmp_path: Path, escl: Responder) -> None:
    needs_ocr()
    _stack(escl)
    cli_ws = tmp_path / "cli"
    result = sohoa(cli_ws, "scan", "--device", escl.url, "--dpi", "200", "--jobs", "2")
    assert result.returncode == 0, result.stderr
    with open_workspace(cli_ws) as ws:
        from_cli = _dossiers(ws, int(result.stdout.strip()))
    assert [c for c, _p, _n in from_cli] == CODES

    _stack(escl)   # the same sheets again, into the desktop's workspace
    window._scan_with(escl.url)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not window.ctx.ops.running, timeout=300000)  # type: ignore[attr-defined]
    ws = window.ctx.ws  # type: ignore[attr-defined]
    batches = [b for b in page_store.list_batches(ws) if b.source == "scan"]
    assert len(batches) == 1, "the desktop scan made no batch (see the operation's error)"
    assert _dossiers(ws, batches[0].id) == from_cli
