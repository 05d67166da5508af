"""A small tus 1.0.0 client on httpx: creation, HEAD, PATCH, termination.

Every request has connect, read and write timeouts; every failure becomes a
transient, permanent, gone, conflict or checksum error (see upload.errors).
"""

from __future__ import annotations

import base64
import socket
import ssl
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from upload.errors import (
    ChecksumMismatch,
    ConfigError,
    OffsetConflict,
    PermanentError,
    TransientError,
    UploadGone,
)

TUS_VERSION = "1.0.0"
OFFSET_CONTENT_TYPE = "application/offset+octet-stream"
# Checksum Mismatch, from the tus checksum extension; our servers also send it
# when the sha256 of a finished upload is wrong.
STATUS_CHECKSUM_MISMATCH = 460
SEND_BUFFER = 256 * 1024  # bytes; Linux doubles it
TRANSIENT_STATUSES = frozenset({408, 423, 425, 429})


@dataclass(frozen=True)
class Timeouts:
    """Seconds; write is per socket send, read is waiting for each answer."""

    connect: float = 15.0
    read: float = 60.0
    write: float = 60.0

    def httpx(self) -> httpx.Timeout:
        return httpx.Timeout(connect=self.connect, read=self.read, write=self.write,
                             pool=self.connect)


@dataclass(frozen=True)
class UploadStatus:
    offset: int
    length: int | None


@dataclass(frozen=True)
class ServerInfo:
    versions: tuple[str, ...]
    extensions: tuple[str, ...]
    max_size: int | None


def encode_metadata(metadata: Mapping[str, str]) -> str:
    """``Upload-Metadata``: ``key base64(value)`` pairs; keys with empty values are left out."""
    pairs = []
    for key, value in metadata.items():
        if not key or any(c in key for c in " ,") or not key.isascii():
            raise ConfigError(f"khóa metadata không hợp lệ: {key!r} — invalid metadata key")
        if value:
            pairs.append(f"{key} {base64.b64encode(value.encode('utf-8')).decode('ascii')}")
    if not pairs:
        raise ConfigError("metadata tải lên rỗng — empty upload metadata")
    return ",".join(pairs)


