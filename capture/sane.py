"""SANE scanners (Linux, BSD) through the ``scanimage`` command of sane-utils.

Pages are written one file each by ``scanimage --batch`` and handed on the
moment scanimage reports them finished, so recognition starts while the feeder runs.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from capture.errors import BackendUnavailable, DeviceNotFound, FeederEmpty, ScanFailed
from capture.profile import ColorMode, PaperSource, ScanProfile
from capture.source import Capabilities, DeviceInfo, ScannedPage, stamp_png

SCANIMAGE = "scanimage"
# scanimage -A lines look like "    --resolution 1..1200dpi (in steps of 1) [50]"
# or "    --mode Gray|Color [Gray]" or "    -x 0..200mm (in steps of 1) [80]".
_OPTION = re.compile(r"^\s+(--?[\w-]+)\s+(.+?)(?:\s+\[(.*)\])?\s*$")
_RANGE = re.compile(r"^(-?\d+(?:\.\d+)?)\.\.(-?\d+(?:\.\d+)?)([a-z%]*)")
_OUT_OF_DOCS = ("out of documents", "no documents", "document feeder out")


@dataclass(frozen=True)
class SaneOption:
    name: str
    values: tuple[str, ...]           # choices of a list option
    low: float | None = None          # bounds of a range option
    high: float | None = None
    inactive: bool = False


def parse_options(text: str) -> dict[str, SaneOption]:
    """The options of ``scanimage -A -d DEVICE`` output, by name."""
    options: dict[str, SaneOption] = {}
    for line in text.splitlines():
        match = _OPTION.match(line)
        if not match:
            continue
        name, spec, current = match.group(1), match.group(2), match.group(3) or ""
        spec = re.sub(r"\s*\(in steps of [^)]*\)", "", spec).strip()
        inactive = current == "inactive"
        found = _RANGE.match(spec)
        if found:
            options[name] = SaneOption(name, (), float(found.group(1)), float(found.group(2)),
                                       inactive)
        elif "|" in spec:
            values = tuple(v.strip() for v in re.sub(r"(dpi|mm)$", "", spec).split("|"))
            options[name] = SaneOption(name, values, inactive=inactive)
    return options


def _tray_value(option: SaneOption | None, source: PaperSource) -> str | None:
    """The backend's own name for a tray (every backend spells them differently)."""
    if option is None:
        return None
    for value in option.values:
        low = value.lower()
        if source == PaperSource.DUPLEX and "duplex" in low:
            return value
        if source == PaperSource.ADF and ("feeder" in low or "adf" in low) and "duplex" not in low:
            return value
        if source == PaperSource.FLATBED and ("flatbed" in low or "normal" in low):
            return value
    return None


def _mode_value(option: SaneOption | None, color: ColorMode) -> str | None:
    if option is None:
        return None
    wanted = ("color", "colour", "24bit") if color == ColorMode.COLOR else ("gray", "grey")
    return next((v for v in option.values if v.lower().startswith(wanted)), None)


