"""Scan a batch into the workspace: import each page as it comes off the scanner,
recognise it while the feeder runs, then split the stack into dossiers at cover sheets.

The one scan path of the desktop and of ``sohoa scan``, for every kind of scanner: SANE
(USB), eSCL (network) and WIA (Windows).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from capture import (
    CaptureError,
    DeviceInfo,
    DeviceNotFound,
    EsclSource,
    FeederEmpty,
    MarkKind,
    PageMark,
    SaneSource,
    ScannedPage,
    ScannerSource,
    ScanProfile,
    WiaSource,
    detect,
)
from dossier.batches import run_import
from dossier.importing import ImportedFile, ImportItem, ImportReport, Problem
from dossier.processing import PageProcessed
from dossier.splitting import split_batch
from storage import BatchPlan, Workspace
from storage import pages as page_store

__all__ = [
    "CaptureError",
    "DeviceInfo",
    "ScanReport",
    "ScannedPage",
    "choose_source",
    "find_scanners",
    "is_test_device",
    "scan_to_workspace",
]


@dataclass
class ScanReport:
    batch_id: int
    pages: int = 0
    problems: list[Problem] = field(default_factory=list)
    recognised: int = 0
    failed: int = 0
    dossier_ids: list[int] = field(default_factory=list)
    covers: int = 0
    error: CaptureError | None = None     # the scanner stopped early; pages so far are kept
    first_scanned_at: float | None = None  # time.monotonic() stamps, for the benchmark
    last_scanned_at: float | None = None
    last_recognised_at: float | None = None
    imported: ImportReport | None = None  # the batch's import, as a file import reports it

    @property
    def overlap_gap(self) -> float | None:
        """Seconds from the last page scanned to the last page recognised."""
        if self.last_scanned_at is None or self.last_recognised_at is None:
            return None
        return max(0.0, self.last_recognised_at - self.last_scanned_at)


@dataclass
class _Feed:
    """Turns scanned pages into import items, reading cover sheets on the way."""

    pages: Iterable[ScannedPage]
    report: ScanReport
    detect_marks: bool
    on_scanned: Callable[[ScannedPage], None] | None
    cancel: threading.Event | None
    marks: dict[str, PageMark] = field(default_factory=dict)

    def __iter__(self) -> Iterator[ImportItem]:
        iterator = iter(self.pages)
        try:
            while True:
                if self.cancel is not None and self.cancel.is_set():
                    return
                try:
                    page = next(iterator)
                except StopIteration:
                    return
                except CaptureError as e:
                    self.report.error = e
                    return
                now = time.monotonic()
                if self.report.first_scanned_at is None:
                    self.report.first_scanned_at = now
                self.report.last_scanned_at = now
                if self.detect_marks:
                    mark = detect(page.data)
                    self.marks[page.name] = mark
                    if mark.kind == MarkKind.COVER:
                        self.report.covers += 1
                if self.on_scanned is not None:
                    self.on_scanned(page)
                yield ImportItem(page.name, data=page.data)
        finally:
            close = getattr(iterator, "close", None)
            if close is not None:
                close()   # stops the scanner when the import ends early


def _chain(first: ScannedPage, rest: Iterator[ScannedPage]) -> Iterator[ScannedPage]:
    try:
        yield first
        yield from rest
    finally:
        close = getattr(rest, "close", None)
        if close is not None:
            close()


def scan_to_workspace(
    ws: Workspace,
    pages: Iterable[ScannedPage],
    *,
    label: str | None = None,
    process: bool = True,
    split: bool = True,
    blank_separates: bool = False,
    jobs: int | None = None,
    on_scanned: Callable[[ScannedPage], None] | None = None,
    on_page: Callable[[PageProcessed], None] | None = None,
    on_progress: Callable[[ImportedFile | Problem], None] | None = None,
    cancel: threading.Event | None = None,
) -> ScanReport:
    """Import ``pages`` (from any source's ``scan``) as one batch; recognise and split them.

    A scanner that fails before its first page (no paper, no device) raises its
    :class:`CaptureError` and no batch is made; a failure later ends the batch
    with the pages so far, and is reported in ``ScanReport.error``.
    """
    ws.require_work("scan")
    report = ScanReport(batch_id=0)
    iterator = iter(pages)
    first = next(iterator, None)   # a CaptureError here propagates: nothing was scanned
    if first is None:
        raise FeederEmpty("máy quét không trả về trang nào — hãy kiểm tra giấy trong máy",
                          "the scanner returned no pages — check the paper")
    feed = _Feed(_chain(first, iterator), report, detect_marks=split, on_scanned=on_scanned,
                 cancel=cancel)

    def recognised(event: PageProcessed) -> None:
        report.last_recognised_at = time.monotonic()
        if event.ok:
            report.recognised += 1
        else:
            report.failed += 1
        if on_page is not None:
            on_page(event)

    def imported(outcome: ImportedFile | Problem) -> None:
        if isinstance(outcome, Problem):
            report.problems.append(outcome)
        else:
            report.pages += len(outcome.page_ids)
        if on_progress is not None:
            on_progress(outcome)

    def assemble(ws: Workspace, batch_id: int) -> list[int]:
        known = {}
        for page in page_store.list_pages(ws, batch_id):
            mark = feed.marks.get(page.source_name)
            if mark is not None:
                known[page.id] = mark
        return split_batch(ws, batch_id, known=known, blank_separates=blank_separates)

    if not process:
        plan = BatchPlan.IMPORT
    elif not split:
        plan = BatchPlan.PROCESS
    else:
        plan = BatchPlan.SPLIT_BLANK if blank_separates else BatchPlan.SPLIT
    result = run_import(
        ws, feed, source="scan", label=label, plan=plan, on_progress=imported,
        on_page=recognised, jobs=jobs, cancel=cancel,
        assemble=assemble if plan.assembles else None,
    )
    report.batch_id = result.batch_id
    report.imported = result
    report.dossier_ids = list(result.dossier_ids) if plan.assembles else []
    return report


def is_test_device(name: str) -> bool:
    """SANE's virtual test scanner, which makes pictures, not pages."""
    return name == "test" or name.startswith("test:")


def choose_source(device: str | None, sane_options: tuple[str, ...] = ()) -> tuple[
        ScannerSource, str]:
    """The source that handles ``device``, and the device name it expects: an eSCL address
    (``http://HOST/eSCL`` or ``escl:HOST``), ``wia:ID`` on Windows, or a SANE name (by
    default the first SANE scanner found)."""
    if device is not None and (device.startswith(("http://", "https://", "escl:"))):
        return EsclSource(discover=False), device
    if device is not None and device.startswith("wia:"):
        return WiaSource(), device.removeprefix("wia:")
    sane = SaneSource(extra_args=sane_options)
    if device is not None:
        return sane, device
    found = sane.list_devices()
    if not found:
        raise DeviceNotFound(
            "không tìm thấy máy quét nào — hãy cắm và bật máy quét, hoặc chọn --device",
            "no scanner found — connect and switch on a scanner, or pass --device",
        )
    return sane, found[0].name


def find_scanners(*, include_test: bool = False,
                  addresses: tuple[str, ...] = ()) -> list[DeviceInfo]:
    """The scanners this computer can reach: SANE (USB) and eSCL (network, found or at the
    given addresses), never the virtual test device unless asked for."""
    import contextlib
    import subprocess

    found: list[DeviceInfo] = []
    # SANE missing or stuck: the network scanners may still answer, and the other way.
    with contextlib.suppress(CaptureError, OSError, subprocess.SubprocessError):
        found.extend(d for d in SaneSource().list_devices()
                     if include_test or not is_test_device(d.name))
    with contextlib.suppress(CaptureError, OSError):
        found.extend(EsclSource(addresses, timeout=5.0).list_devices())
    if include_test and not any(is_test_device(d.name) for d in found):
        found.append(DeviceInfo("test", "SANE test (virtual)", "sane"))
    return found


def scan(ws: Workspace, device: str | None, profile: ScanProfile, *,
         max_pages: int | None = None, sane_options: tuple[str, ...] = (),
         **options: object) -> ScanReport:
    """Scan from ``device`` with ``profile`` into one batch (see :func:`scan_to_workspace`,
    which takes the other options)."""
    source, name = choose_source(device, sane_options)
    pages = source.scan(name, profile, max_pages=max_pages)
    label = f"{name} {profile.source} {profile.dpi}dpi {profile.color}"
    return scan_to_workspace(ws, pages, label=label, **options)  # type: ignore[arg-type]
