"""Every command of the stable command-line contract is there and documented."""

from __future__ import annotations

import pytest

from cli.main import build_parser, main

COMMANDS = ["import", "check", "dossiers", "search", "ocr", "tag", "pack", "verify", "upload",
            "outbox", "scan", "watch", "cover-sheet", "purge", "subject"]


@pytest.mark.parametrize("command", COMMANDS)
def test_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    assert f"sohoa {command}" in capsys.readouterr().out


def test_global_workspace_option_comes_before_the_command() -> None:
    args = build_parser().parse_args(["--workspace", "W", "check", "--json"])
    assert str(args.workspace) == "W" and args.command == "check" and args.json
