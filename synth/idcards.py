"""Photocopies of identity papers as a desk receives them: chip and older citizen cards
(front and back), the old 9-digit card and passport data pages, on one sheet.

Cards carry the machine-readable zone (ICAO 9303, with check digits) and the chip
card's QR code; the sheet places them anywhere, tilted, on grey or patterned paper,
and may photocopy it with a halftone screen.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import random
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from synth.people import Person
from synth.render import MM_PER_INCH, font_path, page_pixels

CARD_MM = (85.6, 53.98)
PASSPORT_MM = (125.0, 88.0)
_MONO = (Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"),
         Path("/usr/share/fonts/truetype/liberation2/LiberationMono-Regular.ttf"))


class CardKind(enum.Enum):
    CHIP = "chip"            # citizen identity card with chip (2021): QR front, MRZ back
    IDENTITY = "identity"    # identity card (2024): "CĂN CƯỚC", QR front, MRZ back
    BARCODE = "barcode"      # citizen identity card without chip (2016): no MRZ
    OLD = "old"              # 9-digit people's identity card (CMND)
    PASSPORT = "passport"    # passport data page: MRZ of two lines


@dataclass(frozen=True)
class CardTruth:
    """What the sheet shows about its holder."""

    kind: CardKind
    id_number: str
    full_name: str
    birth_date: dt.date


# --- machine-readable zone ------------------------------------------------------

_MRZ_VALUES = {**{str(d): d for d in range(10)},
               **{chr(ord("A") + i): 10 + i for i in range(26)}, "<": 0}


def check_digit(field: str) -> str:
    """ICAO 9303 check digit (weights 7, 3, 1)."""
    weights = (7, 3, 1)
    return str(sum(_MRZ_VALUES[ch] * weights[i % 3] for i, ch in enumerate(field)) % 10)


def mrz_name(full_name: str) -> str:
    """``NGUYEN<<VAN<AN``: surname, then given names, without marks."""
    plain = unicodedata.normalize("NFD", full_name.replace("Đ", "D").replace("đ", "d"))
    plain = "".join(ch for ch in plain if unicodedata.category(ch) != "Mn").upper()
    words = plain.split()
    return words[0] + "<<" + "<".join(words[1:])


def _yymmdd(d: dt.date) -> str:
    return d.strftime("%y%m%d")


def td1_lines(person: Person, expiry: dt.date) -> tuple[str, str, str]:
    """The three 30-character lines on the back of a Vietnamese chip card.

    The document number is the last nine digits of the personal number, which
    follows in full in the optional data.
    """
    number = person.id_number
    doc = number[3:]
    line1 = f"IDVNM{doc}{check_digit(doc)}{number}<<"
    line1 = (line1 + "<" * 30)[:29]
    line1 += check_digit(line1[5:29])
    birth, exp = _yymmdd(person.birth_date), _yymmdd(expiry)
    sex = "M" if person.male else "F"
    line2 = f"{birth}{check_digit(birth)}{sex}{exp}{check_digit(exp)}VNM"
    line2 = (line2 + "<" * 11)[:29]
    composite = line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29]
    line2 += check_digit(composite)
    line3 = (mrz_name(person.full_name) + "<" * 30)[:30]
    return line1, line2, line3


def td3_lines(person: Person, passport_no: str, expiry: dt.date) -> tuple[str, str]:
    """The two 44-character lines of a passport data page; the personal number is optional data."""
    line1 = ("P<VNM" + mrz_name(person.full_name) + "<" * 44)[:44]
    passport_no = (passport_no + "<" * 9)[:9]
    birth, exp = _yymmdd(person.birth_date), _yymmdd(expiry)
    sex = "M" if person.male else "F"
    personal = (person.id_number + "<" * 14)[:14]
    line2 = (f"{passport_no}{check_digit(passport_no)}VNM{birth}{check_digit(birth)}{sex}"
             f"{exp}{check_digit(exp)}{personal}{check_digit(personal)}")
    composite = line2[0:10] + line2[13:20] + line2[21:43]
    return line1, line2 + check_digit(composite)


def qr_payload(person: Person, issued: dt.date) -> str:
    """The chip card's QR text: number|old number|name|birth ddmmyyyy|sex|address|issued."""
    return "|".join((person.id_number, person.old_id or "", person.full_name,
                     person.birth_date.strftime("%d%m%Y"), person.sex, person.address,
                     issued.strftime("%d%m%Y")))


