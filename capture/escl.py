"""eSCL ("AirScan"), the driverless HTTP scan protocol of network multifunction printers.

Written from the Mopria eSCL specification: ScannerCapabilities, ScannerStatus,
POST ScanJobs, then NextDocument until 404. Discovery by mDNS when zeroconf is installed.
"""

from __future__ import annotations

import contextlib
import time
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

import httpx

from capture.errors import DeviceNotFound, FeederEmpty, ScanFailed
from capture.profile import ColorMode, PaperSource, ScanProfile
from capture.source import Capabilities, DeviceInfo, ScannedPage, stamp_png

SCAN_NS = "http://schemas.hp.com/imaging/escl/2011/05/03"
PWG_NS = "http://www.pwg.org/schemas/2010/12/sm"
NS = {"scan": SCAN_NS, "pwg": PWG_NS}
# eSCL geometry is in 1/300 inch.
UNITS_PER_MM = 300 / 25.4
_COLOR = {ColorMode.COLOR: "RGB24", ColorMode.GRAY: "Grayscale8"}
_COLOR_BACK = {"RGB24": ColorMode.COLOR, "Grayscale8": ColorMode.GRAY}
# Lossless first: PNG keeps the original as scanned; many devices only offer JPEG or PDF.
_FORMAT_PREFERENCE = ("image/png", "image/tiff", "image/jpeg", "application/pdf")
_EXTENSIONS = {"image/png": "png", "image/tiff": "tif", "image/jpeg": "jpg",
               "application/pdf": "pdf"}


def base_url(device: str) -> str:
    """``http://host[:port]/eSCL`` from an address, a URL or an ``escl:`` device name."""
    device = device.removeprefix("escl:")
    if "://" not in device:
        device = "http://" + device
    parts = urlsplit(device)
    path = parts.path.rstrip("/")
    if not path.lower().endswith("/escl"):
        path += "/eSCL"
    return f"{parts.scheme}://{parts.netloc}{path}"


def _text(element: ET.Element, path: str, default: str = "") -> str:
    found = element.find(path, NS)
    return (found.text or default).strip() if found is not None else default


def scan_settings_xml(profile: ScanProfile, caps: Capabilities, document_format: str) -> bytes:
    """The ScanSettings document that a POST to ScanJobs carries."""
    ET.register_namespace("scan", SCAN_NS)
    ET.register_namespace("pwg", PWG_NS)
    root = ET.Element(f"{{{SCAN_NS}}}ScanSettings")
    ET.SubElement(root, f"{{{PWG_NS}}}Version").text = "2.6"
    ET.SubElement(root, f"{{{SCAN_NS}}}Intent").text = "Document"
    regions = ET.SubElement(root, f"{{{PWG_NS}}}ScanRegions")
    region = ET.SubElement(regions, f"{{{PWG_NS}}}ScanRegion")
    width = profile.size.width_mm
    height = profile.size.height_mm
    if caps.max_width_mm:
        width = min(width, caps.max_width_mm)
    if caps.max_height_mm:
        height = min(height, caps.max_height_mm)
    ET.SubElement(region, f"{{{PWG_NS}}}Height").text = str(round(height * UNITS_PER_MM))
    ET.SubElement(region, f"{{{PWG_NS}}}ContentRegionUnits").text = \
        "escl:ThreeHundredthsOfInches"
    ET.SubElement(region, f"{{{PWG_NS}}}Width").text = str(round(width * UNITS_PER_MM))
    ET.SubElement(region, f"{{{PWG_NS}}}XOffset").text = "0"
    ET.SubElement(region, f"{{{PWG_NS}}}YOffset").text = "0"
    source = "Platen" if profile.source == PaperSource.FLATBED else "Feeder"
    ET.SubElement(root, f"{{{PWG_NS}}}InputSource").text = source
    if profile.source != PaperSource.FLATBED:
        ET.SubElement(root, f"{{{SCAN_NS}}}Duplex").text = \
            "true" if profile.source == PaperSource.DUPLEX else "false"
    ET.SubElement(root, f"{{{SCAN_NS}}}ColorMode").text = _COLOR[profile.color]
    ET.SubElement(root, f"{{{SCAN_NS}}}XResolution").text = str(profile.dpi)
    ET.SubElement(root, f"{{{SCAN_NS}}}YResolution").text = str(profile.dpi)
    ET.SubElement(root, f"{{{PWG_NS}}}DocumentFormat").text = document_format
    ET.SubElement(root, f"{{{SCAN_NS}}}DocumentFormatExt").text = document_format
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root)


