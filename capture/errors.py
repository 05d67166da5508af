"""Errors of the capture stage (scanners, watched folders, cover sheets).

Every message names the device or file and says what to do, Vietnamese first.
"""

from __future__ import annotations

from failures import ExitCode, SohoaError


class CaptureError(SohoaError):
    """Capturing pages failed; the message is meant for people."""

    exit_code = ExitCode.FAILED

    def __init__(self, reason_vi: str, reason_en: str) -> None:
        self.reason_vi = reason_vi
        self.reason_en = reason_en
        super().__init__(f"{reason_vi} — {reason_en}")


class ProfileError(CaptureError):
    """A scan profile asks for something Sohoa refuses (e.g. below 200 dpi)."""

    exit_code = ExitCode.USAGE


class DeviceNotFound(CaptureError):
    """No scanner answers to that name or address."""

    exit_code = ExitCode.FAILED


class ScanFailed(CaptureError):
    """The scanner started but could not deliver the pages."""

    exit_code = ExitCode.FAILED


class FeederEmpty(ScanFailed):
    """The document feeder has no paper in it."""


class BackendUnavailable(CaptureError):
    """The scanner interface is not available on this computer (e.g. WIA off Windows)."""

    exit_code = ExitCode.FAILED