# --- drawing ----------------------------------------------------------------------

@lru_cache(maxsize=64)
def _font(name: str, bold: bool, px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_path(name, bold)), max(6, px))


@lru_cache(maxsize=8)
def _mono(px: int) -> ImageFont.FreeTypeFont:
    for path in _MONO:
        if path.is_file():
            return ImageFont.truetype(str(path), max(6, px))
    return _font("arial", True, px)


class _Card:
    """A card face being drawn, in millimetre coordinates."""

    def __init__(self, rng: random.Random, size_mm: tuple[float, float], dpi: int,
                 font: str) -> None:
        self.rng = rng
        self.dpi = dpi
        self.px = dpi / MM_PER_INCH
        self.font = font
        w, h = (round(v * self.px) for v in size_mm)
        tint = rng.choice(((236, 242, 250), (246, 240, 226), (240, 246, 236), (250, 250, 250)))
        self.image = Image.new("RGB", (w, h), tint)
        self.draw = ImageDraw.Draw(self.image)
        self._guilloche(tint)

    def _guilloche(self, tint: tuple[int, int, int]) -> None:
        w, h = self.image.size
        colour = tuple(max(0, c - self.rng.randint(18, 40)) for c in tint)
        phase = self.rng.uniform(0, math.tau)
        for k in range(0, h, max(4, round(1.6 * self.px))):
            points = [(x, k + 0.9 * self.px * math.sin(x / (3.5 * self.px) + phase + k / 40))
                      for x in range(0, w, 6)]
            self.draw.line(points, fill=colour, width=1)
        self.draw.rounded_rectangle((0, 0, w - 1, h - 1), radius=round(3 * self.px),
                                    outline=(120, 120, 120), width=2)

    def text(self, x_mm: float, y_mm: float, text: str, pt: float, bold: bool = False,
             centre: bool = False, colour: tuple[int, int, int] = (20, 20, 20),
             max_mm: float | None = None) -> float:
        """Draw ``text``; returns its width in mm. Shrinks to fit ``max_mm``."""
        px = round(pt / 72 * self.dpi)
        fnt = _font(self.font, bold, px)
        width = fnt.getlength(text)
        if max_mm is not None and width > max_mm * self.px:
            px = max(6, int(px * max_mm * self.px / width))
            fnt = _font(self.font, bold, px)
            width = fnt.getlength(text)
        x = x_mm * self.px - (width / 2 if centre else 0)
        self.draw.text((x, y_mm * self.px), text, font=fnt, fill=colour)
        return width / self.px

    def mrz(self, lines: tuple[str, ...], bottom_mm: float, pt: float) -> None:
        w = self.image.size[0]
        px = round(pt / 72 * self.dpi)
        fnt = _mono(px)
        # The zone is a plain white band, so the lines stay readable on the pattern.
        top = bottom_mm * self.px - len(lines) * px * 1.25 - 0.8 * self.px
        self.draw.rectangle((2, top, w - 3, bottom_mm * self.px + 0.5 * self.px),
                            fill=(250, 250, 250))
        for n, line in enumerate(lines):
            width = fnt.getlength(line)
            self.draw.text(((w - width) / 2, top + 0.4 * self.px + n * px * 1.25), line,
                           font=fnt, fill=(10, 10, 10))

    def photo(self, box_mm: tuple[float, float, float, float]) -> None:
        x0, y0, x1, y1 = (v * self.px for v in box_mm)
        self.draw.rectangle((x0, y0, x1, y1), fill=(172, 176, 182), outline=(90, 90, 90))
        cx, w = (x0 + x1) / 2, x1 - x0
        self.draw.ellipse((cx - w * 0.22, y0 + w * 0.18, cx + w * 0.22, y0 + w * 0.72),
                          fill=(88, 80, 76))
        self.draw.pieslice((x0 + w * 0.08, y0 + w * 0.78, x1 - w * 0.08, y1 + w * 0.55), 180,
                           360, fill=(60, 62, 70))

    def qr(self, payload: str, x_mm: float, y_mm: float, size_mm: float) -> None:
        import segno

        code = segno.make(payload, error="l", micro=False)
        matrix = np.array([[bool(v) for v in row] for row in code.matrix], dtype=bool)
        modules = matrix.shape[0] + 4
        side = round(size_mm * self.px)
        cell = max(2, side // modules)
        grid = np.pad(matrix, 2)
        tile = np.where(grid, 0, 255).astype(np.uint8)
        image = Image.fromarray(tile, "L").resize((modules * cell, modules * cell),
                                                  Image.Resampling.NEAREST)
        self.image.paste(image.convert("RGB"), (round(x_mm * self.px), round(y_mm * self.px)))

    def emblem(self, x_mm: float, y_mm: float, r_mm: float) -> None:
        cx, cy, r = x_mm * self.px, y_mm * self.px, r_mm * self.px
        self.draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(200, 40, 40))
        star = [(cx + r * 0.6 * math.cos(math.pi / 2 + k * 4 * math.pi / 5),
                 cy - r * 0.6 * math.sin(math.pi / 2 + k * 4 * math.pi / 5)) for k in range(5)]
        self.draw.polygon(star, fill=(240, 200, 40))

    def fingerprint(self, box_mm: tuple[float, float, float, float]) -> None:
        x0, y0, x1, y1 = (v * self.px for v in box_mm)
        self.draw.rectangle((x0, y0, x1, y1), outline=(70, 70, 70), width=2)
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        for k in range(1, 9):
            rx, ry = k * (x1 - x0) / 20, k * (y1 - y0) / 18
            self.draw.arc((cx - rx, cy - ry, cx + rx, cy + ry), 200, 340 + k * 3,
                          fill=(110, 110, 110), width=2)


