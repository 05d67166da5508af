"""Windows scanners through WIA 2.0 drivers, via the WIA Automation Layer (COM).

UNTESTED HERE: this code path has never run in Sohoa's test environment (Linux).
It is written against Microsoft's WIA Automation documentation; see docs/scanners.md.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

from capture.errors import BackendUnavailable, DeviceNotFound, FeederEmpty, ScanFailed
from capture.profile import ColorMode, PaperSource, ScanProfile
from capture.source import Capabilities, DeviceInfo, ScannedPage

# WIA property ids (wiadef.h) and constants used below.
WIA_DEVICE_TYPE_SCANNER = 1
WIA_DIP_DEV_ID = 2
WIA_DIP_DEV_NAME = 7
WIA_DPS_DOCUMENT_HANDLING_SELECT = 3088
WIA_DPS_PAGES = 3096
WIA_IPS_CUR_INTENT = 6146
WIA_IPS_XRES = 6147
WIA_IPS_YRES = 6148
WIA_IPS_XEXTENT = 6151
WIA_IPS_YEXTENT = 6152
FEEDER, FLATBED, DUPLEX = 1, 2, 4
INTENT_COLOR, INTENT_GRAY = 1, 2
WIA_FORMAT_PNG = "{B96B3CAF-0728-11D3-9D7B-0000F81EF32E}"
WIA_ERROR_PAPER_EMPTY = -2145320957   # 0x80210003 as a signed HRESULT


def _automation() -> Any:
    if sys.platform != "win32":
        raise BackendUnavailable("WIA chỉ có trên Windows", "WIA is only available on Windows")
    try:
        import comtypes.client
    except ImportError as e:
        raise BackendUnavailable(
            "thiếu gói comtypes để dùng máy quét WIA", "the comtypes package is needed for WIA"
        ) from e
    return comtypes.client.CreateObject("WIA.DeviceManager")


def _property(properties: Any, prop_id: int) -> Any:
    for prop in properties:
        if prop.PropertyID == prop_id:
            return prop
    return None


def _set(properties: Any, prop_id: int, value: int) -> None:
    prop = _property(properties, prop_id)
    if prop is not None:
        prop.Value = value


class WiaSource:
    """Scanners with WIA 2.0 drivers on Windows (untested in Sohoa's CI)."""

    def list_devices(self) -> list[DeviceInfo]:
        manager = _automation()
        devices = []
        for info in manager.DeviceInfos:
            if info.Type != WIA_DEVICE_TYPE_SCANNER:
                continue
            name = _property(info.Properties, WIA_DIP_DEV_NAME)
            devices.append(DeviceInfo(str(info.DeviceID), str(name.Value if name else ""), "wia"))
        return devices

    def _connect(self, device: str) -> Any:
        manager = _automation()
        for info in manager.DeviceInfos:
            if str(info.DeviceID) == device:
                return info.Connect()
        raise DeviceNotFound(f"không tìm thấy máy quét WIA {device!r}",
                             f"no WIA scanner {device!r}")

    def capabilities(self, device: str) -> Capabilities:
        scanner = self._connect(device)
        handling = _property(scanner.Properties, WIA_DPS_DOCUMENT_HANDLING_SELECT)
        trays = [PaperSource.FLATBED]
        if handling is not None:
            trays = [PaperSource.FLATBED, PaperSource.ADF, PaperSource.DUPLEX]
        return Capabilities(sources=tuple(trays), color_modes=(ColorMode.COLOR, ColorMode.GRAY),
                            min_dpi=75, max_dpi=1200, formats=("image/png",))

    def scan(self, device: str, profile: ScanProfile, *,
             max_pages: int | None = None) -> Iterator[ScannedPage]:
        scanner = self._connect(device)
        handling = {PaperSource.FLATBED: FLATBED, PaperSource.ADF: FEEDER,
                    PaperSource.DUPLEX: FEEDER | DUPLEX}[profile.source]
        _set(scanner.Properties, WIA_DPS_DOCUMENT_HANDLING_SELECT, handling)
        _set(scanner.Properties, WIA_DPS_PAGES, 0 if max_pages is None else max_pages)
        item = scanner.Items[1]
        _set(item.Properties, WIA_IPS_CUR_INTENT,
             INTENT_COLOR if profile.color == ColorMode.COLOR else INTENT_GRAY)
        _set(item.Properties, WIA_IPS_XRES, profile.dpi)
        _set(item.Properties, WIA_IPS_YRES, profile.dpi)
        _set(item.Properties, WIA_IPS_XEXTENT, round(profile.size.width_mm / 25.4 * profile.dpi))
        _set(item.Properties, WIA_IPS_YEXTENT, round(profile.size.height_mm / 25.4 * profile.dpi))
        return self._transfer(item, profile, max_pages)

    def _transfer(self, item: Any, profile: ScanProfile,
                  max_pages: int | None) -> Iterator[ScannedPage]:
        index = 0
        while max_pages is None or index < max_pages:
            try:
                image = item.Transfer(WIA_FORMAT_PNG)
            except Exception as e:  # comtypes' COMError carries the HRESULT as args[0]
                code = getattr(e, "hresult", None) or (e.args[0] if e.args else None)
                if code == WIA_ERROR_PAPER_EMPTY:
                    if index == 0 and profile.source != PaperSource.FLATBED:
                        raise FeederEmpty("khay nạp giấy trống — hãy đặt giấy vào",
                                          "the document feeder is empty — load the paper") from e
                    return
                raise ScanFailed(f"máy quét WIA báo lỗi sau {index} trang",
                                 f"WIA scanner failed after {index} page(s) ({e})") from e
            data = bytes(image.FileData.BinaryData)
            yield ScannedPage(index, data, "image/png", f"scan-{index + 1:04d}.png")
            index += 1
            if profile.source == PaperSource.FLATBED:
                return