def decode_metadata(header: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for pair in header.split(","):
        parts = pair.strip().split(" ")
        if parts and parts[0]:
            value = base64.b64decode(parts[1]).decode("utf-8") if len(parts) > 1 else ""
            found[parts[0]] = value
    return found


def _is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    return host in ("localhost", "::1") or host.startswith("127.")


_DEFAULT_PORTS = {"http": 80, "https": 443}
MAX_REDIRECTS = 5
# Redirects that keep the method and the body (RFC 9110); a 301/302/303 would
# turn a tus POST into a GET, which no tus server means.
_KEPT_METHOD_REDIRECTS = frozenset({307, 308})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


def shown_url(url: str) -> str:
    """``url`` as it may be printed or stored: no user name, password, query or fragment."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port
    except ValueError:
        return "<địa chỉ không hợp lệ / invalid URL>"
    if ":" in host:
        host = f"[{host}]"
    netloc = host + (f":{port}" if port is not None else "")
    return f"{parts.scheme}://{netloc}{parts.path}"


def origin(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) with the scheme's default port filled in; ValueError if malformed."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    port = parts.port  # raises ValueError for a port out of range or not a number
    if port is None:
        port = _DEFAULT_PORTS.get(scheme, 0)
    return scheme, (parts.hostname or "").lower().rstrip("."), port


def has_credentials(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.username or parts.password or "@" in parts.netloc)


def check_endpoint(endpoint: str) -> str:
    """The endpoint, checked: http(s), a host, and no user name or password in it.

    A password in a URL ends up in logs, proxies and the database; it is refused
    and the message never repeats it.
    """
    endpoint = endpoint.strip()
    try:
        parts = urlsplit(endpoint)
        scheme, host, _ = origin(endpoint)
    except ValueError as e:
        raise ConfigError(f"{shown_url(endpoint)}: địa chỉ máy chủ không hợp lệ — the endpoint "
                          f"is not a valid URL ({e})") from e
    if scheme not in ("http", "https") or not host:
        raise ConfigError(f"{shown_url(endpoint)}: địa chỉ máy chủ phải là http(s) — the "
                          "endpoint must be an http(s) URL")
    if has_credentials(endpoint):
        raise ConfigError(f"{shown_url(endpoint)}: địa chỉ máy chủ không được chứa tên đăng nhập "
                          "hay mật khẩu; đặt chúng trong phần đăng nhập — the endpoint must not "
                          "carry a user name or password; set them as upload credentials "
                          "instead")
    if parts.fragment:
        raise ConfigError(f"{shown_url(endpoint)}: địa chỉ máy chủ không được có phần '#' — the "
                          "endpoint must not have a #fragment")
    return endpoint


def _reason(response: httpx.Response) -> str:
    text = response.text.strip().splitlines()[0][:200] if response.text.strip() else ""
    return f"HTTP {response.status_code}" + (f": {text}" if text else "")


def classify(response: httpx.Response, what: str) -> Exception:
    """The exception that a non-success answer to ``what`` stands for."""
    status = response.status_code
    reason = _reason(response)
    if status in (404, 410):
        return UploadGone(f"máy chủ không còn lần tải này — upload no longer on the server "
                          f"({what}, {reason})", status)
    if status == 409:
        return OffsetConflict(f"vị trí tải lệch với máy chủ — offset conflict ({what}, {reason})",
                              status)
    if status == STATUS_CHECKSUM_MISMATCH:
        return ChecksumMismatch(
            f"mã sha256 không khớp ở máy chủ — sha256 mismatch on the server ({reason})", status)
    if status >= 500 or status in TRANSIENT_STATUSES:
        return TransientError(f"máy chủ tạm thời lỗi — server temporarily failing "
                              f"({what}, {reason})", status)
    if status in (401, 403):
        return PermanentError(f"máy chủ từ chối thông tin đăng nhập — the server refused "
                              f"the credentials ({what}, {reason})", status)
    if status == 413:
        return PermanentError(f"gói quá lớn đối với máy chủ — package too large for the "
                              f"server ({reason})", status)
    return PermanentError(f"máy chủ từ chối yêu cầu — the server rejected the request "
                          f"({what}, {reason})", status)


def _network_error(e: httpx.HTTPError, what: str) -> TransientError:
    if isinstance(e, httpx.TimeoutException):
        return TransientError(f"máy chủ không trả lời kịp — the server did not answer in time "
                              f"({what}, {type(e).__name__})")
    if isinstance(e, httpx.ConnectError):
        return TransientError(f"không kết nối được máy chủ — cannot reach the server "
                              f"({what}: {e})")
    return TransientError(f"mất kết nối — connection lost ({what}: {type(e).__name__} {e})")


class TusClient:
    """One endpoint (the creation URL), one connection pool; use as a context manager."""

    def __init__(self, endpoint: str, *, timeouts: Timeouts | None = None,
                 auth: httpx.Auth | None = None, headers: Mapping[str, str] | None = None,
                 ca_bundle: str | None = None,
                 transport: httpx.BaseTransport | None = None) -> None:
        endpoint = check_endpoint(endpoint)
        scheme = urlsplit(endpoint).scheme.lower()
        has_secret = auth is not None or any(k.lower() == "authorization" for k in headers or {})
        # Plain http is only for a server on this very machine (tests, a local relay):
        # the secret then never crosses a wire. Every other URL the client is sent
        # to must keep this origin, so the secret cannot leak to another host or to http.
        if scheme == "http" and has_secret and not _is_loopback(endpoint):
            raise ConfigError(f"{shown_url(endpoint)}: không gửi thông tin đăng nhập qua http "
                              "không mã hóa — credentials are never sent over plain http; use "
                              "https")
        self.endpoint = endpoint
        self.origin = origin(endpoint)
        self.timeouts = timeouts or Timeouts()
        # TLS verification is always on; a province's own CA can be added.
        verify: ssl.SSLContext | bool = True
        if ca_bundle:
            try:
                verify = ssl.create_default_context(cafile=ca_bundle)
            except (OSError, ssl.SSLError) as e:
                raise ConfigError(f"{ca_bundle}: không đọc được chứng chỉ CA — cannot read the "
                                  f"CA bundle ({e})") from e
        base_headers = {"Tus-Resumable": TUS_VERSION, "User-Agent": "Sohoa-upload/1"}
        base_headers.update(headers or {})
        if transport is None:
            # A bounded send buffer bounds what a cut connection can swallow: the
            # kernel would otherwise accept megabytes that a slow link then loses.
            transport = httpx.HTTPTransport(verify=verify, socket_options=[
                (socket.SOL_SOCKET, socket.SO_SNDBUF, SEND_BUFFER)])
        self._http = httpx.Client(timeout=self.timeouts.httpx(), verify=verify, auth=auth,
                                  headers=base_headers, follow_redirects=False,
                                  transport=transport)

    def __enter__(self) -> TusClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def check_url(self, url: str, what: str) -> str:
        """``url`` if it has the endpoint's scheme, host and port; else the job fails here.

        Nothing is sent to a URL that fails this check: not the token, not a byte
        of the package.
        """
        try:
            foreign = origin(url) != self.origin
        except ValueError:
            foreign = True
        if foreign or has_credentials(url):
            raise PermanentError(
                f"máy chủ chỉ sang địa chỉ khác ({shown_url(url)}) thay vì "
                f"{shown_url(self.endpoint)}; không gửi gì tới đó — the server pointed to "
                f"another address ({what}: {shown_url(url)}, not the endpoint's scheme, host "
                "and port); nothing was sent there")
        return url

    def _request(self, method: str, url: str, what: str, *,
                 headers: Mapping[str, str] | None = None,
                 content: Iterable[bytes] | bytes | None = None) -> httpx.Response:
        url = self.check_url(url, what)
        for _ in range(MAX_REDIRECTS + 1):
            try:
                response = self._http.request(method, url, headers=headers, content=content)
            except httpx.HTTPError as e:
                raise _network_error(e, what) from e
            target = response.headers.get("Location", "")
            if response.status_code not in _REDIRECTS or not target:
                return response
            url = self.check_url(urljoin(url, target), f"{what} redirect")
            # A body already streamed cannot be sent again, and a 301/302/303 would
            # change the method: both mean a server set up wrongly for tus.
            if content is not None or response.status_code not in _KEPT_METHOD_REDIRECTS:
                raise PermanentError(
                    f"máy chủ chuyển hướng yêu cầu tải lên — the server redirected the "
                    f"upload request ({what}, HTTP {response.status_code} to "
                    f"{shown_url(url)}); set the endpoint to the final address",
                    response.status_code)
        raise PermanentError(f"máy chủ chuyển hướng quá nhiều lần — too many redirects "
                             f"({what})")

    def options(self) -> ServerInfo:
        response = self._request("OPTIONS", self.endpoint, "OPTIONS")
        if response.status_code not in (200, 204):
            raise classify(response, "OPTIONS")
        def split(name: str) -> tuple[str, ...]:
            raw = response.headers.get(name, "")
            return tuple(v.strip() for v in raw.split(",") if v.strip())

        max_size = response.headers.get("Tus-Max-Size")
        return ServerInfo(split("Tus-Version"), split("Tus-Extension"),
                          int(max_size) if max_size and max_size.isdigit() else None)

    def create(self, length: int, metadata: Mapping[str, str]) -> str:
        """POST: a new upload of ``length`` bytes; returns its absolute URL."""
        headers = {"Upload-Length": str(length), "Upload-Metadata": encode_metadata(metadata)}
        response = self._request("POST", self.endpoint, "POST", headers=headers)
        if response.status_code != 201:
            error = classify(response, "POST")
            # A 404 on creation means a wrong endpoint, not a lost upload.
            if isinstance(error, UploadGone | OffsetConflict):
                raise PermanentError(f"địa chỉ máy chủ không nhận tải lên — the endpoint does "
                                     f"not accept uploads ({_reason(response)})",
                                     response.status_code)
            raise error
        location = response.headers.get("Location")
        if not location:
            raise PermanentError("máy chủ không trả địa chỉ tải lên — the server sent no "
                                 "Location for the new upload", response.status_code)
        return self.check_url(str(urljoin(self.endpoint, location)), "Location")

    def head(self, url: str) -> UploadStatus:
        response = self._request("HEAD", url, "HEAD", headers={"Cache-Control": "no-store"})
        if response.status_code not in (200, 204):
            raise classify(response, "HEAD")
        return UploadStatus(self._offset(response, "HEAD"), self._length(response))

    def patch(self, url: str, offset: int, length: int, body: Iterable[bytes]) -> int:
        """Send ``length`` bytes from ``offset``; returns the offset the server confirms."""
        headers = {"Upload-Offset": str(offset), "Content-Type": OFFSET_CONTENT_TYPE,
                   "Content-Length": str(length)}
        response = self._request("PATCH", url, "PATCH", headers=headers, content=body)
        if response.status_code not in (200, 204):
            raise classify(response, "PATCH")
        confirmed = self._offset(response, "PATCH")
        if confirmed < offset:
            raise TransientError(f"máy chủ lùi vị trí tải — the server's offset went back "
                                 f"({confirmed} < {offset})")
        return confirmed

    def terminate(self, url: str) -> bool:
        """DELETE the upload where the server supports termination; True if it is gone."""
        response = self._request("DELETE", url, "DELETE")
        if response.status_code in (204, 200, 404, 410):
            return True
        error = classify(response, "DELETE")
        if isinstance(error, TransientError):
            raise error
        return False  # termination not supported (e.g. 405): leave it to expire

    @staticmethod
    def _offset(response: httpx.Response, what: str) -> int:
        value = response.headers.get("Upload-Offset", "")
        if not value.isdigit():
            raise TransientError(f"máy chủ không trả Upload-Offset — the server sent no valid "
                                 f"Upload-Offset ({what}, HTTP {response.status_code})")
        return int(value)

    @staticmethod
    def _length(response: httpx.Response) -> int | None:
        value = response.headers.get("Upload-Length", "")
        return int(value) if value.isdigit() else None
