"""recognise_many: lazy feeding, results as soon as each page finishes, bad items fail alone."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

import ocr
from synth import RenderedPage, render_page
from tests.ocr.conftest import png


@pytest.fixture(scope="module")
def small_png() -> bytes:
    page = render_page(["Giấy đề nghị cấp bản sao trích lục hộ tịch."], dpi=150, size="A6")
    return png(page.image, 150)


def test_results_arrive_before_the_next_item_is_fed(small_png: bytes) -> None:
    first_result = threading.Event()
    fed_second_after_result: list[bool] = []

    def items() -> Iterator[tuple[str, bytes]]:
        yield "a", small_png
        # A scanner still busy with the next sheet: nothing more arrives until page a is back.
        fed_second_after_result.append(first_result.wait(timeout=300))
        yield "b", small_png

    keys = []
    for key, outcome in ocr.recognise_many(items(), jobs=1):
        assert isinstance(outcome, ocr.PageResult)
        assert "trích lục" in outcome.text
        keys.append(key)
        first_result.set()
    assert keys == ["a", "b"]
    assert fed_second_after_result == [True]


def test_a_bad_item_fails_alone(page: RenderedPage, small_png: bytes) -> None:
    items = [("good1", small_png), ("empty", b""), ("text", b"not an image at all"),
             ("good2", png(page.image.rotate(180), 200))]
    outcomes = dict(ocr.recognise_many(items, jobs=2))
    assert set(outcomes) == {"good1", "empty", "text", "good2"}
    assert isinstance(outcomes["empty"], ocr.BadImageError)
    assert "0 byte" in str(outcomes["empty"])
    assert isinstance(outcomes["text"], ocr.OcrError)
    good2 = outcomes["good2"]
    assert isinstance(good2, ocr.PageResult) and good2.rotation == 180
    assert isinstance(outcomes["good1"], ocr.PageResult)


def test_an_item_that_failed_before_ocr_keeps_its_reason(small_png: bytes) -> None:
    failed = ocr.OcrError("trang 3 của tệp PDF bị hỏng — page 3 of the PDF is damaged")
    outcomes = dict(ocr.recognise_many([("bad", failed), ("good", small_png)], jobs=1))
    assert outcomes["bad"] is failed
    good = outcomes["good"]
    assert isinstance(good, ocr.PageResult) and "trích lục" in good.text


def test_items_are_pulled_lazily_with_bounded_memory(small_png: bytes) -> None:
    pulled = 0
    pulled_at_first_result: list[int] = []

    def items() -> Iterator[tuple[int, bytes]]:
        nonlocal pulled
        for n in range(12):
            pulled += 1
            yield n, small_png

    seen = set()
    for key, outcome in ocr.recognise_many(items(), jobs=1):
        if not pulled_at_first_result:
            pulled_at_first_result.append(pulled)
        assert isinstance(outcome, ocr.PageResult)
        seen.add(key)
    assert seen == set(range(12))
    # jobs=1 holds at most two pages (plus the one being pulled) before a result is back.
    assert pulled_at_first_result[0] <= 3


def test_closing_early_stops_feeding(small_png: bytes) -> None:
    pulled = 0

    def items() -> Iterator[tuple[int, bytes]]:
        nonlocal pulled
        for n in range(100):
            pulled += 1
            yield n, small_png

    stream = ocr.recognise_many(items(), jobs=1)
    _, outcome = next(stream)
    assert isinstance(outcome, ocr.PageResult)
    stream.close()
    assert pulled <= 4


def test_a_failing_source_reaches_the_caller(small_png: bytes) -> None:
    def items() -> Iterator[tuple[int, bytes]]:
        yield 0, small_png
        raise OSError("scanner unplugged")

    with pytest.raises(OSError, match="scanner unplugged"):
        for _ in ocr.recognise_many(items(), jobs=1):
            pass


def test_upright_image_is_identity_for_upright_pages() -> None:
    image = Image.new("RGB", (40, 60), "white")
    assert ocr.upright_image(image, 0, 0.0) is image
    assert ocr.upright_image(image, 90, 0.0).size == (60, 40)


def test_a_killed_worker_is_replaced_and_the_batch_goes_on(page: RenderedPage) -> None:
    import multiprocessing
    import os
    import signal

    data = png(page.image, 200)
    killed: list[int] = []
    outcomes = {}
    for key, outcome in ocr.recognise_many(((n, data) for n in range(4)), jobs=1):
        outcomes[key] = outcome
        if not killed:
            # The next page is already in the worker: kill it as the OOM killer would.
            for child in multiprocessing.active_children():
                if child.pid is not None:
                    os.kill(child.pid, signal.SIGKILL)
                    killed.append(child.pid)
    assert killed
    assert set(outcomes) == {0, 1, 2, 3}
    assert all(isinstance(o, ocr.PageResult) for o in outcomes.values())


def test_tesseract_timeout_is_an_ocr_error(page: RenderedPage) -> None:
    outcomes = list(ocr.recognise_many([("slow", png(page.image, 200))],
                                       ocr.OcrSettings(timeout_s=0.01), jobs=1))
    assert len(outcomes) == 1
    error = outcomes[0][1]
    assert isinstance(error, ocr.OcrTimeoutError)
    assert "timed out" in str(error) and " — " in str(error)


def test_workers_leave_when_their_parent_is_killed(tmp_path: Path, small_png: bytes) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    image = tmp_path / "page.png"
    image.write_bytes(small_png)
    pids = tmp_path / "pids"
    script = f"""
