"""``sohoa watch``: import each file dropped into a folder, once, until stopped."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path
from types import FrameType

from cli.common import CLERK_ROLES, open_workspace, printable, report_failure
from cli.exitcodes import ExitCode
from dossier.watching import FolderWatcher, WatchEvent, WatchEventKind


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "watch", help="import each new file dropped into a folder, once, until stopped",
        description="Watch FOLDER (scan-to-folder) and import each new file once it is fully "
        "written; files already imported are never imported again, also after a restart. "
        "Runs until Ctrl+C or SIGTERM.",
    )
    parser.add_argument("folder", type=Path, metavar="FOLDER")
    parser.add_argument("--no-process", action="store_true",
                        help="only import; do not run OCR and assembly")
    parser.add_argument("--interval", type=float, default=1.0,
                        help="seconds between looks at the folder (default 1)")
    parser.add_argument("--jobs", type=int, default=None,
                        help="OCR worker processes (default: one per core)")
    parser.add_argument("--blank-separates", action="store_true",
                        help="a blank sheet also separates dossiers")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    stop = threading.Event()

    def request_stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGINT, signal.SIGTERM)}

    def show(event: WatchEvent) -> None:
        if event.kind == WatchEventKind.REJECTED:
            report_failure(event.path, event.reason or "")
        elif event.kind == WatchEventKind.IMPORTED:
            print(f"{printable(event.path)}\t{event.batch_id}", flush=True)
        elif event.kind == WatchEventKind.DUPLICATE:
            report_failure(event.path, event.reason or "")

    try:
        with open_workspace(args, CLERK_ROLES, action="watch") as ws:
            watcher = FolderWatcher(ws, args.folder, process=not args.no_process,
                                    jobs=args.jobs, interval=args.interval,
                                    blank_separates=args.blank_separates, on_event=show)
            print(f"đang theo dõi {watcher.folder} — watching (Ctrl+C to stop)",
                  file=sys.stderr, flush=True)
            watcher.run(stop)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    print("đã dừng theo dõi — stopped", file=sys.stderr, flush=True)
    return ExitCode.OK
