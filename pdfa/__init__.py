"""Searchable two-layer PDF/A-2b files (page image + invisible OCR text) for Sohoa.

Used by ``sohoa ocr`` and by the electronic records packer; ``check_pdfa`` validates files.
"""

from __future__ import annotations

from pdfa.check import PdfCheck, TextLayer, check_pdfa, check_signed_update
from pdfa.errors import PdfaConformanceError, PdfaError, PdfaInputError
from pdfa.writer import (
    EncodedPage,
    PageRaster,
    PdfPage,
    Profile,
    encode_page,
    placed_text,
    write_searchable_pdf,
)

__all__ = [
    "EncodedPage", "PageRaster", "PdfCheck", "PdfPage", "PdfaConformanceError", "PdfaError",
    "PdfaInputError", "Profile", "TextLayer", "check_pdfa", "check_signed_update",
    "encode_page", "placed_text", "write_searchable_pdf",
]