def _heading(card: _Card, x_mm: float, english: bool) -> None:
    card.text(x_mm, 2.4, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 6.6, True, centre=True)
    card.text(x_mm, 5.4, "Độc lập - Tự do - Hạnh phúc", 6.2, True, centre=True)
    if english:
        card.text(x_mm, 8.4, "SOCIALIST REPUBLIC OF VIET NAM", 5.4, centre=True)
        card.text(x_mm, 10.8, "Independence - Freedom - Happiness", 5.0, centre=True)


def _date(d: dt.date) -> str:
    return d.strftime("%d/%m/%Y")


def _expiry(person: Person, issued: dt.date) -> dt.date:
    age = issued.year - person.birth_date.year
    for limit in (25, 40, 60):
        if age < limit - 2:
            return person.birth_date.replace(year=person.birth_date.year + limit) \
                if not (person.birth_date.month == 2 and person.birth_date.day == 29) \
                else dt.date(person.birth_date.year + limit, 3, 1)
    return dt.date(2099, 12, 31)


def chip_front(rng: random.Random, person: Person, issued: dt.date, dpi: int,
               new_style: bool) -> Image.Image:
    card = _Card(rng, CARD_MM, dpi, rng.choice(("arial", "dejavu")))
    card.emblem(8.5, 9.5, 5.5)
    _heading(card, 42.0, english=True)
    title = ("CĂN CƯỚC", "IDENTITY CARD") if new_style else (
        "CĂN CƯỚC CÔNG DÂN", "Citizen Identity Card")
    card.text(42.0, 13.6, title[0], 8.5, True, centre=True, colour=(170, 20, 20))
    card.text(42.0, 17.4, title[1], 5.6, centre=True, colour=(170, 20, 20))
    card.photo((3.5, 20.0, 22.5, 45.0))
    if rng.random() < 0.85:  # a few worn cards: the QR does not survive the copy
        card.qr(qr_payload(person, issued), 68.5, 1.2, 15.5)
    x = 25.0
    y = 21.5
    label = rng.choice(("Số / No.:", "Số định danh cá nhân / Personal identification number:"))
    width = card.text(x, y, label, 5.4)
    card.text(x + width + 1.2 if width < 20 else x, y if width < 20 else y + 2.6,
              person.id_number, 8.6, True)
    y += 5.6 if width < 20 else 7.6
    card.text(x, y, rng.choice(("Họ và tên / Full name:",
                                "Họ, chữ đệm và tên khai sinh / Full name:")), 5.4)
    card.text(x, y + 2.6, person.full_name.upper(), 7.6, True, max_mm=58)
    y += 7.0
    card.text(x, y, f"Ngày sinh / Date of birth: {_date(person.birth_date)}", 5.6)
    y += 3.2
    card.text(x, y, f"Giới tính / Sex: {person.sex}", 5.6)
    card.text(x + 27, y, "Quốc tịch / Nationality: Việt Nam", 5.6)
    y += 3.2
    if not new_style:
        card.text(x, y, "Quê quán / Place of origin:", 5.4)
        card.text(x, y + 2.6, person.province, 6.0, max_mm=58)
        y += 5.8
        card.text(x, y, "Nơi thường trú / Place of residence:", 5.4)
        card.text(x, y + 2.6, person.address, 5.8, max_mm=58)
        card.text(3.5, 47.0, f"Có giá trị đến: {_date(_expiry(person, issued))}", 4.8)
        card.text(3.5, 49.4, "Date of expiry", 4.4)
    return card.image


