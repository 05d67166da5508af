"""The report as files a leader keeps: an XLSX workbook and a printable PDF/A page set.

The PDF is drawn as page images (figures, bar charts, tables) with their words placed in the
text layer by the project's own PDF/A writer, so it prints as seen and is searchable.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from dossier.errors import DossierError
from dossier.reports import (
    HEADER,
    REPORT_ROLES,
    Figures,
    Report,
    percent,
    period_label,
    rows_for_table,
)
from storage import Workspace, atomic_writer

_MONTH_HEADER = ("Tháng", *HEADER[2:])


def _figure_values(f: Figures) -> list[object]:
    return [f.received, f.digitised, f.digitised_share, f.results_issued, f.results_digitised,
            f.results_share, f.components, f.components_reused, f.reuse_share, f.pages,
            f.median_hours_to_delivery, f.outbox]


def write_xlsx(report: Report, path: Path, *, commune: str | None = None) -> Path:
    """Summary, by-procedure and by-month sheets, shares as percentages, a bar chart by month."""
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Alignment, Font, PatternFill

    book = Workbook()
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE7F0")
    summary = book.active
    summary.title = "Tổng hợp"
    summary.append(["Báo cáo số hóa hồ sơ, kết quả giải quyết TTHC"
                    + (f" — {commune}" if commune else "")])
    summary["A1"].font = Font(bold=True, size=14)
    summary.append([period_label(report)])
    summary.append([])
    total = report.total
    lines: list[tuple[str, object, str | None]] = [
        ("Hồ sơ tiếp nhận", total.received, None),
        ("Hồ sơ đã số hóa", total.digitised, None),
        ("Tỷ lệ hồ sơ số hóa", total.digitised_share, "0.0%"),
        ("Kết quả đã ban hành", total.results_issued, None),
        ("Kết quả đã số hóa", total.results_digitised, None),
        ("Tỷ lệ kết quả số hóa", total.results_share, "0.0%"),
        ("Thành phần hồ sơ", total.components, None),
        ("Thành phần tái sử dụng", total.components_reused, None),
        ("Tỷ lệ tái sử dụng", total.reuse_share, "0.0%"),
        ("Số trang đã quét", total.pages, None),
        ("Số giờ từ tiếp nhận tới khi giao (trung vị)", total.median_hours_to_delivery, "0.0"),
        ("Gói còn chờ gửi", total.outbox, None),
    ]
    for label, value, number_format in lines:
        summary.append([label, value])
        if number_format:
            summary.cell(summary.max_row, 2).number_format = number_format
    summary.column_dimensions["A"].width = 46
    summary.column_dimensions["B"].width = 14

    def table(title: str, header: Sequence[str], rows: list[list[object]]) -> None:
        sheet = book.create_sheet(title)
        sheet.append(list(header))
        for cell in sheet[1]:
            cell.font = bold
            cell.fill = fill
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in rows:
            sheet.append(row)
        first_figure = len(header) - 12 + 1
        for col, fmt in ((2, "0.0%"), (5, "0.0%"), (8, "0.0%"), (10, "0.0")):
            for cells in sheet.iter_rows(min_row=2, min_col=first_figure + col,
                                         max_col=first_figure + col):
                for c in cells:
                    c.number_format = fmt
        for index in range(1, len(header) + 1):
            letter = sheet.cell(1, index).column_letter
            sheet.column_dimensions[letter].width = 14
        sheet.freeze_panes = "A2"

    procedure_rows = [[p.code, p.name, *_figure_values(p.figures)] for p in report.by_procedure]
    procedure_rows.append([None, "Tổng cộng", *_figure_values(report.total)])
    table("Theo thủ tục", HEADER, procedure_rows)
    book["Theo thủ tục"].column_dimensions["B"].width = 60
    month_rows = [[m.month, *_figure_values(m.figures)] for m in report.by_month]
    table("Theo tháng", _MONTH_HEADER, month_rows)
    if month_rows:
        sheet = book["Theo tháng"]
        chart = BarChart()
        chart.title = "Hồ sơ tiếp nhận và đã số hóa theo tháng"
        chart.y_axis.title = "Hồ sơ"
        data = Reference(sheet, min_col=2, max_col=3, min_row=1, max_row=len(month_rows) + 1)
        cats = Reference(sheet, min_col=1, min_row=2, max_row=len(month_rows) + 1)
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(cats)
        chart.width, chart.height = 22, 10
        sheet.add_chart(chart, f"A{len(month_rows) + 4}")
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_writer(path) as handle:
            book.save(handle)
    except OSError as e:
        raise DossierError(f"{path}: không ghi được tệp — cannot write the file ({e.strerror})"
                           ) from e
    return path


# PDF -------------------------------------------------------------------------------------

_DPI = 150
_A4_LANDSCAPE_MM = (297.0, 210.0)
_BLUE = (31, 95, 160)
_GREEN = (46, 139, 87)
_ORANGE = (222, 128, 36)
_GREY = (200, 200, 200)
_INK = (20, 20, 20)


@dataclass(frozen=True)
class _Word:
    text: str
    box: tuple[int, int, int, int]


class _Canvas:
    """A page image and the words written on it (for the PDF's text layer)."""

    def __init__(self) -> None:
        from PIL import Image, ImageDraw

        w = round(_A4_LANDSCAPE_MM[0] / 25.4 * _DPI)
        h = round(_A4_LANDSCAPE_MM[1] / 25.4 * _DPI)
        self.image = Image.new("RGB", (w, h), "white")
        self.draw = ImageDraw.Draw(self.image)
        self.words: list[_Word] = []
        self.width, self.height = w, h
        self.margin = round(12 / 25.4 * _DPI)

    def font(self, size_pt: float, bold: bool = False):  # type: ignore[no-untyped-def]
        from PIL import ImageFont

        from synth.render import font_path

        return ImageFont.truetype(str(font_path("arial", bold)), round(size_pt / 72 * _DPI))

    def text(self, xy: tuple[float, float], text: str, size_pt: float = 10, bold: bool = False,
             fill: tuple[int, int, int] = _INK, anchor: str = "la") -> float:
        """Draw ``text``; returns its right edge. Each word goes to the text layer."""
        fnt = self.font(size_pt, bold)
        x, y = xy
        if anchor != "la":
            width = fnt.getlength(text)
            x = x - width if anchor == "ra" else x - width / 2
        cursor = x
        space = fnt.getlength(" ")
        for word in text.split():
            self.draw.text((cursor, y), word, font=fnt, fill=fill)
            box = self.draw.textbbox((cursor, y), word, font=fnt)
            self.words.append(_Word(word, (int(box[0]), int(box[1]), int(box[2]) + 1,
                                           int(box[3]) + 1)))
            cursor += fnt.getlength(word) + space
        return cursor


def _tile(c: _Canvas, x: int, y: int, w: int, h: int, label: str, value: str, note: str,
          share: float | None, colour: tuple[int, int, int]) -> None:
    c.draw.rectangle((x, y, x + w, y + h), outline=_GREY, width=2)
    c.text((x + 14, y + 10), label, 10)
    c.text((x + 14, y + 36), value, 24, bold=True, fill=colour)
    c.text((x + 14, y + h - 58), note, 9)
    bar_y = y + h - 26
    c.draw.rectangle((x + 14, bar_y, x + w - 14, bar_y + 12), fill=(235, 235, 235))
    if share is not None:
        c.draw.rectangle((x + 14, bar_y, x + 14 + round((w - 28) * min(share, 1.0)),
                          bar_y + 12), fill=colour)


def _month_chart(c: _Canvas, report: Report, x: int, y: int, w: int, h: int) -> None:
    c.text((x, y), "Hồ sơ tiếp nhận và đã số hóa theo tháng", 11, bold=True)
    months = report.by_month[-12:]
    top = y + 34
    base = y + h - 30
    c.draw.line((x, base, x + w, base), fill=_INK, width=1)
    if not months:
        c.text((x + 10, top + 20), "Chưa có số liệu trong kỳ", 10)
        return
    peak = max(max(m.figures.received, m.figures.digitised) for m in months) or 1
    slot = w / len(months)
    bar = max(4, min(40, slot / 3))
    for i, m in enumerate(months):
        cx = x + slot * i + slot / 2
        for offset, value, colour in ((-bar, m.figures.received, _GREY),
                                      (0, m.figures.digitised, _BLUE)):
            height = (base - top - 20) * value / peak
            c.draw.rectangle((cx + offset, base - height, cx + offset + bar, base), fill=colour)
        c.text((cx, base - (base - top - 20) * m.figures.received / peak - 22),
               str(m.figures.received), 8, anchor="ma")
        c.text((cx, base + 6), f"{m.month[5:]}/{m.month[2:4]}", 8, anchor="ma")
    lx = x + w - 260
    c.draw.rectangle((lx, y + 4, lx + 14, y + 18), fill=_GREY)
    c.text((lx + 20, y + 2), "Tiếp nhận", 9)
    c.draw.rectangle((lx + 120, y + 4, lx + 134, y + 18), fill=_BLUE)
    c.text((lx + 140, y + 2), "Đã số hóa", 9)


def _table(c: _Canvas, rows: Sequence[Sequence[str]], x: int, y: int, widths: Sequence[int],
           bottom: int) -> int:
    """Draw rows from ``y`` while they fit above ``bottom``; returns how many were drawn."""
    line = 26
    drawn = 0
    font = c.font(8, True)
    for index, row in enumerate(rows):
        height = line * 2 if index == 0 else line
        if y + height > bottom:
            break
        if index == 0:
            c.draw.rectangle((x, y - 2, x + sum(widths), y + height - 4), fill=(221, 231, 240))
        cx = x
        for value, width in zip(row, widths, strict=False):
            if index == 0:
                # Headings wrap onto two lines within their column.
                words, first = value.split(), ""
                while words and font.getlength((first + " " + words[0]).strip()) < width - 8:
                    first = (first + " " + words.pop(0)).strip()
                for k, part in enumerate((first, " ".join(words))):
                    if part:
                        c.text((cx + 4, y + k * line), part, 8, bold=True)
            else:
                shown = value
                while len(shown) > 1 and font.getlength(shown) > width - 8:
                    shown = shown[:-2] + "…"
                c.text((cx + 4, y), shown, 8, bold=row[1] == "Tổng cộng")
            cx += width
        y += height
        drawn += 1
    return drawn


def write_pdf(report: Report, path: Path, *, commune: str | None = None,
              created: dt.datetime | None = None) -> Path:
    """The monthly report as PDF/A-2b: key shares, a chart by month, the table by procedure."""
    import pdfa

    pages: list[_Canvas] = []
    c = _Canvas()
    pages.append(c)
    m = c.margin
    title = "BÁO CÁO SỐ HÓA HỒ SƠ VÀ KẾT QUẢ GIẢI QUYẾT TTHC"
    c.text((c.width / 2, m), title, 15, bold=True, anchor="ma")
    sub = period_label(report) + (f" — {commune}" if commune else "")
    c.text((c.width / 2, m + 36), sub, 11, anchor="ma")
    t = report.total
    tiles = [
        ("Hồ sơ đã số hóa", percent(t.digitised_share),
         f"{t.digitised} / {t.received} hồ sơ tiếp nhận", t.digitised_share, _BLUE),
        ("Kết quả đã số hóa", percent(t.results_share),
         f"{t.results_digitised} / {t.results_issued} kết quả", t.results_share, _GREEN),
        ("Thành phần tái sử dụng", percent(t.reuse_share),
         f"{t.components_reused} / {t.components} thành phần", t.reuse_share, _ORANGE),
        ("Trang · chờ gửi · giờ tới khi giao",
         f"{t.pages} · {t.outbox} · "
         + ("–" if t.median_hours_to_delivery is None
            else f"{t.median_hours_to_delivery:.1f}".replace(".", ",")),
         "trang đã quét · gói chờ gửi · trung vị", None, _INK),
    ]
    tile_w = (c.width - 2 * m - 3 * 20) // 4
    for i, (label, value, note, share, colour) in enumerate(tiles):
        _tile(c, m + i * (tile_w + 20), m + 80, tile_w, 150, label, value, note, share, colour)
    _month_chart(c, report, m, m + 260, c.width - 2 * m, 330)
    rows = rows_for_table(report)
    widths = [90, 380, 70, 70, 80, 60, 80, 70, 80, 80, 90, 60, 100, 60]
    scale = (c.width - 2 * m) / sum(widths)
    widths = [int(w * scale) for w in widths]
    header, body = rows[0], rows[1:]
    y = m + 620
    c.text((m, y), "Theo thủ tục", 11, bold=True)
    done = _table(c, [header, *body], m, y + 30, widths, c.height - m) - 1
    while done < len(body):
        c = _Canvas()
        pages.append(c)
        c.text((c.margin, c.margin), "Theo thủ tục (tiếp)", 11, bold=True)
        done += _table(c, [header, *body[done:]], c.margin, c.margin + 30, widths,
                       c.height - c.margin) - 1
    for number, page in enumerate(pages, 1):
        page.text((page.width - page.margin, page.height - page.margin + 10),
                  f"Trang {number}/{len(pages)}", 8, anchor="ra")
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        pdfa.write_searchable_pdf(
            [pdfa.PdfPage(p.image, _DPI, p.words) for p in pages], path,
            title=title, created=created)
    except pdfa.PdfaError as e:
        raise DossierError(f"{path}: không ghi được báo cáo PDF — cannot write the PDF ({e})"
                           ) from e
    except OSError as e:
        raise DossierError(f"{path}: không ghi được tệp — cannot write the file ({e.strerror})"
                           ) from e
    return path


def export_report(ws: Workspace, report: Report, path: Path, kind: str) -> Path:
    """Write the report as ``kind`` (``xlsx`` or ``pdf``) for a leader or admin; logged."""
    ws.require(*REPORT_ROLES, action="report.export")
    commune = ws.get_setting("agency.name") or ws.get_setting("agency_id")
    if kind == "xlsx":
        out = write_xlsx(report, path, commune=commune)
    elif kind == "pdf":
        out = write_pdf(report, path, commune=commune)
    else:
        raise DossierError(f"{kind}: not a report format (xlsx or pdf)")
    ws.audit.record("report.export", item=out.name,
                    detail=f"{kind}, {period_label(report)}")
    return out
