"""Item models behind the lists and tables: pages, dossiers, documents, outbox jobs, search hits.

Plain Qt models with custom roles, refilled from typed rows; checked with qtmodeltester.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Generic, Protocol, TypeVar

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from desktop.images import ThumbnailCache
from desktop.messages import plain
from storage.model import Document, Dossier, OutboxJob, Page, PageState, SearchHit, UploadState

PAGE_MIME = "application/x-sohoa-page-ids"

PageIdRole = Qt.ItemDataRole.UserRole + 1
PageRole = Qt.ItemDataRole.UserRole + 2
BlankRole = Qt.ItemDataRole.UserRole + 3
ObjectRole = Qt.ItemDataRole.UserRole + 4
ProgressRole = Qt.ItemDataRole.UserRole + 5

AnyIndex = QModelIndex | QPersistentModelIndex


class _HasId(Protocol):
    @property
    def id(self) -> int: ...


RowT = TypeVar("RowT", bound=_HasId)


class RowListModel(QAbstractListModel, Generic[RowT]):
    """A flat list of typed rows (each with an ``id``), refilled whole from the workspace."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RowT] = []

    def set_rows(self, rows: Sequence[RowT]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[RowT]:
        return list(self._rows)

    def row(self, row: int) -> RowT | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, row_id: int | None) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == row_id), -1)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def _at(self, index: AnyIndex) -> RowT | None:
        return self.row(index.row()) if index.isValid() else None


class PageModel(RowListModel[Page]):
    """The pages of a batch (or a document), thumbnails made lazily; reordered by drag and drop.

    A drop does not move rows itself: it asks (``move_requested``) so that the
    move goes through the undo stack and the workspace, then the model reloads.
    """

    move_requested = Signal(list, object)   # page ids, id of the page to go before (or None)

    def __init__(self, thumbs: ThumbnailCache | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thumbs = thumbs
        if thumbs is not None:
            thumbs.ready.connect(self._thumbnail_ready)

    set_pages = RowListModel.set_rows
    pages = RowListModel.rows
    page = RowListModel.row

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        page = self._at(index)
        if page is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            label = self.tr("Trang {n}").format(n=index.row() + 1)
            if page.blank:
                label += "\n" + self.tr("trắng?")
            elif page.state == PageState.FAILED:
                label += "\n" + self.tr("lỗi")
            elif page.state == PageState.NEW:
                label += "\n" + self.tr("đang đọc")
            return label
        if role == Qt.ItemDataRole.DecorationRole and self._thumbs is not None:
            return self._thumbs.icon(page)
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = f"{page.source_name}"
            if page.blank:
                tip += "\n" + self.tr("Trang có vẻ trắng: kiểm tra rồi xóa nếu đúng.")
            if page.error:
                tip += "\n" + page.error
            if page.confidence is not None:
                tip += "\n" + self.tr("Độ tin cậy OCR: {c:.0f}%").format(c=page.confidence)
            return tip
        if role == Qt.ItemDataRole.BackgroundRole:
            if page.blank:
                return QBrush(QColor("#fff4d6"))
            if page.state == PageState.FAILED:
                return QBrush(QColor("#fde2e1"))
            return None
        if role == PageIdRole:
            return page.id
        if role == PageRole:
            return page
        if role == BlankRole:
            return page.blank
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsDragEnabled)

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [PAGE_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids = sorted({self._rows[i.row()].id for i in indexes if i.isValid()},
                     key=self.row_of)
        mime = QMimeData()
        mime.setData(PAGE_MIME, QByteArray(json.dumps(ids).encode()))
        return mime

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: AnyIndex) -> bool:
        return data.hasFormat(PAGE_MIME) and action == Qt.DropAction.MoveAction

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: AnyIndex) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        ids = [int(x) for x in json.loads(bytes(data.data(PAGE_MIME).data()).decode())]
        if row < 0:
            row = parent.row() if parent.isValid() else len(self._rows)
        before = next((p.id for p in self._rows[row:] if p.id not in ids), None)
        self.move_requested.emit(ids, before)
        # False: the view must not remove the dragged rows; the reload does it.
        return False

    def _thumbnail_ready(self, key: str) -> None:
        for row, page in enumerate(self._rows):
            if ThumbnailCache.key(page) == key:
                index = self.index(row)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])