def chip_back(rng: random.Random, person: Person, issued: dt.date, dpi: int,
              new_style: bool) -> Image.Image:
    card = _Card(rng, CARD_MM, dpi, rng.choice(("arial", "dejavu")))
    y = 2.5
    if new_style:
        card.text(3.5, y, "Nơi cư trú / Place of residence:", 5.4)
        card.text(3.5, y + 2.6, person.address, 5.8, max_mm=52)
        y += 6.0
        card.text(3.5, y, "Nơi đăng ký khai sinh / Place of birth:", 5.4)
        card.text(3.5, y + 2.6, person.province, 6.0)
        y += 6.0
        card.text(3.5, y, f"Ngày, tháng, năm cấp / Date of issue: {_date(issued)}", 5.4)
        y += 3.0
        card.text(3.5, y, f"Ngày, tháng, năm hết hạn / Date of expiry: "
                          f"{_date(_expiry(person, issued))}", 5.4)
        card.text(3.5, y + 3.4, "BỘ CÔNG AN", 6.0, True)
        card.text(3.5, y + 6.2, "MINISTRY OF PUBLIC SECURITY", 4.8)
    else:
        card.text(3.5, y, "Đặc điểm nhân dạng / Personal identification:", 5.4)
        card.text(3.5, y + 2.8, rng.choice(("Nốt ruồi C:1cm dưới sau mép trái",
                                            "Sẹo chấm C:2cm trên trước đầu lông mày phải",
                                            "Nốt ruồi C:1,5cm trên sau cánh mũi phải")), 5.4)
        card.text(3.5, y + 7.0, f"Ngày, tháng, năm / Date, month, year: {_date(issued)}", 5.4)
        card.text(3.5, y + 10.4, "CỤC TRƯỞNG CỤC CẢNH SÁT", 5.6, True)
        card.text(3.5, y + 13.0, "QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI", 5.6, True)
    card.fingerprint((58.0, 2.5, 70.0, 18.0))
    card.fingerprint((71.5, 2.5, 83.5, 18.0))
    card.text(58.5, 18.6, "Ngón trỏ trái", 4.2)
    card.text(72.0, 18.6, "Ngón trỏ phải", 4.2)
    card.draw.rounded_rectangle(tuple(v * card.px for v in (62.0, 22.0, 73.0, 31.0)),
                                radius=round(1.5 * card.px), fill=(200, 170, 90))
    card.mrz(td1_lines(person, _expiry(person, issued)), 52.0, 8.4)
    return card.image


