"""Sohoa's Vietnamese OCR stage: upright, clean, recognised pages from page images.

``recognise_page`` is the pure per-page function; ``recognise_many`` runs it in worker processes.
"""

from __future__ import annotations

from ocr.errors import BadImageError, OcrError, OcrTimeoutError, TesseractError
from ocr.geometry import upright_image
from ocr.page import guess_dpi, recognise_page
from ocr.parallel import WorkerCrashedError, default_jobs, recognise_many
from ocr.results import OcrSettings, PageResult, Timings, Word

__all__ = [
    "BadImageError",
    "OcrError",
    "OcrSettings",
    "OcrTimeoutError",
    "PageResult",
    "TesseractError",
    "Timings",
    "Word",
    "WorkerCrashedError",
    "default_jobs",
    "guess_dpi",
    "recognise_many",
    "recognise_page",
    "upright_image",
]
