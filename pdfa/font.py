"""The invisible text font: a one-glyph TrueType program wrapped as a Type0 font.

Every character code is its Unicode (BMP) code point, so copy and search work through the
ToUnicode CMap, while the program itself stays a few hundred bytes whatever the language.
"""

from __future__ import annotations

import functools
import io
import zlib

import pikepdf
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen

FONT_NAME = "GlyphLessFont"
UNITS_PER_EM = 1000
# Every glyph is half an em wide; the writer scales words horizontally to their boxes.
GLYPH_WIDTH = 500
ASCENT = 800
DESCENT = -200
# The CIDToGIDMap sends every code to glyph 1: glyph 0 (.notdef) must never be selected,
# validators report .notdef even for invisible text.
_FONT_GLYPH = 1
# Fixed head timestamps (seconds since 1904) so the font bytes never change.
_FIXED_TIMESTAMP = 3_000_000_000


def encodable(ch: str) -> bool:
    """True if ``ch`` can be shown with the two-byte identity encoding (BMP, no surrogates)."""
    cp = ord(ch)
    return cp <= 0xFFFF and not 0xD800 <= cp <= 0xDFFF


@functools.cache
def font_program() -> bytes:
    """The TrueType program: .notdef and one empty glyph, both GLYPH_WIDTH wide."""
    fb = FontBuilder(UNITS_PER_EM, isTTF=True)
    order = [".notdef", "glyph"]
    fb.setupGlyphOrder(order)
    fb.setupCharacterMap({})
    empty = TTGlyphPen(None).glyph()
    fb.setupGlyf({name: empty for name in order})
    fb.setupHorizontalMetrics({name: (GLYPH_WIDTH, 0) for name in order})
    fb.setupHorizontalHeader(ascent=ASCENT, descent=DESCENT)
    fb.setupNameTable({"familyName": FONT_NAME, "styleName": "Regular"})
    fb.setupOS2(sTypoAscender=ASCENT, sTypoDescender=DESCENT, usWinAscent=ASCENT,
                usWinDescent=-DESCENT)
    fb.setupPost()
    fb.setupHead(created=_FIXED_TIMESTAMP, modified=_FIXED_TIMESTAMP)
    fb.font.recalcTimestamp = False
    buf = io.BytesIO()
    fb.save(buf)
    return buf.getvalue()


@functools.cache
def _cid_to_gid_map() -> bytes:
    return _FONT_GLYPH.to_bytes(2, "big") * 65536


@functools.cache
def _to_unicode_cmap() -> bytes:
    # bfrange entries may only vary in the last byte, and a block holds at most 100 entries.
    ranges = [f"<{hi:02X}00> <{hi:02X}FF> <{hi:02X}00>" for hi in range(256)
              if not 0xD8 <= hi <= 0xDF]
    blocks = []
    for start in range(0, len(ranges), 100):
        chunk = ranges[start:start + 100]
        blocks.append(f"{len(chunk)} beginbfrange\n" + "\n".join(chunk) + "\nendbfrange")
    text = (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        + "\n".join(blocks)
        + "\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    )
    return text.encode("ascii")


@functools.cache
def _flate(data: bytes) -> bytes:
    # The font's streams are the same in every document: compress them once per process.
    return zlib.compress(data, 9)


def _flate_stream(pdf: pikepdf.Pdf, data: bytes, **extra: object) -> pikepdf.Stream:
    stream = pikepdf.Stream(pdf, _flate(data))
    stream[pikepdf.Name.Filter] = pikepdf.Name.FlateDecode
    for key, value in extra.items():
        stream[pikepdf.Name("/" + key)] = value
    return stream


def add_font(pdf: pikepdf.Pdf) -> pikepdf.Object:
    """Add the Type0 font to ``pdf`` (once per document) and return its indirect object."""
    program = font_program()
    descriptor = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.FontDescriptor,
        FontName=pikepdf.Name("/" + FONT_NAME),
        Flags=5,  # fixed pitch + symbolic
        FontBBox=pikepdf.Array([0, DESCENT, GLYPH_WIDTH, ASCENT]),
        ItalicAngle=0,
        Ascent=ASCENT,
        Descent=DESCENT,
        CapHeight=ASCENT,
        StemV=80,
        FontFile2=_flate_stream(pdf, program, Length1=len(program)),
    ))
    cid_font = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font,
        Subtype=pikepdf.Name.CIDFontType2,
        BaseFont=pikepdf.Name("/" + FONT_NAME),
        CIDSystemInfo=pikepdf.Dictionary(
            Registry=pikepdf.String("Adobe"), Ordering=pikepdf.String("Identity"), Supplement=0,
        ),
        FontDescriptor=descriptor,
        DW=GLYPH_WIDTH,
        CIDToGIDMap=pdf.make_indirect(_flate_stream(pdf, _cid_to_gid_map())),
    ))
    return pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font,
        Subtype=pikepdf.Name.Type0,
        BaseFont=pikepdf.Name("/" + FONT_NAME),
        Encoding=pikepdf.Name("/Identity-H"),
        DescendantFonts=pikepdf.Array([cid_font]),
        ToUnicode=pdf.make_indirect(_flate_stream(pdf, _to_unicode_cmap())),
    ))
