"""``sohoa outbox``: list the outbox (state, bytes sent, attempts, last error), or export it."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from cli.common import open_workspace
from cli.exitcodes import ExitCode
from storage import outbox


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "outbox", help="list the upload outbox",
        description="Lists the outbox: state, bytes confirmed by the server, bytes put on the "
                    "wire, attempts and the last error. With --export DIR, copies every "
                    "package still waiting to DIR (e.g. a USB drive) with a manifest and marks "
                    "them exported.")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--export", type=Path, metavar="DIR", default=None,
                        help="copy the waiting packages and a manifest to DIR (sneaker-net)")
    parser.set_defaults(func=run)


def _manifest_version(ws: object, job: outbox.OutboxJob) -> int | None:
    """A package queued from outside the workspace: the version its manifest states."""
    import zipfile

    try:
        with zipfile.ZipFile(ws.blobs.path(job.package_sha256)) as archive:  # type: ignore[attr-defined]
            name = next((n for n in archive.namelist() if n.endswith("/manifest.json")), None)
            if name is None or archive.getinfo(name).file_size > 1 << 20:
                return None
            value = json.loads(archive.read(name)).get("dossier", {}).get("version")
    except (OSError, zipfile.BadZipFile, ValueError, AttributeError):
        return None
    return value if isinstance(value, int) else None


def run(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        if args.export is not None:
            from upload import export_pending

            result = export_pending(ws, args.export)
            for package in result.packages:
                print(f"{args.export / package.filename}")
            print(f"đã xuất {len(result.packages)} gói, danh mục {result.manifest.name} — "
                  f"exported {len(result.packages)} package(s)")
        jobs = outbox.list_jobs(ws)
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
