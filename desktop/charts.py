"""Charts a leader reads at a glance, drawn with QPainter: share tiles and a bar chart by month.

No chart library: PySide6-Essentials has no QtCharts, and two kinds of chart need little code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

BLUE = QColor(31, 95, 160)
GREEN = QColor(46, 139, 87)
ORANGE = QColor(222, 128, 36)
GREY = QColor(200, 200, 200)
TRACK = QColor(235, 235, 235)


def percent(share: float | None) -> str:
    if share is None:
        return "–"
    return f"{share * 100:.1f} %".replace(".", ",")


class ShareTile(QWidget):
    """A big percentage, what it is a share of, and a bar filled to it."""

    def __init__(self, label: str, colour: QColor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = label
        self.colour = colour
        self.share: float | None = None
        self.note = ""
        self.setMinimumSize(200, 120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_value(self, share: float | None, note: str) -> None:
        self.share, self.note = share, note
        self.setToolTip(f"{self.label}: {percent(share)} ({note})")
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(240, 120)

    def paintEvent(self, _event: object) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        p.setPen(QPen(GREY, 1))
        p.setBrush(self.palette().base())
        p.drawRoundedRect(r, 6, 6)
        font = QFont(self.font())
        p.setPen(self.palette().text().color())
        p.drawText(r.adjusted(12, 8, -12, 0), Qt.AlignmentFlag.AlignLeft, self.label)
        big = QFont(font)
        big.setPointSizeF(font.pointSizeF() * 2.2)
        big.setBold(True)
        p.setFont(big)
        p.setPen(self.colour)
        p.drawText(r.adjusted(12, 28, -12, 0), Qt.AlignmentFlag.AlignLeft, percent(self.share))
        p.setFont(font)
        p.setPen(self.palette().text().color())
        p.drawText(r.adjusted(12, 0, -12, -28),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, self.note)
        bar = QRectF(r.left() + 12, r.bottom() - 22, r.width() - 24, 10)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(TRACK)
        p.drawRoundedRect(bar, 4, 4)
        if self.share:
            p.setBrush(self.colour)
            p.drawRoundedRect(QRectF(bar.left(), bar.top(), bar.width() * min(self.share, 1.0),
                                     bar.height()), 4, 4)
        p.end()


@dataclass(frozen=True)
class Bar:
    label: str
    values: tuple[int, ...]


class BarChart(QWidget):
    """Grouped bars (e.g. received and digitised) per label (e.g. month), with a legend."""

    def __init__(self, series: Sequence[tuple[str, QColor]], parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.series = tuple(series)
        self.bars: tuple[Bar, ...] = ()
        self.empty_text = ""
        self.setMinimumHeight(220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_bars(self, bars: Sequence[Bar], empty_text: str = "") -> None:
        self.bars = tuple(bars)
        self.empty_text = empty_text
        self.setToolTip("\n".join(
            f"{b.label}: " + ", ".join(f"{name} {v}" for (name, _), v in
                                        zip(self.series, b.values, strict=False))
            for b in self.bars))
        self.update()

    def paintEvent(self, _event: object) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = QRectF(self.rect()).adjusted(8, 8, -8, -8)
        text = self.palette().text().color()
        metrics = p.fontMetrics()
        line = metrics.height()
        # Legend on top.
        x = r.left()
        for name, colour in self.series:
            p.fillRect(QRectF(x, r.top() + 3, 12, 12), colour)
            p.setPen(text)
            p.drawText(QRectF(x + 16, r.top(), 200, line), Qt.AlignmentFlag.AlignLeft, name)
            x += 16 + metrics.horizontalAdvance(name) + 20
        plot = r.adjusted(0, line + 14, 0, -(line + 6))
        p.setPen(QPen(text, 1))
        p.drawLine(plot.bottomLeft(), plot.bottomRight())
        if not self.bars:
            p.drawText(plot, Qt.AlignmentFlag.AlignCenter, self.empty_text)
            p.end()
            return
        peak = max((max(b.values) for b in self.bars if b.values), default=0) or 1
        slot = plot.width() / len(self.bars)
        width = max(3.0, min(36.0, slot * 0.7 / max(1, len(self.series))))
        for i, bar in enumerate(self.bars):
            centre = plot.left() + slot * (i + 0.5)
            left = centre - width * len(self.series) / 2
            for k, ((_, colour), value) in enumerate(zip(self.series, bar.values, strict=False)):
                h = (plot.height() - line - 4) * value / peak
                p.fillRect(QRectF(left + k * width, plot.bottom() - h, width - 1, h), colour)
            top_value = bar.values[0] if bar.values else 0
            h0 = (plot.height() - line - 4) * top_value / peak
            p.setPen(text)
            p.drawText(QRectF(centre - slot / 2, plot.bottom() - h0 - line - 2, slot, line),
                       Qt.AlignmentFlag.AlignHCenter, str(top_value))
            p.drawText(QRectF(centre - slot / 2, plot.bottom() + 4, slot, line),
                       Qt.AlignmentFlag.AlignHCenter, bar.label)
        p.end()
