"""A small eSCL scanner on 127.0.0.1 for tests, written from the Mopria eSCL specification.

It serves ScannerCapabilities and ScannerStatus, accepts ScanJobs and hands out
the loaded sheets one NextDocument at a time (404 when the feeder is empty).
"""

from __future__ import annotations

import io
import threading
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from PIL import Image, ImageDraw

SCAN = "http://schemas.hp.com/imaging/escl/2011/05/03"
PWG = "http://www.pwg.org/schemas/2010/12/sm"

CAPABILITIES = f"""<?xml version="1.0" encoding="UTF-8"?>
<scan:ScannerCapabilities xmlns:scan="{SCAN}" xmlns:pwg="{PWG}">
  <pwg:Version>2.63</pwg:Version>
  <pwg:MakeAndModel>Sohoa Test MFP 100</pwg:MakeAndModel>
  <pwg:SerialNumber>T-0001</pwg:SerialNumber>
  <scan:Platen>
    <scan:PlatenInputCaps>
      <scan:MinWidth>16</scan:MinWidth><scan:MaxWidth>2550</scan:MaxWidth>
      <scan:MinHeight>16</scan:MinHeight><scan:MaxHeight>3508</scan:MaxHeight>
      <scan:SettingProfiles><scan:SettingProfile>
        <scan:ColorModes><scan:ColorMode>RGB24</scan:ColorMode>
          <scan:ColorMode>Grayscale8</scan:ColorMode></scan:ColorModes>
        <scan:DocumentFormats><pwg:DocumentFormat>image/jpeg</pwg:DocumentFormat>
          <pwg:DocumentFormat>image/png</pwg:DocumentFormat>
          <pwg:DocumentFormat>application/pdf</pwg:DocumentFormat></scan:DocumentFormats>
        <scan:SupportedResolutions><scan:DiscreteResolutions>
          <scan:DiscreteResolution><scan:XResolution>100</scan:XResolution>
            <scan:YResolution>100</scan:YResolution></scan:DiscreteResolution>
          <scan:DiscreteResolution><scan:XResolution>200</scan:XResolution>
            <scan:YResolution>200</scan:YResolution></scan:DiscreteResolution>
          <scan:DiscreteResolution><scan:XResolution>300</scan:XResolution>
            <scan:YResolution>300</scan:YResolution></scan:DiscreteResolution>
        </scan:DiscreteResolutions></scan:SupportedResolutions>
      </scan:SettingProfile></scan:SettingProfiles>
    </scan:PlatenInputCaps>
  </scan:Platen>
  <scan:Adf>
    <scan:AdfSimplexInputCaps>
      <scan:MinWidth>16</scan:MinWidth><scan:MaxWidth>2550</scan:MaxWidth>
      <scan:MinHeight>16</scan:MinHeight><scan:MaxHeight>4200</scan:MaxHeight>
      <scan:SettingProfiles><scan:SettingProfile>
        <scan:ColorModes><scan:ColorMode>RGB24</scan:ColorMode>
          <scan:ColorMode>Grayscale8</scan:ColorMode></scan:ColorModes>
        <scan:DocumentFormats><pwg:DocumentFormat>image/jpeg</pwg:DocumentFormat>
          <pwg:DocumentFormat>image/png</pwg:DocumentFormat></scan:DocumentFormats>
        <scan:SupportedResolutions><scan:DiscreteResolutions>
          <scan:DiscreteResolution><scan:XResolution>200</scan:XResolution>
            <scan:YResolution>200</scan:YResolution></scan:DiscreteResolution>
          <scan:DiscreteResolution><scan:XResolution>300</scan:XResolution>
            <scan:YResolution>300</scan:YResolution></scan:DiscreteResolution>
        </scan:DiscreteResolutions></scan:SupportedResolutions>
      </scan:SettingProfile></scan:SettingProfiles>
    </scan:AdfSimplexInputCaps>
    <scan:FeederCapacity>50</scan:FeederCapacity>
  </scan:Adf>
</scan:ScannerCapabilities>
"""


@dataclass
class Job:
    settings: dict[str, str]
    remaining: list[bytes]
    cancelled: bool = False
    delivered: int = 0


