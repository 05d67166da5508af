"""The two-layer PDF/A-2b writer: page images plus an invisible, searchable OCR text layer.

Output is byte-for-byte reproducible when ``created`` is given: IDs derive from the content.
"""

from __future__ import annotations

import enum
import functools
import hashlib
import uuid
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol
from xml.sax.saxutils import escape

import pikepdf
from PIL import Image, ImageCms

from pdfa import font as glyphless
from pdfa import raster
from pdfa.errors import PdfaConformanceError, PdfaError, PdfaInputError

PRODUCER = "Sohoa"


class Profile(enum.StrEnum):
    COMPACT = "compact"
    ARCHIVAL = "archival"


class Word(Protocol):
    @property
    def text(self) -> str: ...
    @property
    def box(self) -> tuple[int, int, int, int]: ...


@dataclass(frozen=True)
class PdfPage:
    """One upright colour page, its scan resolution and its OCR words in image pixels."""

    image: Image.Image
    dpi: int
    words: Sequence[Any]


@functools.cache
def srgb_icc() -> bytes:
    """An sRGB ICC profile with a fixed creation date, so files stay reproducible."""
    data = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    data[24:36] = bytes([0x07, 0xD0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0])  # 2000-01-01 00:00:00
    data[84:100] = bytes(16)  # profile ID: 0 means "not computed", valid per ICC.1
    return bytes(data)


@functools.cache
def _srgb_icc_flate() -> bytes:
    return zlib.compress(srgb_icc(), 9)


