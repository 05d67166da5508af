"""Plan how a scanned stack splits into dossiers at cover sheets (and, optionally, blank
sheets). Pure: :mod:`dossier.splitting` applies the plan to a workspace batch.

Pages after a cover sheet up to the next one form one dossier carrying the
sheet's code and procedure; the cover sheets themselves are left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from capture.coversheet import MarkKind, PageMark


@dataclass
class Segment:
    """Pages of one dossier in scan order, and what the stack says about it."""

    page_ids: list[int] = field(default_factory=list)
    code: str | None = None
    procedure: str | None = None
    dossier_ref: str | None = None    # the cover sheet's dossier value as printed
    from_cover: bool = False


def plan_segments(marks: Sequence[tuple[int, PageMark]], *,
                  blank_separates: bool = False) -> list[Segment]:
    """Group pages into dossiers. Pure: the same marks always give the same plan."""
    segments: list[Segment] = []
    current = Segment()
    after_cover = False
    for page_id, mark in marks:
        if mark.kind == MarkKind.COVER:
            segments.append(current)
            current = Segment(code=mark.code, procedure=mark.procedure,
                              dossier_ref=mark.dossier, from_cover=True)
            after_cover = True
            continue
        if mark.kind == MarkKind.BLANK and after_cover:
            # The empty back of a cover sheet scanned in duplex.
            after_cover = False
            continue
        after_cover = False
        if mark.kind == MarkKind.BLANK and blank_separates:
            segments.append(current)
            current = Segment()
            continue
        if mark.kind == MarkKind.RECEIPT and current.code is None:
            current.code = mark.code
        current.page_ids.append(page_id)
    segments.append(current)
    return [s for s in segments if s.page_ids]


def has_separators(marks: Sequence[tuple[int, PageMark]], *, blank_separates: bool) -> bool:
    return any(m.kind == MarkKind.COVER or (blank_separates and m.kind == MarkKind.BLANK)
               for _, m in marks)