def barcode_front(rng: random.Random, person: Person, issued: dt.date, dpi: int) -> Image.Image:
    card = _Card(rng, CARD_MM, dpi, rng.choice(("arial", "times")))
    card.emblem(9.0, 12.0, 6.0)
    _heading(card, 50.0, english=False)
    card.text(50.0, 9.0, "CĂN CƯỚC CÔNG DÂN", 8.6, True, centre=True, colour=(170, 20, 20))
    card.photo((3.5, 21.0, 21.5, 45.0))
    card.text(26.0, 14.0, f"Số: {person.id_number}", 8.8, True, colour=(170, 20, 20))
    card.text(26.0, 20.5, "Họ và tên:", 5.8)
    card.text(26.0, 23.3, person.full_name.upper(), 7.6, True, max_mm=56)
    card.text(26.0, 27.8, f"Ngày, tháng, năm sinh: {_date(person.birth_date)}", 5.8)
    card.text(26.0, 31.0, f"Giới tính: {person.sex}   Quốc tịch: Việt Nam", 5.8)
    card.text(26.0, 34.2, f"Quê quán: {person.province}", 5.8, max_mm=56)
    card.text(26.0, 37.4, "Nơi thường trú:", 5.8)
    card.text(26.0, 40.2, person.address, 5.6, max_mm=56)
    card.text(3.5, 48.0, f"Có giá trị đến: {_date(_expiry(person, issued))}", 5.0)
    return card.image


def barcode_back(rng: random.Random, person: Person, issued: dt.date, dpi: int) -> Image.Image:
    card = _Card(rng, CARD_MM, dpi, rng.choice(("arial", "times")))
    card.fingerprint((3.5, 4.0, 18.0, 22.0))
    card.fingerprint((20.0, 4.0, 34.5, 22.0))
    card.text(4.0, 23.0, "Ngón trỏ trái", 4.6)
    card.text(20.5, 23.0, "Ngón trỏ phải", 4.6)
    card.text(38.0, 4.0, "Đặc điểm nhân dạng:", 5.8)
    card.text(38.0, 7.2, "Nốt ruồi C:1cm trên mép phải", 5.6)
    card.text(38.0, 12.0, f"Ngày {issued.day:02d} tháng {issued.month:02d} năm {issued.year}",
              5.8)
    card.text(38.0, 15.4, "CỤC TRƯỞNG CỤC CẢNH SÁT", 5.6, True)
    card.text(38.0, 18.2, "ĐKQL CƯ TRÚ VÀ DLQG VỀ DÂN CƯ", 5.6, True)
    for k in range(60):  # the 1D barcode across the bottom
        x = 8.0 + k * 1.15
        card.draw.rectangle((x * card.px, 36.0 * card.px,
                             (x + rng.choice((0.3, 0.5, 0.7))) * card.px, 48.0 * card.px),
                            fill=(20, 20, 20))
    return card.image


def old_front(rng: random.Random, person: Person, number: str, dpi: int) -> Image.Image:
    card = _Card(rng, CARD_MM, dpi, "times")
    card.emblem(11.0, 14.0, 8.0)
    card.photo((4.0, 25.0, 19.0, 45.0))
    card.text(54.0, 2.5, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 6.2, True, centre=True)
    card.text(54.0, 5.5, "Độc lập - Tự do - Hạnh phúc", 6.0, True, centre=True)
    card.text(54.0, 9.5, "GIẤY CHỨNG MINH NHÂN DÂN", 8.8, True, centre=True,
              colour=(170, 20, 20))
    card.text(32.0, 14.5, f"SỐ {number}", 9.6, True, colour=(170, 20, 20))
    card.text(24.0, 20.5, f"Họ tên: {person.full_name.upper()}", 7.0, True, max_mm=60)
    card.text(24.0, 26.0, f"Sinh ngày: {_date(person.birth_date)}", 7.0)
    card.text(24.0, 31.0, f"Nguyên quán: {person.province}", 7.0, max_mm=60)
    card.text(24.0, 36.5, "Nơi ĐKHK thường trú:", 7.0)
    card.text(24.0, 40.5, person.address, 6.4, max_mm=60)
    return card.image


