"""A dossier kept as a folder of scans, outside any workspace: what ``sohoa tag`` and
``sohoa pack`` read.

The folder's image and PDF files are its pages in name order; multi-page files are split
the way the workspace importer splits them (scanned PDF images byte for byte, other PDF
pages rendered at 300 dpi, TIFF frames losslessly), with the same checks on bad input.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dossier.errors import DossierError, RejectedFile
from dossier.sources import read_pages
from failures import ExitCode

if TYPE_CHECKING:
    from ocr import OcrError, PageResult

# The names of picture and PDF files (for lists of bundled files; what a dossier folder
# holds is told by content).
SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".jfif", ".tif", ".tiff", ".bmp", ".webp",
                      ".gif", ".heic", ".heif", ".pdf"})
# Files an operating system leaves in folders of pictures: not part of any dossier.
SYSTEM_FILES = frozenset({"thumbs.db", "desktop.ini", "ehthumbs.db"})


class FolderError(DossierError):
    """A dossier folder (or one of its files) cannot be read; the message names the file.

    ``refused`` holds one ``(file name, reason)`` per file that could not be read, so that
    each is reported on its own line.
    """

    exit_code = ExitCode.SOME_FAILED

    def __init__(self, message: str, refused: Sequence[tuple[str, str]] = (),
                 left_out: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.refused = tuple(refused)
        self.left_out = tuple(left_out)   # see FolderDossier.left_out


@dataclass(frozen=True)
class FolderPage:
    name: str  # the file's name, with ``#N`` for page N of a multi-page file
    data: bytes


@dataclass(frozen=True)
class FolderDossier:
    path: Path
    pages: tuple[FolderPage, ...]
    newest_mtime: float  # of the files read: a stable "digitised at" for the folder
    # Files beside the scans that are no picture or PDF at all (a note, a README), by
    # content and by name: not pages, and named so that nobody wonders.
    left_out: tuple[str, ...] = ()


LEFT_OUT = ("không phải ảnh hay PDF, không đưa vào hồ sơ — not a picture or PDF; left out "
            "of the dossier")


def dossier_files(path: Path, *, single_file: bool = False) -> list[Path]:
    """The files of a dossier folder in name order, hidden, temporary and system files
    left out (or ``[path]`` for one file, when ``single_file`` allows it). Which of them
    are pages is told by their content when they are read, not by their names."""
    from dossier.importing import is_temporary_name

    if path.is_dir():
        files = sorted((p for p in path.iterdir()
                        if p.is_file() and not is_temporary_name(p.name)
                        and p.name.lower() not in SYSTEM_FILES), key=lambda p: p.name)
        if not files:
            raise FolderError("thư mục không có ảnh hay PDF — folder has no images or PDFs")
        return files
    if not path.exists():
        raise FolderError("không tìm thấy — not found")
    if not single_file:
        raise FolderError("không phải thư mục hồ sơ — not a dossier folder")
    return [path]


def read_folder(path: Path, *, single_file: bool = False) -> FolderDossier:
    """Every page of a dossier folder, in order.

    Every file is read by the one reader the workspace import uses; a file it refuses
    makes the folder fail (a record missing one of its pages would be a wrong record),
    with each refused file named in :attr:`FolderError.refused`. A file that is no
    picture or PDF by content and by name (notes, a README) is left out and listed in
    :attr:`FolderDossier.left_out`.
    """
    pages: list[FolderPage] = []
    refused: list[tuple[str, str]] = []
    left_out: list[str] = []
    newest = 0.0
    for file in dossier_files(path, single_file=single_file):
        try:
            source_pages = read_pages(file.read_bytes(), file.name)
            newest = max(newest, file.stat().st_mtime)
        except OSError as e:
            refused.append((file.name, f"không đọc được — cannot read ({e.strerror or e})"))
            continue
        except RejectedFile as e:
            if e.kind == "unknown" and file.suffix.lower() not in SUFFIXES and path.is_dir():
                left_out.append(file.name)
            else:
                refused.append((file.name, str(e)))
            continue
        for page in source_pages:
            name = file.name if len(source_pages) == 1 else f"{file.name}#{page.index + 1}"
            pages.append(FolderPage(name, page.data))
    if refused:
        raise FolderError("; ".join(f"{name}: {reason}" for name, reason in refused), refused,
                          left_out)
    if not pages:
        raise FolderError("thư mục không có ảnh hay PDF — folder has no images or PDFs")
    return FolderDossier(path, tuple(pages), newest, tuple(left_out))


def recognise_folder(pages: Sequence[FolderPage], jobs: int | None = None
                     ) -> list[PageResult | OcrError]:
    """OCR of each page, in page order, through the OCR stage's worker processes."""
    import ocr

    outcomes: dict[int, PageResult | OcrError] = {}
    items = [(index, page.data) for index, page in enumerate(pages)]
    for index, outcome in ocr.recognise_many(items, ocr.OcrSettings(), jobs=jobs):
        outcomes[index] = outcome
    return [outcomes[index] for index in range(len(pages))]
