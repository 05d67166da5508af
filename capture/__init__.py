"""Capture: pages in from scanners (SANE, eSCL, WIA), watched folders and files.

Scan profiles, cover sheets that split a stack into dossiers, and the watcher.
"""

from __future__ import annotations

from capture.coversheet import (
    CoverPayload,
    CoverSheetError,
    MarkKind,
    PageMark,
    cover_sheet_pdf,
    decode_payload,
    detect,
    encode_payload,
    render_cover_sheet,
)
from capture.errors import (
    BackendUnavailable,
    CaptureError,
    DeviceNotFound,
    FeederEmpty,
    ProfileError,
    ScanFailed,
)
from capture.escl import EsclSource
from capture.profile import (
    DEFAULT_DPI,
    ColorMode,
    PageSize,
    PaperSource,
    ScanProfile,
    page_size,
)
from capture.sane import SaneSource
from capture.source import Capabilities, DeviceInfo, ScannedPage, ScannerSource
from capture.split import Segment, has_separators, plan_segments
from capture.wia import WiaSource

__all__ = [
    "DEFAULT_DPI",
    "BackendUnavailable",
    "Capabilities",
    "CaptureError",
    "ColorMode",
    "CoverPayload",
    "CoverSheetError",
    "DeviceInfo",
    "DeviceNotFound",
    "EsclSource",
    "FeederEmpty",
    "MarkKind",
    "PageMark",
    "PageSize",
    "PaperSource",
    "ProfileError",
    "SaneSource",
    "ScanFailed",
    "ScanProfile",
    "ScannedPage",
    "ScannerSource",
    "Segment",
    "WiaSource",
    "cover_sheet_pdf",
    "decode_payload",
    "detect",
    "encode_payload",
    "has_separators",
    "page_size",
    "plan_segments",
    "render_cover_sheet",
]
