"""Exit codes of the ``sohoa`` command (part of the stable CLI contract); defined in
:mod:`failures` so that stages can name them without depending on the command line."""

from __future__ import annotations

from failures import ExitCode

__all__ = ["ExitCode"]
