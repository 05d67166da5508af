"""Checks of a written PDF: PDF/A-2b conformance (pikepdf's validator), pages, text layer.

Used by the records verifier and by tests; never modifies the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import pikepdf
import pikepdf.pdfa


@dataclass(frozen=True)
class PdfCheck:
    """What a PDF holds and what is wrong with it as a searchable PDF/A-2b file."""

    page_count: int
    pages_with_text: int
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _has_text(page: pikepdf.Page) -> bool:
    try:
        fonts = page.Resources.get("/Font")
    except (AttributeError, KeyError):
        return False
    if not fonts:
        return False
    return any(
        str(instruction.operator) in ("Tj", "TJ")
        for instruction in pikepdf.parse_content_stream(page, "Tj TJ")
        if isinstance(instruction, pikepdf.ContentStreamInstruction)
    )


def check_pdfa(source: Path | BinaryIO) -> PdfCheck:
    """Validate ``source`` as PDF/A-2b and count its pages and pages carrying text."""
    problems: list[str] = []
    report = pikepdf.pdfa.validate_written(source, "2b")
    if not report.passed:
        for finding in report.findings[:10]:
            problems.append(f"PDF/A-2b: {finding}")
        if not problems:
            problems.append(f"PDF/A-2b: verdict {report.verdict}")
    if not isinstance(source, Path):
        source.seek(0)
    try:
        with pikepdf.open(source) as pdf:
            count = len(pdf.pages)
            with_text = sum(1 for page in pdf.pages if _has_text(page))
    except pikepdf.PdfError as e:
        return PdfCheck(0, 0, [*problems, f"không đọc được PDF — unreadable PDF: {e}"])
    return PdfCheck(count, with_text, problems)
