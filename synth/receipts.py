"""Shop receipts and slips as a commune desk meets them: narrow, long, thermal print that fades.

``render_receipt`` draws one with known text; ``thermal_scan`` spoils it as a scanner would.
"""

from __future__ import annotations

import io
import random
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from synth.render import FontNotFoundError

MM_PER_INCH = 25.4

# Receipt printers: condensed sans or monospace faces at small sizes.
_FACES: dict[str, tuple[str, str]] = {
    "mono": ("dejavu/DejaVuSansMono.ttf", "dejavu/DejaVuSansMono-Bold.ttf"),
    "liberation_mono": ("liberation2/LiberationMono-Regular.ttf",
                        "liberation2/LiberationMono-Bold.ttf"),
    "sans": ("dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf"),
    "condensed": ("dejavu/DejaVuSansCondensed.ttf", "dejavu/DejaVuSansCondensed-Bold.ttf"),
}
RECEIPT_FACES: tuple[str, ...] = tuple(_FACES)
_FONT_DIRS = (Path("/usr/share/fonts/truetype"), Path("/usr/local/share/fonts"))

_SHOPS = (
    ("CỬA HÀNG TẠP HÓA MINH CHÂU", "Số 12 đường Lê Lợi, phường Đông Hà"),
    ("NHÀ THUỐC HỒNG PHÚC", "Thôn Phú Thọ, xã Hòa Bình, tỉnh Ninh Bình"),
    ("SIÊU THỊ MINI THUẬN THẢO", "248 Trần Hưng Đạo, thị trấn Krông Năng"),
    ("BƯU ĐIỆN VĂN HÓA XÃ TỊNH HÒA", "Ấp Bình Tân, xã Tịnh Hòa, tỉnh Quảng Ngãi"),
    ("VĂN PHÒNG PHẨM ĐỨC THỊNH", "Khu phố 3, phường Quyết Thắng"),
    ("CÔNG TY ĐIỆN LỰC HUYỆN ĐỨC PHỔ", "Quốc lộ 1A, xã Phổ Ninh"),
)
_ITEMS = (
    "Nước suối Lavie 500ml", "Bánh mì sandwich", "Sữa tươi Vinamilk", "Mì gói Hảo Hảo",
    "Giấy photo A4 Double A", "Bút bi Thiên Long", "Phong bì thư", "Phí dịch vụ công",
    "Lệ phí cấp bản sao", "Tem thư trong nước", "Thuốc hạ sốt Paracetamol", "Khẩu trang y tế",
    "Cà phê sữa đá", "Trà xanh không độ", "Bột giặt Omo 800g", "Dầu ăn Tường An 1 lít",
    "Gạo thơm Đồng Tháp 5kg", "Nước mắm Phú Quốc", "Chứng thực chữ ký", "Sao y bản chính",
)
_FOOTERS = (
    "Cảm ơn quý khách, hẹn gặp lại!", "Hàng mua rồi xin miễn đổi trả.",
    "Vui lòng kiểm tra tiền thối trước khi rời quầy.", "Quý khách giữ hóa đơn để đối chiếu.",
)


@dataclass(frozen=True)
class Receipt:
    image: Image.Image  # RGB, upright, info["dpi"] set
    text: str  # the printed lines, NFC, one per line
    dpi: int


@lru_cache(maxsize=32)
def _font(face: str, bold: bool, size_px: int) -> ImageFont.FreeTypeFont:
    rel = _FACES[face][1 if bold else 0]
    for folder in _FONT_DIRS:
        path = folder / rel
        if path.is_file():
            return ImageFont.truetype(str(path), size_px)
    raise FontNotFoundError(f"không tìm thấy phông {rel} — font {rel} not found")