import multiprocessing, pathlib, time, ocr
if __name__ == "__main__":
    data = pathlib.Path({str(image)!r}).read_bytes()
    stream = ocr.recognise_many(((n, data) for n in range(50)), jobs=2)
    next(stream)
    kids = [str(p.pid) for p in multiprocessing.active_children()]
    pathlib.Path({str(pids)!r}).write_text(" ".join(kids))
    time.sleep(600)
"""
    proc = subprocess.Popen([sys.executable, "-c", script], cwd=Path(__file__).parents[2])
    try:
        deadline = time.monotonic() + 300
        while not pids.exists() or not pids.read_text().strip():
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.2)
        workers = [int(p) for p in pids.read_text().split()]
        assert workers
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()

    def alive(pid: int) -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        # A zombie already exited; only its parent's wait is missing.
        stat = Path(f"/proc/{pid}/stat").read_text() if Path(f"/proc/{pid}").exists() else ""
        return bool(stat) and stat[stat.rfind(")") + 2] != "Z"

    deadline = time.monotonic() + 60
    while any(alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(alive(p) for p in workers)


def test_a_page_past_its_deadline_fails_alone(small_png: bytes) -> None:
    import numpy as np
    from PIL import Image

    # Dense speckle keeps Tesseract's layout analysis busy for many seconds (on a
    # larger page, for hours), and its own deadline covers recognition only.
    speckle = np.where(np.random.default_rng(1).random((800, 800)) < 0.2, 0, 255)
    slow = png(Image.fromarray(speckle.astype("uint8")), 300)
    settings = ocr.OcrSettings(timeout_s=600, page_deadline_s=3)
    outcomes = dict(ocr.recognise_many(
        [("slow", slow), ("small", small_png), ("small2", small_png)], settings, jobs=1))
    assert set(outcomes) == {"slow", "small", "small2"}
    error = outcomes["slow"]
    assert isinstance(error, ocr.OcrTimeoutError)
    assert "left unread" in str(error) and " — " in str(error)
    # The pages queued beside it were not blamed: they were read in a fresh worker.
    assert isinstance(outcomes["small"], ocr.PageResult), outcomes["small"]
    assert isinstance(outcomes["small2"], ocr.PageResult), outcomes["small2"]
