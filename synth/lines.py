"""Single text lines cropped from a form field, and pages with grey-shaded boxes and small print.

Both keep their exact text; they are the inputs A4-tuned OCR reads worst.
"""

from __future__ import annotations

import io
import random
import unicodedata
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from synth.render import MM_PER_INCH, _load_font, _wrap, page_pixels


@dataclass(frozen=True)
class TextImage:
    image: Image.Image  # RGB, upright
    text: str  # NFC, lines joined by newlines


_FIELDS = (
    "Họ và tên: NGUYỄN THỊ THU HƯƠNG", "Ngày, tháng, năm sinh: 17/05/1988",
    "Số định danh cá nhân: 036188004512", "Nơi thường trú: Thôn Đông, xã Yên Phong",
    "Quê quán: xã Nghĩa Hưng, tỉnh Nam Định", "Dân tộc: Kinh   Tôn giáo: Không",
    "Quan hệ với người được khai sinh: Mẹ", "Số điện thoại liên hệ: 0912 345 678",
    "Địa chỉ: số 45 ngõ 12 phố Trần Duy Hưng", "Nghề nghiệp: Giáo viên tiểu học",
    "Mã hồ sơ: 000.00.12.H56-251103-0042", "Giấy tờ kèm theo: Bản sao giấy chứng sinh",
)


def _jpeg(image: Image.Image, quality: int) -> Image.Image:
    buf = io.BytesIO()
    image.save(buf, "JPEG", quality=quality)
    buf.seek(0)
    out = Image.open(buf)
    out.load()
    return out.convert("RGB")