def _money(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def receipt_lines(rng: random.Random) -> list[tuple[str, bool, str]]:
    """(text, bold, align) lines of one receipt: shop, address, items, total, footer."""
    shop, address = rng.choice(_SHOPS)
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.choice((2024, 2025, 2026))
    lines: list[tuple[str, bool, str]] = [
        (shop, True, "centre"),
        (address, False, "centre"),
        (f"ĐT: 0{rng.randint(200, 399)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
         False, "centre"),
        ("HÓA ĐƠN BÁN LẺ", True, "centre"),
        (f"Số: HD{rng.randint(10000, 99999)}  Ngày: {day:02d}/{month:02d}/{year}", False, "left"),
        (f"Thu ngân: {rng.choice(('Lan', 'Hùng', 'Thủy', 'Đức', 'Ngọc Ánh'))}", False, "left"),
    ]
    total = 0
    for item in rng.sample(_ITEMS, rng.randint(3, 8)):
        qty = rng.randint(1, 5)
        price = rng.randint(2, 250) * 1000
        total += qty * price
        lines.append((item, False, "left"))
        lines.append((f"{qty} x {_money(price)} = {_money(qty * price)}", False, "right"))
    lines.append((f"TỔNG CỘNG: {_money(total)} đ", True, "right"))
    lines.append((f"Tiền khách đưa: {_money(total + rng.randint(0, 50) * 1000)} đ", False, "right"))
    lines.append((rng.choice(_FOOTERS), False, "centre"))
    return lines


def render_receipt(
    rng: random.Random, width_mm: float = 58.0, dpi: int = 203, face: str = "mono",
    size_pt: float | None = None,
) -> Receipt:
    """A clean thermal receipt (58 or 80 mm roll), each line fitted to the paper width."""
    width = round(width_mm / MM_PER_INCH * dpi)
    margin = round(3.0 / MM_PER_INCH * dpi)
    size_pt = size_pt or rng.uniform(7.5, 9.5)
    size_px = max(8, round(size_pt / 72.0 * dpi))
    lines = receipt_lines(rng)
    drawn: list[tuple[str, ImageFont.FreeTypeFont, str]] = []
    usable = width - 2 * margin
    for text, bold, align in lines:
        text = unicodedata.normalize("NFC", text)
        fnt = _font(face, bold, size_px)
        # Wrap what does not fit, as receipt firmware does.
        current = ""
        for word in text.split():
            trial = f"{current} {word}" if current else word
            if current and fnt.getlength(trial) > usable:
                drawn.append((current, fnt, align))
                current = word
            else:
                current = trial
        if current:
            drawn.append((current, fnt, align))
    advance = round(size_px * 1.35)
    height = 2 * margin + advance * len(drawn) + advance
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    y = margin
    for text, fnt, align in drawn:
        w = fnt.getlength(text)
        x = margin if align == "left" else (width - margin - w if align == "right"
                                            else (width - w) / 2)
        draw.text((x, y), text, font=fnt, fill=(0, 0, 0))
        y += advance
    image.info["dpi"] = (dpi, dpi)
    return Receipt(image, "\n".join(t for t, _, _ in drawn), dpi)


def thermal_fade(image: Image.Image, rng: random.Random, strength: float = 0.5) -> Image.Image:
    """Thermal print that has faded: grey ink, lighter towards one end, streaks, warm paper."""
    gen = np.random.default_rng(rng.getrandbits(32))
    grey = np.asarray(image.convert("L"), dtype=np.float32) / 255.0
    h, w = grey.shape
    ink = 1.0 - grey
    # Fade grows along the roll and across it where the print head was weak.
    along = np.linspace(rng.uniform(0.0, 0.3), rng.uniform(0.3, 0.6), h)[:, None] * strength * 2
    streaks = np.repeat(gen.uniform(0.0, 0.35 * strength, (1, w // 6 + 1)), 6, axis=1)[:, :w]
    keep = np.clip(1.0 - along - streaks, 0.25, 1.0)
    ink = ink * keep
    paper = np.array([rng.uniform(238, 252), rng.uniform(232, 248), rng.uniform(215, 240)])
    tone = rng.uniform(40, 90)  # faded thermal ink is brown-grey, never black
    rgb = paper[None, None, :] - ink[..., None] * (paper[None, None, :] - tone)
    out = Image.fromarray(np.clip(rgb, 0, 255).astype(np.uint8), "RGB")
    return out.filter(ImageFilter.GaussianBlur(0.5))


def _jpeg(image: Image.Image, quality: int) -> Image.Image:
    buf = io.BytesIO()
    image.save(buf, "JPEG", quality=quality)
    buf.seek(0)
    out = Image.open(buf)
    out.load()
    return out.convert("RGB")


def thermal_scan(receipt: Receipt, rng: random.Random, dpi: int | None = None) -> Image.Image:
    """A faded receipt scanned (at ``dpi``, default 200-300) with sensor noise and JPEG."""
    dpi = dpi or rng.choice((200, 240, 300))
    faded = thermal_fade(receipt.image, rng, rng.uniform(0.3, 0.8))
    w, h = faded.size
    scaled = faded.resize((round(w * dpi / receipt.dpi), round(h * dpi / receipt.dpi)),
                          Image.Resampling.BICUBIC)
    # A scanner's platen: the slip lies on white with a little grey border around it.
    pad = round(dpi * 0.2)
    sheet = Image.new("RGB", (scaled.width + 2 * pad, scaled.height + 2 * pad),
                      (rng.randint(225, 245),) * 3)
    sheet.paste(scaled, (pad, pad))
    gen = np.random.default_rng(rng.getrandbits(32))
    arr = np.asarray(sheet, dtype=np.float32) + gen.normal(0, rng.uniform(4, 9), (
        sheet.height, sheet.width, 1))
    out = _jpeg(Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB"),
                rng.randint(55, 80))
    out.info["dpi"] = (dpi, dpi)
    return out
