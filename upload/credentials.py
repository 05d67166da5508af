"""Upload credentials: a bearer token or basic login, never stored in the workspace.

The secret comes from, in order: the SOHOA_UPLOAD_SECRET environment variable,
the OS keyring (service "sohoa-upload"), or a file named by the setting
``upload.credentials_file`` that lies outside the workspace and only its owner
can read (mode 0600). Settings hold only the kind and the user name.
"""

from __future__ import annotations

import enum
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import keyring
import keyring.errors

from storage import Workspace
from upload.errors import CredentialsError

KEYRING_SERVICE = "sohoa-upload"
SECRET_ENV = "SOHOA_UPLOAD_SECRET"


class AuthKind(enum.StrEnum):
    NONE = "none"
    BEARER = "bearer"
    BASIC = "basic"


@dataclass(frozen=True)
class Credentials:
    kind: AuthKind
    username: str | None
    secret: str = ""

    def __repr__(self) -> str:  # never print the secret
        return f"Credentials(kind={self.kind.value!r}, username={self.username!r})"

    def headers(self) -> dict[str, str]:
        if self.kind == AuthKind.BEARER:
            return {"Authorization": f"Bearer {self.secret}"}
        return {}

    def auth(self) -> httpx.Auth | None:
        if self.kind == AuthKind.BASIC:
            return httpx.BasicAuth(self.username or "", self.secret)
        return None


def keyring_account(endpoint: str, username: str | None) -> str:
    """The keyring entry: one per server and user, so two provinces never share one."""
    return f"{urlsplit(endpoint).netloc}:{username or 'token'}"


def keyring_available() -> bool:
    backend = keyring.get_keyring()
    return float(getattr(backend, "priority", 0)) > 0


def store_secret(endpoint: str, username: str | None, secret: str) -> None:
    """Put the secret in the OS keyring; fails when there is no keyring backend."""
    if not keyring_available():
        raise CredentialsError(
            "máy không có kho khóa của hệ điều hành; dùng biến môi trường "
            f"{SECRET_ENV} hoặc tệp quyền 0600 — no OS keyring here; use {SECRET_ENV} or a "
            "0600 file named in upload.credentials_file")
    try:
        keyring.set_password(KEYRING_SERVICE, keyring_account(endpoint, username), secret)
    except keyring.errors.KeyringError as e:
        raise CredentialsError(f"không lưu được mật khẩu vào kho khóa — cannot store the "
                               f"secret in the keyring ({e})") from e


def _from_keyring(endpoint: str, username: str | None) -> str | None:
    try:
        return keyring.get_password(KEYRING_SERVICE, keyring_account(endpoint, username))
    except keyring.errors.KeyringError:
        return None


def _from_file(path: Path, workspace_root: Path) -> str:
    path = path.expanduser()
    try:
        resolved = path.resolve()
        if resolved.is_relative_to(workspace_root.resolve()):
            raise CredentialsError(f"{path}: tệp mật khẩu không được nằm trong thư mục làm việc "
                                   "— the credentials file must not be inside the workspace")
        info = resolved.stat()
        if os.name != "nt" and info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise CredentialsError(f"{path}: tệp mật khẩu phải có quyền 0600 — the credentials "
                                   "file must be readable by its owner only (chmod 600)")
        return resolved.read_text("utf-8").splitlines()[0].strip() if info.st_size else ""
    except OSError as e:
        raise CredentialsError(f"{path}: không đọc được tệp mật khẩu — cannot read the "
                               f"credentials file ({e.strerror})") from e


def load_credentials(ws: Workspace, endpoint: str) -> Credentials:
    """Credentials for ``endpoint`` from the settings and the secret's safe place."""
    raw = (ws.get_setting("upload.auth") or AuthKind.NONE.value).strip().lower()
    try:
        kind = AuthKind(raw)
    except ValueError as e:
        raise CredentialsError(f"upload.auth={raw!r}: phải là none, bearer hoặc basic — must "
                               "be none, bearer or basic") from e
    if kind == AuthKind.NONE:
        return Credentials(kind, None)
    username = ws.get_setting("upload.username")
    if kind == AuthKind.BASIC and not username:
        raise CredentialsError("thiếu upload.username cho đăng nhập basic — upload.username is "
                               "needed for basic authentication")
    secret = os.environ.get(SECRET_ENV) or _from_keyring(endpoint, username)
    if not secret:
        file_setting = ws.get_setting("upload.credentials_file")
        if file_setting:
            secret = _from_file(Path(file_setting), ws.root)
    if not secret:
        raise CredentialsError(
            f"không tìm thấy mật khẩu tải lên cho {urlsplit(endpoint).netloc} — no upload secret "
            f"found (keyring, {SECRET_ENV}, or upload.credentials_file)")
    return Credentials(kind, username, secret)
