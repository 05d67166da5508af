"""Synthetic issued documents (results of procedures) with known number, date and signer.

Several layouts as communes print them — a certificate with the national heading on top, an
extract or confirmation with the two-column administrative header, a certified-copy stamp —
in several fonts, for the result-field benchmark and tests; ``synth.degrade`` spoils them.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace

from PIL import Image, ImageDraw

from synth.people import Person, child, full_name, person
from synth.render import MM_PER_INCH, _load_font, page_pixels
from vntext.dates import months_later

LAYOUTS = ("birth_certificate", "death_extract", "marital_status", "marriage_certificate",
           "certified_copy", "correction_extract")

_COMMUNES = ("An Bình", "Tân Phú", "Hòa Lợi", "Phước Long", "Đông Hưng", "Thủy Xuân",
             "Nghĩa Đô", "Quảng Phú", "Yên Thế", "Kim Liên", "Đắk Mil", "Ea Tu")
_PROVINCES = ("Bình Dương", "Đồng Nai", "Nghệ An", "Thừa Thiên Huế", "Đắk Lắk", "Thái Bình",
              "Quảng Ngãi", "Lâm Đồng", "Hà Tĩnh", "Cần Thơ")
_SIGNER_TITLES = (("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
                  ("CHỦ TỊCH",), ("PHÓ CHỦ TỊCH",))


@dataclass(frozen=True)
class _Cell:
    text: str
    size_pt: float = 13.0
    bold: bool = False
    italic_note: bool = False  # a small note line such as "(Ký, ghi rõ họ tên)"


# A row: (left cell or None, right cell or None, centred cell or None, space before in pt).
_Row = tuple[_Cell | None, _Cell | None, _Cell | None, float]


@dataclass(frozen=True)
class SynthResult:
    """An issued document: its rendered page, its text and the fields a clerk would enter."""

    layout: str
    image: Image.Image
    text: str
    type_name: str
    result_code: str
    number_symbol: str
    date_signed: dt.date
    signer: str
    agency: str
    holder_name: str
    holder_id: str | None
    valid_until: dt.date | None


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _draw(rows: Sequence[_Row], font: str, dpi: int) -> tuple[Image.Image, str]:
    width, height = page_pixels("A4", dpi)
    px_mm = dpi / MM_PER_INCH
    left, right = round(25 * px_mm), width - round(15 * px_mm)
    mid = left + (right - left) * 0.42
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    y = float(round(15 * px_mm))
    lines: list[str] = []
    for l_cell, r_cell, c_cell, before in rows:
        y += before / 72 * dpi
        tallest = 0.0
        for cell, area in ((l_cell, (left, mid)), (r_cell, (mid, right)),
                           (c_cell, (left, right))):
            if cell is None:
                continue
            size = cell.size_pt * (0.8 if cell.italic_note else 1.0)
            fnt = _load_font(font, cell.bold, max(6, round(size / 72 * dpi)))
            text = _nfc(cell.text)
            x0, x1 = area
            span = fnt.getlength(text)
            # Header cells (left/right) are centred in their column, as the decree lays out.
            if c_cell is cell and cell.text.startswith(("-", "Họ", "Ngày", "Nơi", "Số định",
                                                         "Giới", "Dân", "Quốc", "Quan",
                                                         "Nội", "Giấy", "Tình", "Được",
                                                         "Lý", "Cư", "Chứng thực", "Năm")):
                x = x0
            else:
                x = x0 + max(0.0, (x1 - x0 - span) / 2)
            draw.text((x, y), text, font=fnt, fill=(0, 0, 0))
            lines.append(text)
            tallest = max(tallest, size / 72 * dpi * 1.3)
        y += tallest
        if y > height - 15 * px_mm:
            break
    image.info["dpi"] = (dpi, dpi)
    return image, "\n".join(lines)


def _header_two_column(agency_upper: tuple[str, str], number: str, place_date: str | None
                       ) -> list[_Row]:
    return [
        (_Cell(agency_upper[0], 12.5), _Cell("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12.5, True),
         None, 0),
        (_Cell(agency_upper[1], 12.5, True), _Cell("Độc lập - Tự do - Hạnh phúc", 13, True),
         None, 0),
        (_Cell(f"Số: {number}", 13), _Cell(place_date, 13) if place_date else None, None, 8),
    ]


def _signature(rng: random.Random, titles: Sequence[str], signer: str,
               left_notes: Sequence[str] = ()) -> list[_Row]:
    rows: list[_Row] = []
    notes = list(left_notes)
    for i, title in enumerate(titles):
        rows.append((_Cell(notes.pop(0), 11, i == 0) if notes else None,
                     _Cell(title, 13, True), None, 14 if i == 0 else 0))
    if rng.random() < 0.6:
        rows.append((_Cell(notes.pop(0), 11) if notes else None,
                     _Cell("(Ký, ghi rõ họ tên, đóng dấu)", 13, italic_note=True), None, 0))
    while notes:
        rows.append((_Cell(notes.pop(0), 11), None, None, 0))
    rows.append((None, None, None, 40 + rng.random() * 25))
    rows.append((None, _Cell(signer, 13.5, True), None, 0))
    return rows


def _place_date(commune: str, day: dt.date, rng: random.Random) -> str:
    d = f"{day.day:02d}" if rng.random() < 0.5 else str(day.day)
    m = f"{day.month:02d}" if rng.random() < 0.5 else str(day.month)
    return f"{commune}, ngày {d} tháng {m} năm {day.year}"


def _number(rng: random.Random, symbol: str, year: int) -> str:
    n = rng.randint(1, 999)
    style = rng.random()
    if style < 0.45:
        return f"{n}/{symbol}"
    if style < 0.75:
        return f"{n:02d}/{year}/{symbol}"
    return f"{n}/{symbol}-UBND"


def _signer(rng: random.Random) -> str:
    return full_name(rng, rng.random() < 0.6)


def make_result(rng: random.Random, layout: str | None = None, font: str | None = None,
                dpi: int = 300, *, commune: str | None = None, holder_name: str | None = None,
                holder_id: str | None = None, signed: dt.date | None = None,
                mother_name: str | None = None, born: dt.date | None = None) -> SynthResult:
    """One issued document of ``layout`` (random when None), rendered at ``dpi``.

    ``commune``, ``holder_name``, ``holder_id`` and ``signed`` fix what is otherwise drawn at
    random (the bundled sample's result is for the sample dossier's child).
    """
    layout = layout or rng.choice(LAYOUTS)
    font = font or rng.choice(("times", "dejavu", "arial"))
    commune = commune or rng.choice(_COMMUNES)
    province = rng.choice(_PROVINCES)
    agency = f"Ủy ban nhân dân xã {commune}"
    agency_upper = ("ỦY BAN NHÂN DÂN" if rng.random() < 0.7 else "UỶ BAN NHÂN DÂN",
                    f"XÃ {commune.upper()}")
    signed = signed or dt.date(2025, 1, 1) + dt.timedelta(days=rng.randint(0, 600))
    signer = _signer(rng)
    holder: Person = person(rng)
    valid_until: dt.date | None = None
    rows: list[_Row] = []
    centre = 13.0

    def field(label: str, value: str) -> _Row:
        return (None, None, _Cell(f"{label}: {value}", centre), 3)

    if layout == "birth_certificate":
        baby = child(rng, holder.full_name.split()[0], signed - dt.timedelta(days=rng.randint(3,
                                                                                         50)))
        if holder_name or holder_id:
            baby = replace(baby, full_name=holder_name or baby.full_name,
                           id_number=holder_id or baby.id_number,
                           birth_date=born or baby.birth_date)
        holder = baby
        type_name, code = "Giấy khai sinh", "KQ.G15.000031"
        number = (str(rng.randint(1, 300)) if rng.random() < 0.5
                  else _number(rng, "GKS", signed.year))
        rows += [(None, None, _Cell("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, True), 0),
                 (None, None, _Cell("Độc lập - Tự do - Hạnh phúc", 13, True), 0),
                 (None, None, _Cell("GIẤY KHAI SINH", 17, True), 14),
                 (_Cell(f"Số: {number}", 13), _Cell(f"Quyển số: {rng.randint(1, 9):02d}/"
                                                    f"{signed.year}", 13), None, 10)]
        rows += [field("Họ, chữ đệm, tên", baby.full_name.upper()),
                 field("Ngày, tháng, năm sinh", baby.birth_date.strftime("%d/%m/%Y")),
                 field("Giới tính", f"{baby.sex}    Dân tộc: {baby.ethnicity}    Quốc tịch: "
                                    "Việt Nam"),
                 field("Nơi sinh", f"Bệnh viện Đa khoa tỉnh {province}"),
                 field("Số định danh cá nhân", baby.id_number),
                 field("Họ, chữ đệm, tên người mẹ",
                       (mother_name or full_name(rng, False)).upper()),
                 field("Họ, chữ đệm, tên người cha", full_name(rng, True).upper()),
                 field("Nơi đăng ký", f"{agency}, tỉnh {province}")]
        if rng.random() < 0.5:
            rows.append(field("Ngày, tháng, năm đăng ký", signed.strftime("%d/%m/%Y")))
            rows += _signature(rng, ("NGƯỜI KÝ GIẤY KHAI SINH",), signer)
        else:
            rows.append((None, _Cell(_place_date(commune, signed, rng), 13), None, 10))
            rows += _signature(rng, rng.choice(_SIGNER_TITLES), signer)
    elif layout == "marriage_certificate":
        type_name, code = "Giấy chứng nhận kết hôn", "KQ.G15.000032"
        number = str(rng.randint(1, 200)) if rng.random() < 0.6 else _number(rng, "GCNKH",
                                                                            signed.year)
        husband, wife = person(rng, male=True), person(rng, male=False)
        holder = husband if rng.random() < 0.5 else wife
        rows += [(None, None, _Cell("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, True), 0),
                 (None, None, _Cell("Độc lập - Tự do - Hạnh phúc", 13, True), 0),
                 (None, None, _Cell("GIẤY CHỨNG NHẬN KẾT HÔN", 17, True), 14),
                 (_Cell(f"Số: {number}", 13), _Cell(f"Quyển số: {rng.randint(1, 9):02d}",
                                                    13), None, 10)]
        for role, who in (("chồng", husband), ("vợ", wife)):
            rows += [field(f"Họ, chữ đệm, tên {role}", who.full_name.upper()),
                     field("Ngày, tháng, năm sinh", who.birth_date.strftime("%d/%m/%Y")),
                     field("Số định danh cá nhân", who.id_number),
                     field("Nơi cư trú", who.address)]
        rows.append(field("Nơi đăng ký", f"{agency}, tỉnh {province}"))
        rows.append(field("Ngày, tháng, năm đăng ký", signed.strftime("%d/%m/%Y")))
        rows += _signature(rng, rng.choice(_SIGNER_TITLES), signer)
    elif layout in ("death_extract", "correction_extract"):
        if layout == "death_extract":
            type_name, code, symbol = "Trích lục khai tử", "KQ.G15.000034", "TLKT"
            title = "TRÍCH LỤC KHAI TỬ"
        else:
            type_name, code, symbol = ("Trích lục thay đổi, cải chính hộ tịch",
                                       "KQ.G15.000037", "TLCC")
            title = "TRÍCH LỤC THAY ĐỔI, CẢI CHÍNH HỘ TỊCH"
        number = _number(rng, symbol, signed.year)
        rows += _header_two_column(agency_upper, number, _place_date(commune, signed, rng))
        rows.append((None, None, _Cell(title, 16, True), 18))
        rows.append((None, None, _Cell("(Bản chính)", 12), 0))
        rows += [field("Họ, chữ đệm, tên", holder.full_name.upper()),
                 field("Ngày, tháng, năm sinh", holder.birth_date.strftime("%d/%m/%Y")),
                 field("Số định danh cá nhân", holder.id_number),
                 field("Nơi cư trú", holder.address)]
        if layout == "death_extract":
            died = signed - dt.timedelta(days=rng.randint(1, 20))
            rows += [field("Đã chết vào lúc", f"{rng.randint(0, 23):02d} giờ, ngày "
                                              f"{died.strftime('%d/%m/%Y')}"),
                     field("Nơi chết", holder.address)]
        else:
            rows += [field("Nội dung thay đổi", "Cải chính họ, chữ đệm, tên"),
                     field("Lý do", "Sai sót khi đăng ký")]
        rows += _signature(rng, ("NGƯỜI KÝ TRÍCH LỤC",) if rng.random() < 0.5
                           else rng.choice(_SIGNER_TITLES), signer)
    elif layout == "marital_status":
        type_name, code = "Giấy xác nhận tình trạng hôn nhân", "KQ.G15.000038"
        number = _number(rng, "XNTTHN", signed.year)
        months = 6
        valid_until = months_later(signed, months)
        rows += _header_two_column(agency_upper, number, _place_date(commune, signed, rng))
        rows.append((None, None, _Cell("GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN", 16, True), 18))
        rows += [field("Xét đề nghị của ông/bà", holder.full_name),
                 field("Họ, chữ đệm, tên", holder.full_name.upper()),
                 field("Ngày, tháng, năm sinh", holder.birth_date.strftime("%d/%m/%Y")),
                 field("Số định danh cá nhân", holder.id_number),
                 field("Nơi cư trú", holder.address),
                 field("Tình trạng hôn nhân", "Hiện tại chưa đăng ký kết hôn với ai"),
                 field("Giấy này được cấp để", "làm thủ tục đăng ký kết hôn"),
                 (None, None, _Cell("Giấy này có giá trị sử dụng trong thời hạn 06 tháng, "
                                    "kể từ ngày cấp.", 13), 6)]
        notes = ("Nơi nhận:", "- Như trên;", "- Lưu: VT, HT.") if rng.random() < 0.6 else ()
        rows += _signature(rng, rng.choice(_SIGNER_TITLES), signer, notes)
    elif layout == "certified_copy":
        type_name, code = "Bản sao được chứng thực từ bản chính", "KQ.G15.000021"
        number = str(rng.randint(1, 2000))
        rows += [(None, None, _Cell("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, True), 0),
                 (None, None, _Cell("Độc lập - Tự do - Hạnh phúc", 12, True), 0),
                 (None, None, _Cell("BẰNG TỐT NGHIỆP TRUNG HỌC PHỔ THÔNG", 15, True), 14),
                 field("Họ và tên", holder.full_name),
                 field("Ngày sinh", holder.birth_date.strftime("%d/%m/%Y")),
                 field("Năm tốt nghiệp", str(holder.birth_date.year + 18)),
                 (None, None, _Cell("CHỨNG THỰC BẢN SAO ĐÚNG VỚI BẢN CHÍNH", 13, True), 30),
                 (_Cell(f"Số chứng thực: {number}", 13),
                  _Cell(f"Quyển số: {rng.randint(1, 9):02d}/{signed.year}-SCT/BS", 13), None, 4),
                 (None, _Cell(_place_date(commune, signed, rng), 13), None, 4)]
        rows += _signature(rng, rng.choice((("NGƯỜI THỰC HIỆN CHỨNG THỰC",),
                                            ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"))), signer)
    else:
        raise ValueError(f"unknown layout {layout}")
    image, text = _draw(rows, font, dpi)
    return SynthResult(layout, image, text, type_name, code, number, signed, signer, agency,
                       holder.full_name, holder.id_number, valid_until)


