"""``sohoa upload``: queue packages in the outbox, then send everything queued (tus)."""

from __future__ import annotations

import argparse
import sys
import time

from cli.common import CLERK_ROLES, open_workspace, report_failure
from cli.exitcodes import ExitCode
from dossier import queries

HELP = """\
Adds each PACKAGE to the workspace outbox (a package already queued or sent is
not queued again; it is copied into the workspace first), then sends every
queued package to the tus endpoint, resuming partial uploads where the server
left them.

The run is bounded: it stops when the outbox is empty, when each remaining
package has failed --retries attempts in a row (waiting with exponential
backoff between attempts; progress resets the count), when --max-time seconds
have passed, or when the sending window closes. Packages left are sent by the
next run.

Exit codes: 0 the outbox is empty; 3 items remain (link down, time or window
ran out); 1 a package could not be read or was refused for good; 2 settings
are missing (no endpoint, bad credentials setup).

Settings (upload.*): endpoint, rate_limit_kbps, window, ca_bundle,
timeout_seconds, retries, backoff_seconds, auth (none|bearer|basic), username,
credentials_file. The secret comes from $SOHOA_UPLOAD_SECRET, the OS keyring,
or a 0600 file outside the workspace; it is never stored in the workspace.
"""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "upload", help="queue packages and send the outbox (resumable)", description=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("packages", nargs="*", metavar="PACKAGE", help="package files to queue")
    parser.add_argument("--endpoint", metavar="URL",
                        help="tus creation URL (default: the upload.endpoint setting)")
    parser.add_argument("--max-time", type=float, metavar="SECONDS", default=None,
                        help="stop this run after SECONDS (default: no time limit; the run "
                             "still ends after --retries failures in a row per package)")
    parser.add_argument("--retries", type=int, metavar="N", default=None,
                        help="failed attempts in a row before this run gives up a package "
                             "(default: upload.retries or 6)")
    parser.add_argument("--rate-limit", type=float, metavar="KBPS", default=None,
                        help="cap the sending rate in kbit/s (default: upload.rate_limit_kbps)")
    parser.add_argument("--window", metavar="HH:MM-HH:MM", default=None,
                        help="send only within this local time window, e.g. 17:30-07:00")
    parser.add_argument("--timeout", type=float, metavar="SECONDS", default=None,
                        help="read/write timeout per request (default 60)")
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    parser.set_defaults(func=run)


class _Printer:
    """Progress on stderr: a live line on a terminal, a line every few seconds otherwise."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.tty = sys.stderr.isatty()
        self._last = 0.0

    def __call__(self, event: object) -> None:
        from upload import EventKind, UploadEvent

        if self.quiet or not isinstance(event, UploadEvent):
            return
        if event.kind == EventKind.SENDING:
            now = time.monotonic()
            if not self.tty and now - self._last < 5:
                return
            self._last = now
            eta = f", còn ~{event.eta_seconds:.0f} s left" if event.eta_seconds else ""
            line = (f"{event.filename}: {event.sent / 1e6:.1f}/{event.total / 1e6:.1f} MB, "
                    f"{event.rate / 1e3:.0f} kB/s{eta}")
            print(("\r" + line.ljust(78)) if self.tty else line, end="" if self.tty else "\n",
                  file=sys.stderr, flush=True)
        elif event.kind in (EventKind.RETRY_WAIT, EventKind.FAILED):
            print(("\n" if self.tty else "") + f"{event.filename}: {event.message}",
                  file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    from upload import (
        AddOutcome,
        PackageError,
        Uploader,
        load_credentials,
        load_options,
        queue_package,
    )

    bad = False
    with open_workspace(args, CLERK_ROLES, action="upload") as ws:
        for path in args.packages:
            try:
                queued = queue_package(ws, path)
            except PackageError as e:
                report_failure(str(path), str(e).split(": ", 1)[-1])
                bad = True
                continue
            job = queued.job
            if queued.outcome == AddOutcome.ALREADY:
                report_failure(str(path),
                               f"đã có trong hàng đợi ({job.state}) — already in the outbox")
            else:
                report_failure(str(path), "đã xếp hàng — queued")
        if not queries.outbox_pending(ws):
            return ExitCode.SOME_FAILED if bad else ExitCode.OK
        options = load_options(ws, endpoint=args.endpoint, rate_limit_kbps=args.rate_limit,
                               window=args.window, max_time=args.max_time,
                               retries=args.retries, timeout_seconds=args.timeout)
        credentials = load_credentials(ws, options.endpoint)
        printer = _Printer(args.quiet)
        result = Uploader(ws, options, credentials=credentials, on_event=printer).run()
        if printer.tty and not args.quiet:
            print(file=sys.stderr)
        for job_id in result.done:
            print(f"đã gửi — sent: {queries.outbox_job(ws, job_id).filename}")
        for job_id in result.failed:
            job = queries.outbox_job(ws, job_id)
            report_failure(job.filename, job.last_error or "")
        if result.remaining:
            print(f"còn {result.remaining} gói chưa gửi: {result.stop_reason.message()} — "
                  f"{result.remaining} package(s) remain", file=sys.stderr)
            return ExitCode.ITEMS_REMAIN
        return ExitCode.SOME_FAILED if bad or result.failed else ExitCode.OK
