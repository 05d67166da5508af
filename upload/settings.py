"""Upload settings kept in the workspace (``upload.*`` keys), overridable per run.

Keys: endpoint, rate_limit_kbps, window (HH:MM-HH:MM), ca_bundle, timeout_seconds,
retries, backoff_seconds; credentials: auth, username, credentials_file (see
upload.credentials — the secret itself is never a setting).
"""

from __future__ import annotations

from storage import Workspace
from upload.errors import ConfigError
from upload.link import SendingWindow
from upload.sender import UploadOptions
from upload.tus import Timeouts, check_endpoint

SETTING_KEYS = (
    "upload.endpoint", "upload.rate_limit_kbps", "upload.window", "upload.ca_bundle",
    "upload.timeout_seconds", "upload.retries", "upload.backoff_seconds", "upload.auth",
    "upload.username", "upload.credentials_file",
)


def _number(ws: Workspace, key: str, given: float | None) -> float | None:
    if given is not None:
        return given
    raw = ws.get_setting(key)
    if raw is None or not raw.strip():
        return None
    try:
        value = float(raw)
    except ValueError as e:
        raise ConfigError(f"{key}={raw!r}: phải là một số — must be a number") from e
    if value <= 0:
        raise ConfigError(f"{key}={raw!r}: phải lớn hơn 0 — must be positive")
    return value


def load_options(ws: Workspace, *, endpoint: str | None = None,
                 rate_limit_kbps: float | None = None, window: str | None = None,
                 max_time: float | None = None, retries: int | None = None,
                 timeout_seconds: float | None = None,
                 backoff_seconds: float | None = None) -> UploadOptions:
    """Options for one run: arguments win over the workspace's settings."""
    endpoint = endpoint or ws.get_setting("upload.endpoint")
    if not endpoint:
        raise ConfigError("chưa có địa chỉ máy chủ tải lên (--endpoint hoặc upload.endpoint) — "
                          "no upload endpoint (--endpoint or the upload.endpoint setting)")
    endpoint = check_endpoint(endpoint)
    rate = _number(ws, "upload.rate_limit_kbps", rate_limit_kbps)
    window_text = window if window is not None else ws.get_setting("upload.window")
    timeout = _number(ws, "upload.timeout_seconds", timeout_seconds)
    tries = _number(ws, "upload.retries", float(retries) if retries is not None else None)
    base = _number(ws, "upload.backoff_seconds", backoff_seconds)
    timeouts = Timeouts() if timeout is None else Timeouts(
        connect=min(timeout, 15.0), read=timeout, write=timeout)
    defaults = UploadOptions(endpoint=endpoint)
    return UploadOptions(
        endpoint=endpoint,
        timeouts=timeouts,
        # kbit/s as people quote link speeds; the bucket counts bytes.
        rate_limit=rate * 1000 / 8 if rate else None,
        window=SendingWindow.parse(window_text) if window_text else None,
        max_time=max_time,
        retries=int(tries) if tries else defaults.retries,
        backoff_base=base if base else defaults.backoff_base,
        ca_bundle=ws.get_setting("upload.ca_bundle") or None,
    )