def old_back(rng: random.Random, person: Person, issued: dt.date, dpi: int) -> Image.Image:
    card = _Card(rng, CARD_MM, dpi, "times")
    card.text(3.5, 3.0, f"Dân tộc: {person.ethnicity}     Tôn giáo: Không", 6.6)
    card.text(3.5, 8.0, "DẤU VẾT RIÊNG VÀ DỊ HÌNH", 6.6, True)
    card.text(3.5, 11.5, "Nốt ruồi cách 2cm trên đuôi mắt trái", 6.4)
    card.text(44.0, 20.0, f"Ngày {issued.day:02d} tháng {issued.month:02d} năm {issued.year}",
              6.4)
    card.text(48.0, 24.0, "GIÁM ĐỐC CA TỈNH", 6.4, True)
    card.fingerprint((3.5, 18.0, 19.0, 40.0))
    card.fingerprint((21.0, 18.0, 36.5, 40.0))
    card.text(5.0, 41.5, "NGÓN TRỎ TRÁI", 5.0)
    card.text(22.0, 41.5, "NGÓN TRỎ PHẢI", 5.0)
    return card.image


def passport_page(rng: random.Random, person: Person, issued: dt.date, dpi: int) -> Image.Image:
    card = _Card(rng, PASSPORT_MM, dpi, rng.choice(("arial", "dejavu")))
    passport_no = rng.choice("BCN") + f"{rng.randrange(10**7):07d}"
    expiry = issued.replace(year=issued.year + 10) if not (
        issued.month == 2 and issued.day == 29) else dt.date(issued.year + 10, 3, 1)
    card.text(62.0, 3.0, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 7.4, True, centre=True)
    card.text(62.0, 6.8, "SOCIALIST REPUBLIC OF VIET NAM", 6.4, centre=True)
    card.text(62.0, 11.0, "HỘ CHIẾU / PASSPORT", 9.0, True, centre=True, colour=(150, 20, 20))
    card.photo((5.0, 18.0, 35.0, 58.0))
    x, y = 40.0, 17.0
    card.text(x, y, "Loại / Type: P     Mã số / Code: VNM", 5.8)
    card.text(x + 44, y, f"Số hộ chiếu / Passport No.: {passport_no}", 5.8, True)
    y += 4.6
    card.text(x, y, "Họ và tên / Full name:", 5.8)
    card.text(x, y + 2.8, person.full_name.upper(), 8.0, True, max_mm=80)
    y += 7.4
    card.text(x, y, "Quốc tịch / Nationality: VIỆT NAM", 5.8)
    y += 4.0
    card.text(x, y, f"Ngày sinh / Date of birth: {_date(person.birth_date)}", 5.8)
    card.text(x + 44, y, f"Nơi sinh / Place of birth: {person.province.upper()}", 5.8,
              max_mm=38)
    y += 4.0
    card.text(x, y, f"Giới tính / Sex: {'Nam/M' if person.male else 'Nữ/F'}", 5.8)
    card.text(x + 44, y, f"Số định danh / Personal No.: {person.id_number}", 5.8, max_mm=40)
    y += 4.0
    card.text(x, y, f"Ngày cấp / Date of issue: {_date(issued)}", 5.8)
    card.text(x + 44, y, f"Có giá trị đến / Date of expiry: {_date(expiry)}", 5.8, max_mm=40)
    y += 4.0
    card.text(x, y, "Nơi cấp / Place of issue: CỤC QUẢN LÝ XUẤT NHẬP CẢNH", 5.8)
    card.mrz(td3_lines(person, passport_no, expiry), 85.0, 9.0)
    return card.image


# --- the sheet ----------------------------------------------------------------------

@dataclass(frozen=True)
class IdentitySheet:
    """A photocopied identity paper on one page, and what it says."""

    image: Image.Image
    truth: CardTruth
    text: str  # the words printed on the faces, for tagging tests without OCR


