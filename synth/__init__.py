"""Synthetic Vietnamese pages with known text, clean or degraded like real scans.

Tests and benchmarks: ``render_page``/``render_lines`` draw text, ``degrade``/``apply`` spoil it.
"""

from __future__ import annotations

from synth.degrade import CONDITIONS, Degraded, apply, degrade, draw_seal, draw_signature
from synth.render import (
    BODY,
    FIELD,
    FONTS,
    HEADING,
    MOTTO,
    NATIONAL_HEADING,
    PARAGRAPH,
    SIGNATURE,
    SUBTITLE,
    TITLE,
    Align,
    FontNotFoundError,
    LineStyle,
    RenderedPage,
    SynthError,
    font_path,
    form_lines,
    page_pixels,
    render_lines,
    render_page,
)

__all__ = [
    "BODY",
    "CONDITIONS",
    "FIELD",
    "FONTS",
    "HEADING",
    "MOTTO",
    "NATIONAL_HEADING",
    "PARAGRAPH",
    "SIGNATURE",
    "SUBTITLE",
    "TITLE",
    "Align",
    "Degraded",
    "FontNotFoundError",
    "LineStyle",
    "RenderedPage",
    "SynthError",
    "apply",
    "degrade",
    "draw_seal",
    "draw_signature",
    "font_path",
    "form_lines",
    "page_pixels",
    "render_lines",
    "render_page",
]
