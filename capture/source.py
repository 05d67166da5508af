"""The one interface every scanner source implements, and the page it delivers.

A source lists devices, reports a device's capabilities and scans a batch as an
iterator of pages, each yielded as soon as the scanner has finished it.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol

from capture.profile import ColorMode, PaperSource, ScanProfile


@dataclass(frozen=True)
class DeviceInfo:
    """A scanner a source can reach."""

    name: str            # what to pass back as ``device`` (SANE name, eSCL URL, WIA id)
    label: str           # vendor and model, for people
    backend: str         # "sane", "escl", "wia"


@dataclass(frozen=True)
class Capabilities:
    """What a device can do, as far as Sohoa cares."""

    sources: tuple[PaperSource, ...]
    color_modes: tuple[ColorMode, ...]
    min_dpi: int
    max_dpi: int
    resolutions: tuple[int, ...] = ()          # discrete list when the device has one
    max_width_mm: float | None = None
    max_height_mm: float | None = None
    formats: tuple[str, ...] = field(default=())

    def supports_dpi(self, dpi: int) -> bool:
        if self.resolutions:
            return dpi in self.resolutions
        return self.min_dpi <= dpi <= self.max_dpi


@dataclass(frozen=True)
class ScannedPage:
    """One sheet side as the scanner delivered it (PNG, JPEG, TIFF or PDF bytes)."""

    index: int           # 0-based order in the batch
    data: bytes
    media_type: str
    name: str            # a file name for the page, unique within the batch


class ScannerSource(Protocol):
    """The interface of every capture source."""

    def list_devices(self) -> list[DeviceInfo]: ...

    def capabilities(self, device: str) -> Capabilities: ...

    def scan(self, device: str, profile: ScanProfile, *,
             max_pages: int | None = None) -> Iterator[ScannedPage]:
        """Pages as they come off the scanner; closing the iterator cancels the scan."""
        ...


def _png_chunk(kind: bytes, payload: bytes) -> bytes:
    crc = zlib.crc32(kind + payload) & 0xFFFFFFFF
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)


def stamp_png(data: bytes, *, dpi: int | None, text: dict[str, str]) -> bytes:
    """Add resolution and provenance chunks to a PNG without re-encoding its pixels.

    A feeder can deliver two byte-identical sheets (blank backs, test patterns);
    the provenance text (device, time, sheet number) keeps each sheet a page of
    its own in the content-addressed store. Existing pHYs chunks are replaced.
    """
    signature = b"\x89PNG\r\n\x1a\n"
    if not data.startswith(signature):
        return data
    out = bytearray(signature)
    pos = len(signature)
    inserted = False
    while pos + 8 <= len(data):
        length = struct.unpack(">I", data[pos:pos + 4])[0]
        kind = data[pos + 4:pos + 8]
        end = pos + 12 + length
        if kind != b"pHYs":
            out += data[pos:end]
        if kind == b"IHDR" and not inserted:
            if dpi:
                per_metre = round(dpi / 0.0254)
                out += _png_chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1))
            for key, value in text.items():
                out += _png_chunk(b"iTXt", key.encode("latin-1") + b"\x00\x00\x00\x00\x00"
                                  + value.encode("utf-8"))
            inserted = True
        pos = end
    return bytes(out)