@dataclass
class ScannerState:
    """What is loaded in the scanner and what it was asked; tests read and change it."""

    feeder: list[bytes] = field(default_factory=list)   # sheets in the feeder (PNG bytes)
    busy_before_each: int = 0          # 503 answers before each document (scan in progress)
    jobs: dict[str, Job] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _settings(body: bytes) -> dict[str, str]:
    root = ET.fromstring(body)
    out = {}
    for element in root.iter():
        tag = element.tag.split("}")[-1]
        if element.text and element.text.strip():
            out[tag] = element.text.strip()
    return out


def platen_image(settings: dict[str, str]) -> bytes:
    """A page rendered as the settings ask: region in 1/300 in, resolution, colour mode."""
    dpi = int(settings.get("XResolution", "300"))
    width = round(int(settings.get("Width", "2550")) * dpi / 300)
    height = round(int(settings.get("Height", "3300")) * dpi / 300)
    mode = "RGB" if settings.get("ColorMode", "RGB24") == "RGB24" else "L"
    image = Image.new(mode, (width, height), "white")
    ImageDraw.Draw(image).rectangle((width // 10, height // 10, width // 2, height // 5),
                                    fill="black")
    out = io.BytesIO()
    image.save(out, "PNG", dpi=(dpi, dpi))
    return out.getvalue()


def make_handler(state: ScannerState) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def _send(self, code: int, body: bytes = b"", content_type: str = "text/xml",
                  headers: dict[str, str] | None = None) -> None:
            self.send_response(code)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            path = self.path.rstrip("/")
            if path == "/eSCL/ScannerCapabilities":
                self._send(200, CAPABILITIES.encode())
                return
            if path == "/eSCL/ScannerStatus":
                with state.lock:
                    adf = "ScannerAdfLoaded" if state.feeder else "ScannerAdfEmpty"
                    busy = any(not j.cancelled and j.remaining for j in state.jobs.values())
                body = (f'<?xml version="1.0"?><scan:ScannerStatus xmlns:scan="{SCAN}" '
                        f'xmlns:pwg="{PWG}"><pwg:Version>2.63</pwg:Version><pwg:State>'
                        f'{"Processing" if busy else "Idle"}</pwg:State>'
                        f"<scan:AdfState>{adf}</scan:AdfState></scan:ScannerStatus>")
                self._send(200, body.encode())
                return
            parts = path.split("/")
            if len(parts) == 5 and parts[2] == "ScanJobs" and parts[4] == "NextDocument":
                with state.lock:
                    job = state.jobs.get(parts[3])
                    if job is None or job.cancelled or not job.remaining:
                        self._send(404)
                        return
                    if state.busy_before_each and job.settings.get("_busy", "0") != "served":
                        count = int(job.settings.get("_busy_count", "0")) + 1
                        job.settings["_busy_count"] = str(count)
                        if count <= state.busy_before_each:
                            self._send(503)
                            return
                    job.settings["_busy_count"] = "0"
                    page = job.remaining.pop(0)
                    job.delivered += 1
                self._send(200, page, content_type="image/png")
                return
            self._send(404)

        def do_POST(self) -> None:
            if self.path.rstrip("/") != "/eSCL/ScanJobs":
                self._send(404)
                return
            length = int(self.headers.get("Content-Length", "0"))
            settings = _settings(self.rfile.read(length))
            with state.lock:
                if settings.get("InputSource") == "Feeder":
                    if not state.feeder:
                        self._send(409)
                        return
                    remaining, state.feeder = list(state.feeder), []
                else:
                    remaining = [platen_image(settings)]
                job_id = uuid.uuid4().hex
                state.jobs[job_id] = Job(settings, remaining)
            self._send(201, headers={"Location": f"/eSCL/ScanJobs/{job_id}"})

        def do_DELETE(self) -> None:
            parts = self.path.rstrip("/").split("/")
            with state.lock:
                job = state.jobs.get(parts[-1]) if len(parts) == 4 else None
                if job is None:
                    self._send(404)
                    return
                job.cancelled = True
            self._send(200)

    return Handler


class Responder:
    """Runs the eSCL scanner on 127.0.0.1 in a thread; ``url`` is its eSCL root."""

    def __init__(self) -> None:
        self.state = ScannerState()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(self.state))
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/eSCL"

    def __enter__(self) -> Responder:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
