"""``sohoa outbox``: list the outbox (state, bytes sent, attempts, last error), or export it."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path

from cli.common import open_workspace
from cli.exitcodes import ExitCode
from dossier import queries
from dossier.session import Workspace
from storage.model import OutboxJob


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "outbox", help="list the upload outbox",
        description="Lists the outbox: state, bytes confirmed by the server, bytes put on the "
                    "wire, attempts and the last error. With --export DIR, seals every "
                    "package still waiting into DIR (e.g. a USB drive) with a manifest and "
                    "marks them exported: encrypted (age) to the province's public key "
                    "(setting export.recipients), else with a passphrase "
                    "($SOHOA_EXPORT_PASSPHRASE or asked); plain copies only when the setting "
                    "export.unencrypted is 'allow'.")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--export", type=Path, metavar="DIR", default=None,
                        help="seal the waiting packages and a manifest into DIR (sneaker-net)")
    parser.set_defaults(func=run)


def _manifest_version(ws: object, job: OutboxJob) -> int | None:
    """A package queued from outside the workspace: the version its manifest states."""
    import zipfile

    from dossier.session import BlobMissing

    try:
        with ws.blobs.open(job.package_sha256) as blob, zipfile.ZipFile(blob) as archive:  # type: ignore[attr-defined]
            name = next((n for n in archive.namelist() if n.endswith("/manifest.json")), None)
            if name is None or archive.getinfo(name).file_size > 1 << 20:
                return None
            value = json.loads(archive.read(name)).get("dossier", {}).get("version")
    except (OSError, zipfile.BadZipFile, ValueError, AttributeError, BlobMissing):
        return None
    return value if isinstance(value, int) else None


def _passphrase(ws: Workspace) -> str | None:
    """$SOHOA_EXPORT_PASSPHRASE, else asked twice on a terminal when the export needs one."""
    from upload.export import PASSPHRASE_ENV, needs_passphrase

    given = os.environ.get(PASSPHRASE_ENV)
    if given or not needs_passphrase(ws) or not sys.stdin.isatty():
        return given
    first = getpass.getpass("Mật khẩu xuất / export passphrase: ")
    if getpass.getpass("Nhập lại / again: ") != first:
        print("hai mật khẩu khác nhau — the passphrases differ", file=sys.stderr)
        return None
    return first


def run(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        if args.export is not None:
            from upload import export_pending
            from upload.export import Sealing

            result = export_pending(ws, args.export, passphrase=_passphrase(ws))
            for package in result.packages:
                print(f"{args.export / package.file}")
            sealed = {
                Sealing.RECIPIENTS: "mã hóa bằng khóa của tỉnh — sealed to the province's key",
                Sealing.PASSPHRASE: "mã hóa bằng mật khẩu — sealed with the passphrase",
                Sealing.NONE: "KHÔNG mã hóa (theo cài đặt export.unencrypted) — NOT encrypted "
                              "(export.unencrypted is set)",
            }[result.sealing]
            print(f"đã xuất {len(result.packages)} gói, {sealed}; danh mục "
                  f"{result.manifest.name} — exported {len(result.packages)} package(s)")
        jobs = queries.outbox_jobs(ws)
        if args.json:
            print(json.dumps([{
                "package": j.filename, "dossier": j.dossier_code, "dossier_id": j.dossier_id,
                "version": j.version if j.version is not None else _manifest_version(ws, j),
                "id": j.id, "filename": j.filename, "sha256": j.package_sha256,
                "state": str(j.state), "size": j.size, "offset": j.offset,
                "bytes_sent": j.bytes_sent, "attempts": j.attempts,
                "last_error": j.last_error, "next_attempt_at": j.next_attempt_at,
                "upload_url": j.upload_url, "exported_to": j.exported_to,
                "metadata": dict(j.metadata),
            } for j in jobs], ensure_ascii=False, indent=2))
            return ExitCode.OK
        if not jobs:
            print("hàng đợi trống — the outbox is empty")
            return ExitCode.OK
        print(f"{'ID':>4}  {'STATE':<9}  {'CONFIRMED':>19}  {'SENT':>10}  {'TRIES':>5}  "
              f"{'VER':>3}  FILE")
        for j in jobs:
            confirmed = f"{j.offset}/{j.size}"
            version = f"v{j.version}" if j.version else "-"
            print(f"{j.id:>4}  {j.state:<9}  {confirmed:>19}  {j.bytes_sent:>10}  "
                  f"{j.attempts:>5}  {version:>3}  {j.filename}")
            if j.last_error and j.state != "done":
                print(f"      {j.last_error}")
        return ExitCode.OK