def parse_capabilities(xml: bytes) -> tuple[str, Capabilities]:
    """(make and model, capabilities) from a ScannerCapabilities document."""
    try:
        root = ET.fromstring(xml)
    except ET.ParseError as e:
        raise ScanFailed("máy quét trả về dữ liệu hỏng", f"malformed ScannerCapabilities ({e})") \
            from e
    model = _text(root, "pwg:MakeAndModel", "eSCL scanner")
    trays: list[PaperSource] = []
    modes: set[ColorMode] = set()
    resolutions: set[int] = set()
    formats: list[str] = []
    max_width = max_height = 0.0
    inputs = (("scan:Platen/scan:PlatenInputCaps", PaperSource.FLATBED),
              ("scan:Adf/scan:AdfSimplexInputCaps", PaperSource.ADF),
              ("scan:Adf/scan:AdfDuplexInputCaps", PaperSource.DUPLEX))
    for path, tray in inputs:
        caps = root.find(path, NS)
        if caps is None:
            continue
        trays.append(tray)
        max_width = max(max_width, float(_text(caps, "scan:MaxWidth", "0")) / UNITS_PER_MM)
        max_height = max(max_height, float(_text(caps, "scan:MaxHeight", "0")) / UNITS_PER_MM)
        for mode in caps.iterfind(".//scan:ColorMode", NS):
            if (mode.text or "").strip() in _COLOR_BACK:
                modes.add(_COLOR_BACK[(mode.text or "").strip()])
        for res in caps.iterfind(".//scan:DiscreteResolution", NS):
            value = _text(res, "scan:XResolution")
            if value.isdigit():
                resolutions.add(int(value))
        for fmt in caps.iterfind(".//pwg:DocumentFormat", NS):
            if fmt.text and fmt.text.strip() not in formats:
                formats.append(fmt.text.strip())
        for fmt in caps.iterfind(".//scan:DocumentFormatExt", NS):
            if fmt.text and fmt.text.strip() not in formats:
                formats.append(fmt.text.strip())
    ordered = tuple(sorted(resolutions))
    return model, Capabilities(
        sources=tuple(trays), color_modes=tuple(m for m in ColorMode if m in modes),
        min_dpi=min(ordered, default=0), max_dpi=max(ordered, default=0), resolutions=ordered,
        max_width_mm=max_width or None, max_height_mm=max_height or None,
        formats=tuple(formats),
    )


def _choose_format(caps: Capabilities) -> str:
    for fmt in _FORMAT_PREFERENCE:
        if fmt in caps.formats:
            return fmt
    return caps.formats[0] if caps.formats else "image/jpeg"