class SaneSource:
    """Scanners reached through SANE's ``scanimage``; ``test`` is SANE's virtual scanner."""

    def __init__(self, scanimage: str = SCANIMAGE, *, extra_args: tuple[str, ...] = ()) -> None:
        self.scanimage = scanimage
        # Device-specific options passed through (tests use the test device's picture).
        self.extra_args = extra_args

    def _binary(self) -> str:
        found = shutil.which(self.scanimage)
        if found is None:
            raise BackendUnavailable(
                "chưa cài SANE (lệnh scanimage, gói sane-utils)",
                "SANE is not installed (the scanimage command, package sane-utils)",
            )
        return found

    def list_devices(self) -> list[DeviceInfo]:
        result = subprocess.run(
            [self._binary(), "-f", "%d\t%v %m%n"], capture_output=True, text=True, timeout=60,
            check=False,
        )
        devices = []
        for line in result.stdout.splitlines():
            if "\t" in line:
                name, label = line.split("\t", 1)
                devices.append(DeviceInfo(name.strip(), label.strip(), "sane"))
        return devices

    def options(self, device: str) -> dict[str, SaneOption]:
        result = subprocess.run(
            [self._binary(), "-A", "-d", device], capture_output=True, text=True, timeout=60,
            check=False,
        )
        if result.returncode != 0:
            raise DeviceNotFound(
                f"không mở được máy quét {device!r}: {_last_line(result.stderr)}",
                f"cannot open scanner {device!r}: {_last_line(result.stderr)}",
            )
        return parse_options(result.stdout)

    def capabilities(self, device: str) -> Capabilities:
        return _capabilities(self.options(device))

    def scan(self, device: str, profile: ScanProfile, *,
             max_pages: int | None = None) -> Iterator[ScannedPage]:
        options = self.options(device)
        args = self._arguments(device, profile, options, max_pages)
        return self._run(device, profile, args)

    def _arguments(self, device: str, profile: ScanProfile, options: dict[str, SaneOption],
                   max_pages: int | None) -> list[str]:
        args = ["-d", device, "--format=png", "--batch-print"]
        source_option = options.get("--source")
        tray = _tray_value(source_option, profile.source)
        if source_option is not None and tray is None:
            raise ScanFailed(
                f"máy quét {device!r} không có khay {profile.source}",
                f"scanner {device!r} has no {profile.source} source "
                f"(it has: {', '.join(source_option.values)})",
            )
        if tray is not None:
            args.append(f"--source={tray}")
        mode = _mode_value(options.get("--mode"), profile.color)
        if mode is not None:
            args.append(f"--mode={mode}")
        resolution = options.get("--resolution")
        if resolution is not None and resolution.values and str(profile.dpi) not in \
                resolution.values:
            raise ScanFailed(
                f"máy quét {device!r} không quét được {profile.dpi} dpi",
                f"scanner {device!r} cannot scan at {profile.dpi} dpi "
                f"(it offers {', '.join(resolution.values)})",
            )
        args.append(f"--resolution={profile.dpi}")
        for flag, size in (("-x", profile.size.width_mm), ("-y", profile.size.height_mm)):
            option = options.get(flag)
            if option is not None and option.high is not None:
                args += [flag, f"{min(size, option.high):g}"]
        # A flatbed has no paper sensor: without a count scanimage would scan forever.
        count = max_pages if max_pages is not None else (
            1 if profile.source == PaperSource.FLATBED else None)
        if count is not None:
            args.append(f"--batch-count={count}")
        return [*args, *self.extra_args]

    def _run(self, device: str, profile: ScanProfile, args: list[str]) -> Iterator[ScannedPage]:
        started = dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")
        with tempfile.TemporaryDirectory(prefix="sohoa-scan-") as tmp, \
                open(Path(tmp) / "stderr.txt", "w+b") as errors:
            pattern = str(Path(tmp) / "page-%04d.png")
            proc = subprocess.Popen(
                [self._binary(), *args, f"--batch={pattern}"], stdout=subprocess.PIPE,
                stderr=errors, stdin=subprocess.DEVNULL, text=True, bufsize=1,
            )
            index = 0
            try:
                assert proc.stdout is not None
                for line in proc.stdout:
                    path = Path(line.strip())
                    if not line.strip() or not path.is_file():
                        continue
                    data = stamp_png(path.read_bytes(), dpi=profile.dpi, text={
                        "Source": f"sane:{device}", "Scan-Started": started,
                        "Sheet": str(index + 1),
                    })
                    os.unlink(path)
                    yield ScannedPage(index, data, "image/png", f"scan-{index + 1:04d}.png")
                    index += 1
                returncode = proc.wait()
            finally:
                if proc.poll() is None:
                    proc.terminate()
                    try:
                        proc.wait(timeout=10)
                    except subprocess.TimeoutExpired:
                        proc.kill()
                        proc.wait()
            errors.seek(0)
            message = errors.read().decode("utf-8", "replace")
        out_of_paper = any(token in message.lower() for token in _OUT_OF_DOCS)
        if index == 0 and out_of_paper:
            raise FeederEmpty(
                f"khay nạp giấy của máy quét {device!r} trống — hãy đặt giấy vào",
                f"the document feeder of {device!r} is empty — load the paper",
            )
        if returncode != 0 and not out_of_paper:
            raise ScanFailed(
                f"máy quét {device!r} báo lỗi sau {index} trang: {_last_line(message)}",
                f"scanner {device!r} failed after {index} page(s): {_last_line(message)}",
            )


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1].strip() if lines else "không rõ lý do / unknown reason"


def _capabilities(options: dict[str, SaneOption]) -> Capabilities:
    trays: list[PaperSource] = []
    source_option = options.get("--source")
    for tray in PaperSource:
        if _tray_value(source_option, tray) is not None:
            trays.append(tray)
    if source_option is None:
        trays.append(PaperSource.FLATBED)
    mode_option = options.get("--mode")
    modes = tuple(m for m in ColorMode if _mode_value(mode_option, m) is not None) or (
        ColorMode.GRAY,)
    resolution = options.get("--resolution")
    resolutions: tuple[int, ...] = ()
    low, high = 0, 0
    if resolution is not None and resolution.values:
        resolutions = tuple(int(float(v)) for v in resolution.values if _is_number(v))
        low, high = min(resolutions, default=0), max(resolutions, default=0)
    elif resolution is not None and resolution.low is not None and resolution.high is not None:
        low, high = int(resolution.low), int(resolution.high)
    width = options.get("-x")
    height = options.get("-y")
    return Capabilities(
        sources=tuple(trays), color_modes=modes, min_dpi=low, max_dpi=high,
        resolutions=resolutions,
        max_width_mm=width.high if width is not None else None,
        max_height_mm=height.high if height is not None else None,
        formats=("image/png",),
    )


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
