"""Exit codes of the ``sohoa`` command (part of the stable CLI contract)."""

from __future__ import annotations

import enum


class ExitCode(enum.IntEnum):
    OK = 0
    SOME_FAILED = 1  # some items failed; the rest were done
    USAGE = 2  # argparse's own code for bad arguments
    ITEMS_REMAIN = 3  # upload: the outbox is not empty
    WORKSPACE = 4  # the workspace could not be opened or written
    FAILED = 5  # the operation failed as a whole
    INTERRUPTED = 130