def line_crop(rng: random.Random, text: str | None = None, font: str = "times",
              height_px: int | None = None) -> TextImage:
    """One field line, cropped tight as a clerk or a form reader would cut it out."""
    text = unicodedata.normalize("NFC", text or rng.choice(_FIELDS))
    size_px = height_px or rng.randint(18, 70)
    fnt = _load_font(font, rng.random() < 0.2, size_px)
    left, top, right, bottom = fnt.getbbox(text)
    margin = max(2, round(size_px * rng.uniform(0.05, 0.4)))
    w, h = round(right - left + 2 * margin), round(bottom - top + 2 * margin)
    image = Image.new("RGB", (w, h), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.text((margin - left, margin - top), text, font=fnt, fill=(20, 20, 20))
    if rng.random() < 0.5:
        # The dotted or solid rule the value was written on.
        y = h - max(1, margin // 2)
        draw.line((0, y, w, y), fill=(120, 120, 120), width=1)
    gen = np.random.default_rng(rng.getrandbits(32))
    arr = np.asarray(image.filter(ImageFilter.GaussianBlur(0.5)), dtype=np.float32)
    arr += gen.normal(0, 6, (h, w, 1))
    out = _jpeg(Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB"),
                rng.randint(60, 85))
    return TextImage(out, text)


def shaded_form(rng: random.Random, paragraphs: list[str], font: str = "arial",
                dpi: int = 300, size: str = "A4") -> TextImage:
    """A page whose headings sit in grey boxes and whose notes are in 7-8 pt print."""
    width, height = page_pixels(size, dpi)
    px_mm = dpi / MM_PER_INCH
    left, right = round(20 * px_mm), width - round(15 * px_mm)
    y = float(round(15 * px_mm))
    bottom = height - round(15 * px_mm)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    lines: list[str] = []
    shade = rng.randint(150, 215)
    for n, paragraph in enumerate(paragraphs):
        shaded = n % 2 == 0
        size_pt = 12.0 if shaded else (rng.uniform(7.0, 8.5) if n % 4 == 3 else 11.0)
        size_px = round(size_pt / 72 * dpi)
        fnt = _load_font(font, shaded, size_px)
        advance = size_px * 1.3
        text = unicodedata.normalize("NFC", paragraph if not shaded else paragraph[:90])
        wrapped = _wrap(text, fnt, right - left - 2 * px_mm)
        if shaded:
            wrapped = wrapped[:1]
        block = advance * len(wrapped)
        if y + block + advance > bottom:
            break
        if shaded:
            box = (left, round(y - 0.25 * size_px), right, round(y + block + 0.05 * size_px))
            draw.rectangle(box, fill=(shade, shade, shade + rng.randint(-10, 10)))
        for piece in wrapped:
            draw.text((left + 2 * px_mm, y), piece, font=fnt, fill=(0, 0, 0))
            lines.append(piece)
            y += advance
        y += 0.6 * advance
    gen = np.random.default_rng(rng.getrandbits(32))
    arr = np.asarray(image.filter(ImageFilter.GaussianBlur(0.6 * dpi / 300)), dtype=np.float32)
    arr += gen.normal(0, 8, (height, width, 1))
    out = _jpeg(Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB"), 70)
    out.info["dpi"] = (dpi, dpi)
    return TextImage(out, "\n".join(lines))


def id_card_copy(rng: random.Random, dpi: int = 300) -> TextImage:
    """The front of a citizen ID card (85.6 x 54 mm) on a pale patterned ground, photocopied."""
    w, h = round(85.6 / MM_PER_INCH * dpi), round(54 / MM_PER_INCH * dpi)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    # Guilloche-like security pattern: fine pale waves the text is printed over.
    waves = 0.5 + 0.5 * np.sin(xx / (dpi * 0.02) + 3 * np.sin(yy / (dpi * 0.05)))
    ground = 235 - 25 * waves
    tint = np.array([rng.uniform(0.92, 1.0), rng.uniform(0.95, 1.0), rng.uniform(0.85, 1.0)])
    arr = np.clip(ground[..., None] * tint[None, None, :], 0, 255).astype(np.uint8)
    image = Image.fromarray(arr, "RGB")
    draw = ImageDraw.Draw(image)
    name = rng.choice(("NGUYỄN VĂN AN", "TRẦN THỊ BÍCH NGỌC", "LÊ HOÀNG PHÚC", "PHẠM THỊ HỒNG"))
    number = f"0{rng.randint(1, 96):02d}{rng.choice('0123')}{rng.randint(50, 99):02d}" \
             f"{rng.randint(0, 999999):06d}"
    lines = [
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, 7.0),
        ("CĂN CƯỚC CÔNG DÂN", True, 9.0),
        (f"Số: {number}", True, 9.0),
        (f"Họ và tên: {name}", False, 7.5),
        (f"Ngày sinh: {rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(1950, 2005)}",
         False, 7.5),
        (f"Giới tính: {rng.choice(('Nam', 'Nữ'))}  Quốc tịch: Việt Nam", False, 7.5),
        (f"Quê quán: {rng.choice(('Xã Hòa Bình, Ninh Bình', 'Phường Đông Hà, Quảng Trị'))}",
         False, 7.5),
    ]
    photo_w = round(w * 0.27)
    draw.rectangle((round(w * 0.04), round(h * 0.35), round(w * 0.04) + photo_w,
                    round(h * 0.9)), fill=(150, 140, 135))
    y = h * 0.05
    text_left = round(w * 0.35)
    out: list[str] = []
    for text, bold, pt in lines:
        fnt = _load_font("arial", bold, round(pt / 72 * dpi))
        x = (w - fnt.getlength(text)) / 2 if pt >= 9 or y < h * 0.1 else text_left
        draw.text((x, y), text, font=fnt, fill=(25, 25, 30) if not bold else (150, 20, 20)
                  if pt == 9.0 and "CĂN" in text else (25, 25, 30))
        out.append(text)
        y += round(pt / 72 * dpi * 1.45)
    # The card photocopied onto an A5 sheet, slightly turned, as citizens hand them in.
    sheet_w, sheet_h = page_pixels("A6", dpi)
    sheet = Image.new("RGB", (sheet_h, sheet_w), (250, 250, 250))
    card = image.rotate(rng.uniform(-1.5, 1.5), expand=True, fillcolor=(250, 250, 250),
                        resample=Image.Resampling.BICUBIC)
    sheet.paste(card, ((sheet.width - card.width) // 2, (sheet.height - card.height) // 2))
    grey = sheet.convert("L").convert("RGB")  # copiers print grey
    gen = np.random.default_rng(rng.getrandbits(32))
    arr2 = np.asarray(grey, dtype=np.float32) + gen.normal(0, 7, (sheet.height, sheet.width, 1))
    result = _jpeg(Image.fromarray(np.clip(arr2, 0, 255).astype(np.uint8), "RGB"), 75)
    result.info["dpi"] = (dpi, dpi)
    return TextImage(result, "\n".join(out))