class EsclSource:
    """Network scanners speaking eSCL, reached by address (and by mDNS if available)."""

    def __init__(self, addresses: tuple[str, ...] = (), *, timeout: float = 30.0,
                 busy_retry: float = 0.5, busy_limit: float = 120.0,
                 discover: bool = True) -> None:
        self.addresses = addresses
        self.timeout = timeout
        # NextDocument answers 503 while the next sheet is still being scanned.
        self.busy_retry = busy_retry
        self.busy_limit = busy_limit
        self.discover = discover

    def _client(self) -> httpx.Client:
        return httpx.Client(timeout=self.timeout, follow_redirects=True)

    def list_devices(self) -> list[DeviceInfo]:
        devices = []
        for address in self.addresses:
            try:
                model, _ = self._capabilities(address)
            except (DeviceNotFound, ScanFailed):
                continue
            devices.append(DeviceInfo(base_url(address), model, "escl"))
        if self.discover:
            devices.extend(d for d in discover_mdns() if d.name not in {x.name for x in devices})
        return devices

    def _capabilities(self, device: str) -> tuple[str, Capabilities]:
        url = base_url(device) + "/ScannerCapabilities"
        try:
            with self._client() as client:
                response = client.get(url)
        except httpx.HTTPError as e:
            raise DeviceNotFound(
                f"không kết nối được máy quét mạng {device}", f"cannot reach eSCL scanner {url} "
                f"({e})") from e
        if response.status_code != 200:
            raise DeviceNotFound(
                f"{device} không phải máy quét eSCL (HTTP {response.status_code})",
                f"{device} is not an eSCL scanner (HTTP {response.status_code})",
            )
        return parse_capabilities(response.content)

    def capabilities(self, device: str) -> Capabilities:
        return self._capabilities(device)[1]

    def status(self, device: str) -> tuple[str, str | None]:
        """(scanner state, feeder state) from ScannerStatus, e.g. ("Idle", "ScannerAdfLoaded")."""
        with self._client() as client:
            response = client.get(base_url(device) + "/ScannerStatus")
        response.raise_for_status()
        root = ET.fromstring(response.content)
        adf = _text(root, "scan:AdfState") or None
        return _text(root, "pwg:State", "Unknown"), adf

    def scan(self, device: str, profile: ScanProfile, *,
             max_pages: int | None = None) -> Iterator[ScannedPage]:
        _, caps = self._capabilities(device)
        if profile.source not in caps.sources:
            raise ScanFailed(
                f"máy quét {device} không có khay {profile.source}",
                f"scanner {device} has no {profile.source} source",
            )
        return self._run(device, profile, caps, max_pages)

    def _run(self, device: str, profile: ScanProfile, caps: Capabilities,
             max_pages: int | None) -> Iterator[ScannedPage]:
        root = base_url(device)
        fmt = _choose_format(caps)
        body = scan_settings_xml(profile, caps, fmt)
        scan_id = uuid.uuid4().hex
        with self._client() as client:
            try:
                response = client.post(root + "/ScanJobs", content=body,
                                       headers={"Content-Type": "text/xml"})
            except httpx.HTTPError as e:
                raise ScanFailed(f"mất kết nối với máy quét {device}",
                                 f"lost the connection to {device} ({e})") from e
            if response.status_code == 409 and profile.source != PaperSource.FLATBED:
                raise FeederEmpty(
                    f"khay nạp giấy của máy quét {device} trống — hãy đặt giấy vào",
                    f"the document feeder of {device} is empty — load the paper",
                )
            if response.status_code not in (200, 201) or "location" not in response.headers:
                raise ScanFailed(
                    f"máy quét {device} từ chối lệnh quét (HTTP {response.status_code})",
                    f"scanner {device} refused the scan job (HTTP {response.status_code})",
                )
            job = urljoin(root + "/", response.headers["location"]).rstrip("/")
            index = 0
            finished = False
            try:
                while max_pages is None or index < max_pages:
                    document = self._next_document(client, device, job, index)
                    if document is None:
                        finished = True
                        break
                    data, media_type = document
                    if media_type == "image/png":
                        data = stamp_png(data, dpi=profile.dpi, text={
                            "Source": f"escl:{root}", "Scan-Id": scan_id,
                            "Sheet": str(index + 1)})
                    name = f"scan-{index + 1:04d}.{_EXTENSIONS.get(media_type, 'bin')}"
                    yield ScannedPage(index, data, media_type, name)
                    index += 1
            finally:
                if not finished:
                    # Cancel the job so the device does not wait for us forever.
                    with contextlib.suppress(httpx.HTTPError):
                        client.delete(job)

    def _next_document(self, client: httpx.Client, device: str, job: str,
                       index: int) -> tuple[bytes, str] | None:
        deadline = time.monotonic() + self.busy_limit
        while True:
            try:
                response = client.get(job + "/NextDocument")
            except httpx.HTTPError as e:
                raise ScanFailed(
                    f"mất kết nối với máy quét {device} sau {index} trang",
                    f"lost the connection to {device} after {index} page(s) ({e})",
                ) from e
            if response.status_code == 200:
                media_type = response.headers.get("content-type", "image/jpeg").split(";")[0]
                return response.content, media_type.strip().lower()
            if response.status_code in (404, 410):
                return None
            if response.status_code == 503 and time.monotonic() < deadline:
                time.sleep(self.busy_retry)
                continue
            raise ScanFailed(
                f"máy quét {device} báo lỗi sau {index} trang (HTTP {response.status_code})",
                f"scanner {device} failed after {index} page(s) (HTTP {response.status_code})",
            )


def discover_mdns(seconds: float = 2.0) -> list[DeviceInfo]:
    """eSCL scanners announced on the local network (``_uscan._tcp``), if zeroconf is installed."""
    try:
        from zeroconf import ServiceBrowser, ServiceListener, Zeroconf
    except ImportError:
        return []
    found: list[DeviceInfo] = []

    class Listener(ServiceListener):  # type: ignore[misc]
        def add_service(self, zc: Zeroconf, type_: str, name: str) -> None:
            info = zc.get_service_info(type_, name)
            if info is None or not info.parsed_addresses():
                return
            props = {k.decode(): (v or b"").decode() for k, v in info.properties.items()}
            scheme = "https" if type_.startswith("_uscans") else "http"
            path = props.get("rs", "eSCL").strip("/")
            url = f"{scheme}://{info.parsed_addresses()[0]}:{info.port}/{path}"
            found.append(DeviceInfo(url, props.get("ty", name), "escl"))

        def update_service(self, zc: Zeroconf, type_: str, name: str) -> None:
            pass

        def remove_service(self, zc: Zeroconf, type_: str, name: str) -> None:
            pass

    zc = Zeroconf()
    try:
        ServiceBrowser(zc, ["_uscan._tcp.local.", "_uscans._tcp.local."], Listener())
        time.sleep(seconds)
    finally:
        zc.close()
    return found