def card_text(person: Person, kind: CardKind, number: str) -> str:
    """The main words a card shows, as text (for tagging tests that skip OCR)."""
    if kind is CardKind.OLD:
        return (f"GIẤY CHỨNG MINH NHÂN DÂN\nSỐ {number}\nHọ tên: {person.full_name.upper()}\n"
                f"Sinh ngày: {_date(person.birth_date)}\nNguyên quán: {person.province}")
    if kind is CardKind.PASSPORT:
        return (f"HỘ CHIẾU / PASSPORT\nHọ và tên / Full name:\n{person.full_name.upper()}\n"
                f"Ngày sinh / Date of birth: {_date(person.birth_date)}\n"
                f"Số định danh / Personal No.: {person.id_number}")
    title = {CardKind.IDENTITY: "CĂN CƯỚC / IDENTITY CARD",
             CardKind.CHIP: "CĂN CƯỚC CÔNG DÂN / Citizen Identity Card"}.get(kind,
                                                                            "CĂN CƯỚC CÔNG DÂN")
    return (f"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n{title}\nSố / No.: {person.id_number}\n"
            f"Họ và tên / Full name:\n{person.full_name.upper()}\n"
            f"Ngày sinh / Date of birth: {_date(person.birth_date)}\n"
            "Quê quán / Place of origin: " + person.province)


def _faces(rng: random.Random, person: Person, kind: CardKind, dpi: int,
           old_number: str) -> tuple[list[Image.Image], str]:
    issued = dt.date(rng.randint(max(2016, person.birth_date.year + 15), 2024),
                     rng.randint(1, 12), rng.randint(1, 28))
    if kind is CardKind.CHIP or kind is CardKind.IDENTITY:
        new = kind is CardKind.IDENTITY
        faces = [chip_front(rng, person, issued, dpi, new),
                 chip_back(rng, person, issued, dpi, new)]
        mrz = "\n".join(td1_lines(person, _expiry(person, issued)))
        title = "CĂN CƯỚC" if new else "CĂN CƯỚC CÔNG DÂN"
        text = (f"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n{title}\nSố / No.: {person.id_number}\n"
                f"Họ và tên / Full name:\n{person.full_name.upper()}\n"
                f"Ngày sinh / Date of birth: {_date(person.birth_date)}\n{mrz}")
    elif kind is CardKind.BARCODE:
        faces = [barcode_front(rng, person, issued, dpi), barcode_back(rng, person, issued, dpi)]
        text = (f"CĂN CƯỚC CÔNG DÂN\nSố: {person.id_number}\nHọ và tên:\n"
                f"{person.full_name.upper()}\nNgày, tháng, năm sinh: {_date(person.birth_date)}")
    elif kind is CardKind.OLD:
        faces = [old_front(rng, person, old_number, dpi), old_back(rng, person, issued, dpi)]
        text = (f"GIẤY CHỨNG MINH NHÂN DÂN\nSỐ {old_number}\nHọ tên: {person.full_name.upper()}\n"
                f"Sinh ngày: {_date(person.birth_date)}")
    else:
        faces = [passport_page(rng, person, issued, dpi)]
        text = f"HỘ CHIẾU / PASSPORT\nHọ và tên / Full name:\n{person.full_name.upper()}"
    return faces, text


def _paper(rng: random.Random, size: tuple[int, int], style: str) -> Image.Image:
    w, h = size
    gen = np.random.default_rng(rng.getrandbits(32))
    if style == "grey":
        level = rng.randint(150, 205)
        base = np.full((h, w), level, dtype=np.float32)
        base += gen.normal(0, 6, (h, w)).astype(np.float32)
    elif style == "pattern":
        level = rng.randint(190, 230)
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        period = rng.uniform(18, 40)
        base = level - 18 * (0.5 + 0.5 * np.sin((xx + yy * rng.uniform(0.3, 1.2)) / period))
    else:
        base = np.full((h, w), 250, dtype=np.float32)
    grey = np.clip(base, 0, 255).astype(np.uint8)
    return Image.fromarray(np.stack([grey] * 3, axis=-1), "RGB")


