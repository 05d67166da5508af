"""Sohoa's Vietnamese OCR stage: upright, clean, recognised pages from page images.

``recognise_page`` is the pure per-page function; ``recognise_many`` runs it in worker processes.
``picture_pages`` is the one reader of picture files (every kind accepted, or one refusal).
"""

from __future__ import annotations

from ocr.cleaning import MIN_MARKS, count_marks
from ocr.errors import (
    BadImageError,
    OcrError,
    OcrTimeoutError,
    PageDeadlineError,
    TesseractError,
)
from ocr.geometry import upright_image
from ocr.loading import PageImage, UnreadableImage, error_detail, picture_pages, to_page_mode
from ocr.page import guess_dpi, recognise_page
from ocr.parallel import WorkerCrashedError, default_jobs, recognise_many
from ocr.results import OcrSettings, PageResult, Timings, Word

__all__ = [
    "MIN_MARKS",
    "BadImageError",
    "OcrError",
    "OcrSettings",
    "OcrTimeoutError",
    "PageDeadlineError",
    "PageImage",
    "PageResult",
    "TesseractError",
    "Timings",
    "UnreadableImage",
    "Word",
    "WorkerCrashedError",
    "count_marks",
    "default_jobs",
    "error_detail",
    "guess_dpi",
    "picture_pages",
    "recognise_many",
    "recognise_page",
    "to_page_mode",
    "upright_image",
]
