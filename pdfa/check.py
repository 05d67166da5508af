"""Checks of a written PDF: PDF/A-2b conformance (pikepdf's validator), pages, text layer.

Used by the records verifier and by tests; never modifies the file.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import pikepdf

from pdfa import signed


class TextLayer(enum.Enum):
    """What a page's text layer holds."""

    NONE = "none"  # no text shown at all (no font or no text-showing operator)
    EMPTY = "empty"  # text operators that show nothing: the layer of a blank page
    TEXT = "text"  # at least one shown string that is not blank


@dataclass(frozen=True)
class PdfCheck:
    """What a PDF holds and what is wrong with it as a searchable PDF/A-2b file.

    ``pages_with_text`` counts pages showing real (non-blank) text; ``text_layers`` says
    for each page whether it has a text layer and whether the layer shows anything.
    """

    page_count: int
    pages_with_text: int
    problems: list[str] = field(default_factory=list)
    text_layers: tuple[TextLayer, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def pages_with_text_layer(self) -> int:
        return sum(1 for layer in self.text_layers if layer is not TextLayer.NONE)


def _shows_text(operand: object) -> bool:
    """True if a Tj string (or a TJ array's strings) holds a character that is not blank.

    Codes are compared as bytes: NUL and space are blank both in one-byte encodings and
    in the two-byte Identity-H codes of our font (U+0020 is 00 20).
    """
    if isinstance(operand, pikepdf.String):
        return bool(bytes(operand).strip(b"\x00 "))
    if isinstance(operand, pikepdf.Array):
        return any(_shows_text(item) for item in operand)
    return False


def _text_layer(page: pikepdf.Page) -> TextLayer:
    try:
        fonts = page.Resources.get("/Font")
    except (AttributeError, KeyError):
        return TextLayer.NONE
    if not fonts:
        return TextLayer.NONE
    layer = TextLayer.NONE
    for instruction in pikepdf.parse_content_stream(page, "Tj TJ"):
        if not isinstance(instruction, pikepdf.ContentStreamInstruction):
            continue
        if any(_shows_text(operand) for operand in instruction.operands):
            return TextLayer.TEXT
        layer = TextLayer.EMPTY
    return layer


def _read_all(source: Path | BinaryIO) -> bytes:
    if isinstance(source, Path):
        return source.read_bytes()
    position = source.tell()
    source.seek(0)
    data = source.read()
    source.seek(position)
    return data


def check_pdfa(source: Path | BinaryIO, *, validate: bool = True) -> PdfCheck:
    """Validate ``source`` as PDF/A-2b and count its pages and pages carrying text.

    ``validate=False`` skips the PDF/A-2b validation (for bytes this process has just
    validated: the writer validates every file it writes) and only reads pages and text.
    A signed file is validated whole: pikepdf's validator stops at a signature's form, so
    the rest of the file is walked without the signature's additions, which are checked
    against the rules that apply to them.
    """
    problems: list[str] = []
    signing = False
    if validate:
        from pikepdf import pdfa as validator  # about a second to load: only when checking

        report = validator.validate_written(source, "2b")
        if not report.passed:
            # A signature's form and security store are beyond pikepdf's validator; the
            # rules that apply to them are checked below instead.
            findings = [f for f in report.findings
                        if not signed.is_signing_finding(f.rule, f.where, f.message)]
            signing = len(findings) < len(report.findings)
            for finding in findings[:10]:
                problems.append(f"PDF/A-2b: {finding}")
            if not problems and not signing:
                problems.append(f"PDF/A-2b: verdict {report.verdict}")
        if not isinstance(source, Path):
            source.seek(0)
    try:
        if signing and not problems:
            problems += _walk_without_signatures(source)
            if not isinstance(source, Path):
                source.seek(0)
        with pikepdf.open(source) as pdf:
            layers = tuple(_text_layer(page) for page in pdf.pages)
            if signing:
                problems += signed.signature_problems(pdf, _read_all(source))
    except pikepdf.PdfError as e:
        return PdfCheck(0, 0, [*problems, f"không đọc được PDF — unreadable PDF: {e}"])
    with_text = sum(1 for layer in layers if layer is TextLayer.TEXT)
    return PdfCheck(len(layers), with_text, problems, layers)


def _walk_without_signatures(source: Path | BinaryIO) -> list[str]:
    """pikepdf's PDF/A-2b walk of a signed file's pages, fonts, images and metadata, on a
    copy in memory without what signing added (checked by ``signed.signature_problems``)."""
    from pikepdf.pdfa import _engine

    with pikepdf.open(source, inherit_page_attributes=False) as pdf:
        signed.strip_signing(pdf)
        report = _engine.run(pdf, "2b")
    if report.passed:
        return []
    return [f"PDF/A-2b: {finding}" for finding in report.findings[:10]] or [
        f"PDF/A-2b: verdict {report.verdict}"]


def check_signed_update(data: bytes) -> list[str]:
    """What breaks PDF/A-2b in the signature a signer added to a file already validated
    (the packer's check: the signed revision was validated when it was written, so only
    what the signature added is checked)."""
    import io

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            return signed.signature_problems(pdf, data)
    except pikepdf.PdfError as e:
        return [f"không đọc được PDF — unreadable PDF: {e}"]
