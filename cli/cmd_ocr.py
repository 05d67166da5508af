"""``sohoa ocr``: recognise image and PDF files into text files and searchable PDF/A files.

Works without a workspace: every page of every file goes through one stream of OCR workers.
"""

from __future__ import annotations

import argparse
import dataclasses
import tempfile
import threading
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, overload

from PIL import Image

from cli.common import report_failure
from cli.exitcodes import ExitCode
from ocr import OcrError, OcrSettings, PageResult, guess_dpi, recognise_many, upright_image
from storage import atomic_write_text

if TYPE_CHECKING:
    from pdfa import PdfPage


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "ocr",
        help="recognise files into DIR/<stem>.txt and DIR/<stem>.pdf",
        description="Recognise pictures (PNG, JPEG, TIFF incl. multi-page, GIF, BMP, WEBP, "
        "HEIC) and PDF files with Vietnamese OCR. "
        "Writes DIR/<stem>.txt (pages separated by form feeds) and a searchable PDF/A-2b "
        "DIR/<stem>.pdf with upright pages. Failed files are listed on stderr.",
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR",
                        help="folder for the .txt and .pdf files")
    parser.add_argument("--jobs", type=int, default=None,
                        help="OCR worker processes (default: one per core)")
    parser.set_defaults(func=run)


@dataclass
class _FileJob:
    """One input file on its way through OCR; pages are spooled to disk until it is written."""

    path: Path
    spool: Path
    pages: int | None = None  # known once the file has been split into pages
    results: dict[int, PageResult] = field(default_factory=dict)
    failure: str | None = None
    done: bool = False

    def page_file(self, index: int) -> Path:
        return self.spool / f"page-{index:05d}"

    def complete(self) -> bool:
        if self.pages is None:
            return False
        return self.failure is not None or len(self.results) == self.pages


class _PdfPages(Sequence["PdfPage"]):
    """The upright pages of one file for the PDF writer, made one at a time (bounded memory)."""

    def __init__(self, job: _FileJob) -> None:
        self._job = job

    def __len__(self) -> int:
        return len(self._job.results)

    @overload
    def __getitem__(self, index: int) -> PdfPage: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[PdfPage]: ...
    def __getitem__(self, index: int | slice) -> PdfPage | Sequence[PdfPage]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        import pdfa

        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        result = self._job.results[index]
        with Image.open(self._job.page_file(index)) as original:
            original.load()
            upright = upright_image(_colour(original), result.rotation, result.skew)
        dpi = result.dpi or guess_dpi(upright.width, upright.height)
        return pdfa.PdfPage(image=upright, dpi=dpi, words=result.words)


def _colour(image: Image.Image) -> Image.Image:
    return image if image.mode in ("RGB", "L") else image.convert("RGB")


def _split(job: _FileJob) -> Iterator[tuple[int, bytes]]:
    """The file's pages one at a time, each spooled to disk as it comes: the first is being
    recognised while later ones are still being read (a long PDF is never held whole)."""
    from dossier import iter_file_pages

    pages = iter_file_pages(job.path)
    count = 0
    while True:
        try:
            page = next(pages, None)
        except OSError as e:
            raise _FileFailed(f"không đọc được tệp — cannot read the file "
                              f"({e.strerror or e})") from e
        except Exception as e:
            if getattr(e, "exit_code", None) is None:
                raise
            # The count stays unknown: the pages already recognised never make it "complete".
            raise _FileFailed(str(e)) from e
        if page is None:
            break
        job.page_file(page.index).write_bytes(page.data)
        count += 1
        yield page.index, page.data
    job.pages = count


class _FileFailed(Exception):
    pass


def _distinct_stems(files: Sequence[Path], failed: list[Path]) -> list[Path]:
    """The files whose outputs do not collide; a later file with an earlier one's stem (say
    ``a.png`` after ``a.pdf``, or ``x/a.png`` after ``y/a.png``) is reported and skipped
    rather than overwrite its outputs. Stems are compared case-insensitively, as on
    Windows file systems."""
    first: dict[str, Path] = {}
    kept: list[Path] = []
    for path in files:
        key = path.stem.casefold()
        if key in first:
            if first[key] != path:
                report_failure(str(path), f"cùng tên kết quả với {first[key]} ({path.stem}.txt, "
                                          f"{path.stem}.pdf), hãy đổi tên tệp — same output "
                                          f"names as {first[key]}; rename the file")
                failed.append(path)
            continue
        first[key] = path
        kept.append(path)
    return kept


def run(args: argparse.Namespace) -> int:
    out: Path = args.out
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        report_failure(str(out), f"không tạo được thư mục — cannot create the folder ({e})")
        return ExitCode.FAILED
    failed: list[Path] = []
    lock = threading.Lock()
    files = _distinct_stems(args.files, failed)
    with tempfile.TemporaryDirectory(prefix="sohoa-ocr-") as tmp:
        jobs = [_FileJob(path, Path(tmp) / str(n)) for n, path in enumerate(files)]

        def items() -> Iterator[tuple[tuple[int, int], bytes]]:
            # Runs on the OCR feeder thread: files are read while earlier pages are recognised.
            for n, job in enumerate(jobs):
                job.spool.mkdir()
                try:
                    for index, data in _split(job):
                        yield (n, index), data
                except _FileFailed as e:
                    with lock:
                        failed.append(job.path)
                    report_failure(str(job.path), str(e))
                    job.done = True

        for (n, index), outcome in recognise_many(items(), OcrSettings(), jobs=args.jobs):
            job = jobs[n]
            if isinstance(outcome, OcrError):
                if job.failure is None:
                    job.failure = (
                        f"trang {index + 1}: {outcome}" if (job.pages or 1) > 1 else str(outcome)
                    )
            else:
                # The cleaned image is not needed here; drop it to keep memory flat.
                job.results[index] = dataclasses.replace(outcome, clean_png=b"")
            # A file's last result can come before its page count is known (its pages are
            # counted as they are read): any earlier file completed since is written too.
            # The last file is written once the OCR workers are gone (after the loop), so
            # that their memory and the writer's are not held at once.
            for ready in jobs[: min(n + 1, len(jobs) - 1)]:
                if ready.complete() and not ready.done:
                    ready.done = True
                    if not _finish(ready, out):
                        with lock:
                            failed.append(ready.path)
        for ready in jobs:  # the last file, and any whose count came after its last result
            if ready.complete() and not ready.done:
                ready.done = True
                if not _finish(ready, out):
                    failed.append(ready.path)
    return ExitCode.SOME_FAILED if failed else ExitCode.OK


def _finish(job: _FileJob, out: Path) -> bool:
    """Write the file's .txt and .pdf; report and return False if it failed."""
    import pdfa

    try:
        if job.failure is not None:
            report_failure(str(job.path), job.failure)
            return False
        stem = job.path.stem
        text = "\f".join(job.results[i].text for i in range(len(job.results)))
        try:
            # The archival profile keeps the whole page as one colour JPEG at scan
            # resolution: a faithful digitised copy, and quick enough to keep pace
            # with the OCR workers (the compact layers cost five times more here).
            pdfa.write_searchable_pdf(
                _PdfPages(job), out / f"{stem}.pdf", title=stem, profile=pdfa.Profile.ARCHIVAL
            )
            atomic_write_text(out / f"{stem}.txt", unicodedata.normalize("NFC", text))
        except (pdfa.PdfaError, OSError) as e:
            report_failure(str(job.path), str(e))
            return False
        return True
    finally:
        for index in range(job.pages or 0):
            job.page_file(index).unlink(missing_ok=True)
        job.results.clear()
