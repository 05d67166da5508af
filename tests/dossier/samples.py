"""Small input files made on the fly for import tests."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
from PIL import Image, ImageDraw


def page_image(label: str, size: tuple[int, int] = (620, 877)) -> Image.Image:
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    draw.text((40, 40), label, fill="black")
    draw.rectangle((40, 80, size[0] - 40, 120), outline="black")
    return image


def write_png(path: Path, label: str, dpi: int = 75) -> Path:
    page_image(label).save(path, "PNG", dpi=(dpi, dpi))
    return path


def jpeg_bytes(label: str) -> bytes:
    buffer = io.BytesIO()
    page_image(label).save(buffer, "JPEG", quality=80, dpi=(75, 75))
    return buffer.getvalue()


def write_multipage_tiff(path: Path, labels: list[str]) -> Path:
    frames = [page_image(label) for label in labels]
    frames[0].save(
        path,
        "TIFF",
        save_all=True,
        append_images=frames[1:],
        dpi=(75, 75),
        compression="tiff_deflate",
    )
    return path


def write_scanned_pdf(path: Path, jpegs: list[bytes]) -> Path:
    """A PDF whose every page is exactly one JPEG, as scanners make them."""
    pdf = pikepdf.new()
    for data in jpegs:
        width, height = Image.open(io.BytesIO(data)).size
        image = pikepdf.Stream(pdf, data)
        image.Type, image.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
        image.Width, image.Height = width, height
        image.ColorSpace, image.BitsPerComponent = pikepdf.Name.DeviceRGB, 8
        image.Filter = pikepdf.Name.DCTDecode
        # 75 dpi: the page is width/75 inches wide.
        w_pt, h_pt = width * 72 / 75, height * 72 / 75
        content = f"q {w_pt:.2f} 0 0 {h_pt:.2f} 0 0 cm /Im0 Do Q".encode()
        page = pikepdf.Dictionary(
            Type=pikepdf.Name.Page,
            MediaBox=[0, 0, w_pt, h_pt],
            Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image)),
            Contents=pikepdf.Stream(pdf, content),
        )
        pdf.pages.append(pikepdf.Page(page))
    pdf.save(path)
    return path


def write_text_pdf(path: Path, text: str = "Hello") -> Path:
    """A PDF page drawn with text (not a scan): it has to be rendered."""
    pdf = pikepdf.new()
    font = pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
    )
    content = f"BT /F1 24 Tf 72 720 Td ({text}) Tj ET".encode()
    page = pikepdf.Dictionary(
        Type=pikepdf.Name.Page,
        MediaBox=[0, 0, 595, 842],
        Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)),
        Contents=pikepdf.Stream(pdf, content),
    )
    pdf.pages.append(pikepdf.Page(page))
    pdf.save(path)
    return path


def write_encrypted_pdf(path: Path) -> Path:
    plain = path.with_suffix(".plain.pdf")
    write_text_pdf(plain)
    with pikepdf.open(plain) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(user="secret", owner="owner"))
    plain.unlink()
    return path


def write_bomb_png(path: Path) -> Path:
    Image.new("1", (40000, 40000)).save(path, "PNG")
    return path