def _halftone(image: Image.Image, rng: random.Random) -> Image.Image:
    """A photocopier's dot screen: grey turns into dots, text stays mostly solid."""
    grey = np.asarray(image.convert("L"), dtype=np.float32)
    h, w = grey.shape
    period = rng.choice((4, 5, 6))
    yy, xx = np.mgrid[0:h, 0:w]
    angle = math.radians(45)
    u = (xx * math.cos(angle) + yy * math.sin(angle)) % period
    v = (-xx * math.sin(angle) + yy * math.cos(angle)) % period
    threshold = (np.hypot(u - period / 2, v - period / 2) / (period * 0.71)) * 255
    dots = np.where(grey < threshold, 0, 255).astype(np.uint8)
    dots = np.where(grey < 90, 0, dots).astype(np.uint8)  # solid ink stays solid
    out = Image.fromarray(dots, "L").filter(ImageFilter.GaussianBlur(0.6))
    return out.convert("RGB")


def identity_sheet(rng: random.Random, person: Person, kind: CardKind | None = None,
                   dpi: int = 300, old_number: str | None = None) -> IdentitySheet:
    """One A4 sheet with the faces of ``person``'s identity paper copied onto it."""
    kind = kind or rng.choices(list(CardKind), (45, 20, 12, 13, 10))[0]
    number = old_number or person.old_id or f"{rng.randrange(10**8, 10**9)}"
    scale = rng.uniform(1.0, 1.45)
    faces, text = _faces(rng, person, kind, round(dpi * scale), number)
    width, height = page_pixels("A4", dpi)
    style = rng.choices(("white", "grey", "pattern"), (35, 40, 25))[0]
    sheet = _paper(rng, (width, height), style)
    slots = _slots(rng, len(faces), (width, height), [f.size for f in faces])
    for face, (x, y) in zip(faces, slots, strict=True):
        angle = rng.uniform(-7.0, 7.0)
        turned = face.convert("RGBA").rotate(angle, resample=Image.Resampling.BICUBIC,
                                             expand=True)
        sheet.paste(turned, (x, y), turned)
    if rng.random() < 0.5:  # the desk writes "copy" on the sheet, by hand or by stamp
        draw = ImageDraw.Draw(sheet)
        fnt = _font("times", True, round(dpi * 0.18))
        draw.text((width * rng.uniform(0.1, 0.5), height * rng.uniform(0.82, 0.9)),
                  rng.choice(("BẢN SAO", "SAO Y BẢN CHÍNH", "Bản photo")), font=fnt,
                  fill=(40, 40, 160))
    kind_of_copy = rng.random()
    if kind_of_copy < 0.45:
        sheet = _halftone(sheet, rng)
    elif kind_of_copy < 0.75:
        sheet = sheet.convert("L").convert("RGB")
    sheet.info["dpi"] = (dpi, dpi)
    number_shown = number if kind is CardKind.OLD else person.id_number
    truth = CardTruth(kind, number_shown, person.full_name, person.birth_date)
    return IdentitySheet(sheet, truth, text)


def _slots(rng: random.Random, count: int, page: tuple[int, int],
           sizes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Top-left corners for the faces: anywhere on the sheet, not overlapping."""
    w, h = page
    margin = round(w * 0.04)
    slack = max(sizes, key=lambda s: s[0])[0] * 0.15
    if count == 1:
        fw, fh = sizes[0]
        return [(rng.randint(margin, max(margin, int(w - fw - margin - slack))),
                 rng.randint(margin, max(margin, int(h - fh - margin - slack))))]
    fw = max(s[0] for s in sizes)
    fh = max(s[1] for s in sizes)
    if rng.random() < 0.75:  # one above the other
        band = (h - 2 * margin) // 2
        out = []
        for n in range(count):
            top = margin + n * band
            out.append((rng.randint(margin, max(margin, int(w - fw - margin - slack))),
                        rng.randint(top, max(top, int(top + band - fh - slack)))))
        return out
    # side by side, only when both fit across
    if 2 * fw + 3 * margin + 2 * slack <= w:
        y = rng.randint(margin, max(margin, int(h - fh - margin - slack)))
        return [(margin, y), (int(w / 2 + margin / 2), y + rng.randint(-40, 40))]
    return _slots(random.Random(rng.random()), count, page, sizes)