def _num(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"


def placed_text(word: Any) -> str:
    """The part of an OCR word the text layer shows (BMP characters, trimmed); may be ''."""
    return "".join(ch for ch in str(word.text) if glyphless.encodable(ch)).strip()


def _text_ops(words: Sequence[Any], dpi: int, page_height: float) -> list[str]:
    """Content operators placing each word, invisible, scaled to its box."""
    scale = 72.0 / dpi
    ops = ["BT", "3 Tr"]
    for word in words:
        text = placed_text(word)
        if not text:
            continue
        left, top, right, bottom = (float(v) for v in word.box)
        # A degenerate box still gets its word (one pixel wide or high): every word with
        # text is in the text layer, which the verifier relies on.
        width = max(right - left, 1.0) * scale
        height = max(bottom - top, 1.0) * scale
        # A space after each word lets text extraction separate words on every reader.
        shown = text + " "
        size = height
        # The word itself fills the box; the trailing space runs just past it.
        tz = 100.0 * width / (len(text) * glyphless.GLYPH_WIDTH / 1000 * size)
        x = left * scale
        # Baseline at the descent line of a font as tall as the box.
        y = page_height - bottom * scale - glyphless.DESCENT / 1000 * size
        hex_text = "".join(f"{ord(ch):04X}" for ch in shown)
        ops.append(f"/F1 {_num(size)} Tf {_num(tz)} Tz 1 0 0 1 {_num(x)} {_num(y)} Tm "
                   f"<{hex_text}> Tj")
    if len(ops) == 2:
        # No words (a blank or unreadable page): the text layer is still there, empty, so
        # every page of the file has one and checkers need not guess.
        ops.append("/F1 12 Tf <> Tj")
    ops.append("ET")
    return ops


def _jpeg_xobject(pdf: pikepdf.Pdf, jpeg: raster.JpegImage) -> pikepdf.Stream:
    stream = pikepdf.Stream(pdf, jpeg.data)
    stream.Type = pikepdf.Name.XObject
    stream.Subtype = pikepdf.Name.Image
    stream.Width = jpeg.width
    stream.Height = jpeg.height
    stream.ColorSpace = pikepdf.Name.DeviceGray if jpeg.grey else pikepdf.Name.DeviceRGB
    stream.BitsPerComponent = 8
    stream.Filter = pikepdf.Name.DCTDecode
    return stream


def _mask_xobject(pdf: pikepdf.Pdf, mask: raster.InkMask) -> pikepdf.Stream:
    stream = pikepdf.Stream(pdf, mask.data)
    stream.Type = pikepdf.Name.XObject
    stream.Subtype = pikepdf.Name.Image
    stream.Width = mask.width
    stream.Height = mask.height
    stream.ImageMask = True
    stream.BitsPerComponent = 1
    stream.Filter = pikepdf.Name.CCITTFaxDecode
    stream.DecodeParms = pikepdf.Dictionary(K=-1, Columns=mask.width, Rows=mask.height)
    return stream


@dataclass(frozen=True)
class PageRaster:
    """A page's encoded image layers: small and picklable, so worker processes make them.

    ``width``/``height`` are the scan's pixels; the background fills the page and each ink
    mask sits at its own offset.
    """

    width: int
    height: int
    dpi: int
    background: raster.JpegImage
    masks: tuple[raster.InkMask, ...] = ()


@dataclass(frozen=True)
class EncodedPage:
    """A page whose image layers are already encoded, with its OCR words in image pixels."""

    raster: PageRaster
    words: Sequence[Any]


def encode_page(image: Image.Image | raster.U8, dpi: int, profile: Profile) -> PageRaster:
    """Encode one upright page (a PIL image or an RGB array) for ``profile``.

    Raises PdfaInputError for a bad resolution or an empty image.
    """
    if dpi <= 0:
        raise PdfaInputError(f"độ phân giải không hợp lệ ({dpi} dpi) — invalid resolution")
    rgb = raster.to_rgb_array(image) if isinstance(image, Image.Image) else image
    if rgb.ndim != 3 or rgb.shape[0] == 0 or rgb.shape[1] == 0:
        raise PdfaInputError("ảnh trang rỗng — empty page image")
    height, width = rgb.shape[:2]
    if Profile(profile) is Profile.ARCHIVAL:
        return PageRaster(width, height, dpi,
                          raster.encode_jpeg(rgb, raster.ARCHIVAL_QUALITY, dpi,
                                             raster.ARCHIVAL_SUBSAMPLING))
    layers = raster.compact_layers_rgb(rgb, dpi)
    return PageRaster(width, height, dpi, layers.background, layers.masks)


def _add_page(pdf: pikepdf.Pdf, font: pikepdf.Object, page: EncodedPage) -> None:
    image = page.raster
    scale = 72.0 / image.dpi
    width = image.width * scale
    height = image.height * scale
    xobjects = pikepdf.Dictionary()
    xobjects.Im0 = _jpeg_xobject(pdf, image.background)
    ops = [f"q {_num(width)} 0 0 {_num(height)} 0 0 cm /Im0 Do Q"]
    for index, mask in enumerate(image.masks):
        name = f"Mk{index}"
        xobjects[pikepdf.Name("/" + name)] = _mask_xobject(pdf, mask)
        r, g, b = (_num(c / 255) for c in mask.colour)
        x = mask.left * scale
        y = height - (mask.top + mask.height) * scale
        ops.append(f"q {r} {g} {b} rg {_num(mask.width * scale)} 0 0 "
                   f"{_num(mask.height * scale)} {_num(x)} {_num(y)} cm /{name} Do Q")
    ops.extend(_text_ops(page.words, image.dpi, height))
    content = "\n".join(ops).encode("ascii")
    stream = pikepdf.Stream(pdf, zlib.compress(content, 6))
    stream.Filter = pikepdf.Name.FlateDecode
    page_dict = pikepdf.Dictionary(
        Type=pikepdf.Name.Page,
        MediaBox=pikepdf.Array([0, 0, float(_num(width)), float(_num(height))]),
        Resources=pikepdf.Dictionary(XObject=xobjects, Font=pikepdf.Dictionary(F1=font)),
        Contents=pdf.make_indirect(stream),
    )
    pdf.pages.append(pikepdf.Page(page_dict))


def _pdf_date(moment: datetime) -> str:
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset else 0
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    zone = "Z" if minutes == 0 else f"{sign}{minutes // 60:02d}'{minutes % 60:02d}'"
    return "D:" + moment.strftime("%Y%m%d%H%M%S") + zone


def _xmp_date(moment: datetime) -> str:
    offset = moment.utcoffset()
    if offset is None or offset.total_seconds() == 0:
        return moment.strftime("%Y-%m-%dT%H:%M:%S") + "Z"
    text = moment.isoformat(timespec="seconds")
    return text


def _xmp(title: str | None, created: datetime, document_id: uuid.UUID) -> bytes:
    when = _xmp_date(created)
    title_xml = (
        "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">"
        f"{escape(title)}</rdf:li></rdf:Alt></dc:title>" if title else ""
    )
    body = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
 xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
<dc:format>application/pdf</dc:format>
{title_xml}
<xmp:CreateDate>{when}</xmp:CreateDate>
<xmp:ModifyDate>{when}</xmp:ModifyDate>
<xmp:MetadataDate>{when}</xmp:MetadataDate>
<xmp:CreatorTool>{PRODUCER}</xmp:CreatorTool>
<pdf:Producer>{PRODUCER}</pdf:Producer>
<xmpMM:DocumentID>uuid:{document_id}</xmpMM:DocumentID>
<xmpMM:InstanceID>uuid:{document_id}</xmpMM:InstanceID>
<pdfaid:part>2</pdfaid:part>
<pdfaid:conformance>B</pdfaid:conformance>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    return body.encode("utf-8")


def _content_digest(pdf: pikepdf.Pdf) -> bytes:
    """A digest of every page's content and images: the basis of the document IDs."""
    digest = hashlib.sha256()
    for page in pdf.pages:
        digest.update(page.Contents.read_raw_bytes())
        xobjects = page.Resources.XObject
        for key in sorted(xobjects.keys()):
            digest.update(key.encode())
            digest.update(xobjects[key].read_raw_bytes())
    return digest.digest()


def write_searchable_pdf(
    pages: Sequence[PdfPage | EncodedPage],
    out: Path,
    *,
    profile: Profile = Profile.COMPACT,
    title: str | None = None,
    created: datetime | None = None,
) -> None:
    """Write ``pages`` as one PDF/A-2b file at ``out`` (atomically; checked before it lands).

    Raises PdfaInputError for unusable pages and PdfaConformanceError if the result does not
    pass pikepdf's PDF/A-2b validator (the target is then left untouched).
    """
    if not pages:
        raise PdfaInputError("không có trang nào — no pages to write")
    moment = (created or datetime.now(UTC)).replace(microsecond=0)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    pdf = pikepdf.new()
    font = glyphless.add_font(pdf)
    for page in pages:
        if isinstance(page, PdfPage):
            page = EncodedPage(encode_page(page.image, page.dpi, profile), page.words)
        _add_page(pdf, font, page)
    digest = _content_digest(pdf)
    digest_input = digest + (title or "").encode() + _pdf_date(moment).encode()
    document_id = uuid.UUID(bytes=hashlib.sha256(digest_input).digest()[:16], version=4)
    icc = pikepdf.Stream(pdf, _srgb_icc_flate())
    icc.Filter = pikepdf.Name.FlateDecode
    icc.N = 3
    intent = pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent,
        S=pikepdf.Name.GTS_PDFA1,
        OutputConditionIdentifier=pikepdf.String("sRGB IEC61966-2.1"),
        Info=pikepdf.String("sRGB IEC61966-2.1"),
        RegistryName=pikepdf.String("http://www.color.org"),
        DestOutputProfile=pdf.make_indirect(icc),
    )
    pdf.Root.OutputIntents = pikepdf.Array([intent])
    metadata = pikepdf.Stream(pdf, _xmp(title, moment, document_id))
    metadata.Type = pikepdf.Name.Metadata
    metadata.Subtype = pikepdf.Name.XML
    pdf.Root.Metadata = pdf.make_indirect(metadata)
    info = pikepdf.Dictionary(
        Producer=pikepdf.String(PRODUCER),
        Creator=pikepdf.String(PRODUCER),
        CreationDate=pikepdf.String(_pdf_date(moment)),
        ModDate=pikepdf.String(_pdf_date(moment)),
    )
    if title:
        info.Title = pikepdf.String(title)
    pdf.trailer.Info = pdf.make_indirect(info)
    from pikepdf import pdfa as conforming  # about a second to load: only when writing

    try:
        conforming.save(
            pdf, Path(out), "2b", repair=False,
            deterministic_id=True, compress_streams=True,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
        )
    except conforming.PdfaError as e:
        raise PdfaConformanceError(
            f"{out}: tệp không đạt PDF/A-2b — not PDF/A-2b conformant: {e}") from e
    except (OSError, pikepdf.PdfError) as e:
        raise PdfaError(f"{out}: không ghi được tệp PDF — cannot write the PDF: {e}") from e