class DossierListModel(RowListModel[Dossier]):
    """Dossiers, newest first: code (official or provisional), procedure and state."""

    def __init__(self, procedure_name: object = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = procedure_name

    set_dossiers = RowListModel.set_rows
    dossier = RowListModel.row

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        d = self._at(index)
        if d is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            name = self._name(d.procedure_code) if callable(self._name) else d.procedure_code
            first = d.display_code if d.code else self.tr("{code} (tạm)").format(
                code=d.display_code)
            # Every procedure's name opens with "Thủ tục": the list keeps the part that differs.
            short = name[len("Thủ tục "):] if name and name.startswith("Thủ tục ") else name
            second = (short[:1].upper() + short[1:]) if short else self.tr("chưa rõ thủ tục")
            who = f"\n{d.applicant_name}" if d.applicant_name else ""
            return f"{first}{who}\n{second}"
        if role == Qt.ItemDataRole.ToolTipRole:
            name = self._name(d.procedure_code) if callable(self._name) else d.procedure_code
            return "\n".join(t for t in (d.display_code, d.applicant_name, name) if t)
        if role == ObjectRole:
            return d
        return None


def _document_extra(document: Document) -> dict[str, object]:
    """What tagging noted on a document beside its fields: its own title, its flags."""
    try:
        fields = json.loads(document.fields_json or "{}")
    except ValueError:
        return {}
    return fields if isinstance(fields, dict) else {}


class DocumentModel(RowListModel[Document]):
    """The documents of a dossier: type (suggested or confirmed) and page count."""

    set_documents = RowListModel.set_rows
    documents = RowListModel.rows
    document = RowListModel.row

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        d = self._at(index)
        if d is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            name = d.type_name or self.tr("Chưa rõ loại giấy tờ")
            extra = _document_extra(d)
            flags = extra.get("flags")
            if isinstance(flags, list | tuple) and "blank" in flags:
                name = self.tr("Trang không đọc được chữ — cần xem")
            elif extra.get("document_name"):
                # The component, then the paper's own title ("Giấy cam kết").
                name = f"{name} ({extra['document_name']})"
            pages = self.tr("{n} trang").format(n=len(d.page_ids))
            if d.type_confirmed or d.type_key is None:
                state = "✓ " if d.type_confirmed else "? "
                return f"{state}{d.seq}. {name} — {pages}"
            conf = f"{(d.type_confidence or 0) * 100:.0f}%"
            hint = self.tr("máy gợi ý {c}").format(c=conf)
            return f"? {d.seq}. {name} — {pages} · {hint}"
        if role == Qt.ItemDataRole.ToolTipRole and not d.type_confirmed and d.type_key:
            return self.tr("Loại giấy tờ do máy gợi ý: Enter để nhận, hoặc chọn loại khác.")
        if role == Qt.ItemDataRole.ForegroundRole and not d.type_confirmed:
            return QBrush(QColor("#8a5a00"))
        if role == ObjectRole:
            return d
        return None


def _size(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GB"


class OutboxModel(QAbstractTableModel):
    """Outbox jobs with state, progress, rate and time left (rates measured by the view)."""

    COLUMNS = 7

    def __init__(self, parent: QObject | None = None, language: str = "vi") -> None:
        super().__init__(parent)
        self._rows: list[OutboxJob] = []
        self._rates: dict[int, float] = {}
        self.language = language
        self.paused = False   # the sending run is paused: waiting rows say so
        # Each job's signature state: (the short cell text, the whole sentence).
        self._signatures: dict[int, tuple[str, str]] = {}

    def headers(self) -> list[str]:
        return [self.tr("Gói"), self.tr("Trạng thái"), self.tr("Tiến độ"),
                self.tr("Tốc độ"), self.tr("Còn lại"), self.tr("Lỗi gần nhất"),
                self.tr("Ký số")]

    def state_name(self, state: UploadState) -> str:
        return {
            UploadState.QUEUED: self.tr("Đang chờ"),
            UploadState.UPLOADING: self.tr("Đang gửi"),
            UploadState.DONE: self.tr("Đã gửi"),
            UploadState.FAILED: self.tr("Lỗi"),
            UploadState.EXPORTED: self.tr("Đã chép ra USB"),
        }.get(state, str(state))

    def set_jobs(self, rows: Sequence[OutboxJob], rates: dict[int, float],
                 signatures: dict[int, tuple[str, str]] | None = None) -> None:
        """``signatures``: each job's signature state as shown (by job id): the cell's
        short text and the whole sentence (its tooltip)."""
        ids_same = [j.id for j in rows] == [j.id for j in self._rows]
        self._rates = dict(rates)
        if signatures is not None:
            self._signatures = dict(signatures)
        if ids_same:
            self._rows = list(rows)
            if self._rows:
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(len(self._rows) - 1, self.COLUMNS - 1))
            return
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def job(self, row: int) -> OutboxJob | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < self.COLUMNS):
            return self.headers()[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        job = self._rows[index.row()]
        col = index.column()
        fraction = job.offset / job.size if job.size else 1.0
        if job.state in (UploadState.DONE, UploadState.EXPORTED):
            fraction = 1.0
        rate = self._rates.get(job.id, 0.0)
        if role == ProgressRole:
            return fraction
        if role == ObjectRole:
            return job
        if role == Qt.ItemDataRole.ToolTipRole and col == 5:
            return job.last_error or ""
        if role == Qt.ItemDataRole.ToolTipRole and col == 6:
            return self._signatures.get(job.id, ("", ""))[1]
        if role == Qt.ItemDataRole.ToolTipRole and col == 0 and job.version:
            return self.tr("Bản {n} của hồ sơ {code}").format(n=job.version,
                                                            code=job.dossier_code or "?")
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if col == 0:
            if job.version and job.version > 1:
                return self.tr("{name} (bản {n})").format(name=job.filename, n=job.version)
            return job.filename
        if col == 1:
            if self.paused and job.pending:
                return self.tr("Tạm dừng")
            text = self.state_name(job.state)
            if job.attempts > 1 and job.pending:
                text += " " + self.tr("(đã thử {n} lần)").format(n=job.attempts)
            return text
        if col == 2:
            return f"{fraction * 100:.0f}% · {_size(job.offset)} / {_size(job.size)}"
        if col == 3:
            return f"{_size(rate)}/s" if rate > 0 and job.state == UploadState.UPLOADING else "—"
        if col == 4:
            if rate > 0 and job.state == UploadState.UPLOADING:
                seconds = int((job.size - job.offset) / rate)
                return f"{seconds // 60}:{seconds % 60:02d}"
            return "—"
        if col == 5:
            return plain(job.last_error, self.language).text if job.last_error else ""
        if col == 6:
            return self._signatures.get(job.id, ("", ""))[0]
        return None


class SearchModel(QAbstractListModel):
    """Search hits: thumbnail, file name and the snippet with its highlighted spans."""

    def __init__(self, thumbs: ThumbnailCache | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []
        self._pages: dict[int, Page] = {}
        self._owners: dict[int, object] = {}
        self._thumbs = thumbs
        if thumbs is not None:
            thumbs.ready.connect(self._thumbnail_ready)

    def set_hits(self, hits: Sequence[SearchHit], pages: dict[int, Page],
                 owners: Mapping[int, object] | None = None) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self._pages = dict(pages)
        self._owners = dict(owners or {})
        self.endResetModel()

    def heading(self, hit: SearchHit) -> str:
        """The dossier and the citizen a hit is about, then the page's file."""
        owner = self._owners.get(hit.page_id)
        if owner is None:
            return self.tr("{file} (chưa thuộc hồ sơ nào)").format(file=hit.source_name)
        who = getattr(owner, "applicant", None) or self.tr("chưa rõ người nộp")
        return f"{getattr(owner, 'code', '')} · {who} · {hit.source_name}"

    def hit(self, row: int) -> SearchHit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{self.heading(hit)}\n{hit.snippet}"
        if role == Qt.ItemDataRole.DecorationRole and self._thumbs is not None:
            page = self._pages.get(hit.page_id)
            return self._thumbs.get(page) if page is not None else None
        if role == ObjectRole:
            return hit
        return None

    def _thumbnail_ready(self, key: str) -> None:
        for row, hit in enumerate(self._hits):
            page = self._pages.get(hit.page_id)
            if page is not None and ThumbnailCache.key(page) == key:
                index = self.index(row)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])


def snippet_html(hit: SearchHit) -> str:
    """The snippet as HTML with each match marked."""
    import html

    out, at = [], 0
    for start, end in hit.highlights:
        if start < at:
            continue
        out.append(html.escape(hit.snippet[at:start]))
        out.append('<span style="background:#ffe066;font-weight:600">'
                   + html.escape(hit.snippet[start:end]) + "</span>")
        at = end
    out.append(html.escape(hit.snippet[at:]))
    return "".join(out)
