"""Link helpers without a network: windows, backoff, control, metadata header, settings."""

from __future__ import annotations

import base64
import datetime as dt
import random
import threading
from pathlib import Path

import pytest
from conftest import make_package

import upload
from tests.workspaces import open_workspace
from upload import ConfigError, SendingWindow, TransferControl, backoff_delay
from upload.metadata import read_package_fields
from upload.tus import TusClient, decode_metadata, encode_metadata


def test_sending_window_over_midnight() -> None:
    window = SendingWindow.parse("17:30-07:00")
    day = dt.datetime(2025, 11, 3)
    assert window.is_open(day.replace(hour=18))
    assert window.is_open(day.replace(hour=6, minute=59))
    assert not window.is_open(day.replace(hour=12))
    assert window.seconds_until_open(day.replace(hour=17)) == 30 * 60
    assert window.seconds_until_open(day.replace(hour=20)) == 0
    assert str(window) == "17:30-07:00"
    with pytest.raises(ConfigError, match="HH:MM"):
        SendingWindow.parse("after work")
    with pytest.raises(ConfigError):
        SendingWindow.parse("25:00-07:00")


def test_backoff_grows_with_jitter_and_is_capped() -> None:
    rng = random.Random(1)
    delays = [backoff_delay(n, 2.0, 60.0, rng) for n in range(1, 10)]
    assert 1.0 <= delays[0] <= 2.0
    assert 8.0 <= delays[3] <= 16.0
    assert all(30.0 <= d <= 60.0 for d in delays[6:])
    assert len({round(d, 6) for d in delays}) == len(delays)  # jittered


def test_control_wakes_sleepers_without_polling() -> None:
    control = TransferControl()
    woke: list[bool] = []
    thread = threading.Thread(target=lambda: woke.append(control.sleep(60)))
    thread.start()
    control.stop()
    thread.join(timeout=5)
    assert woke == [False] and control.stopped
    control = TransferControl()
    control.pause()
    assert control.wait_while_paused(timeout=0.01) is False
    control.resume()
    assert control.wait_while_paused(timeout=0.01) is True


def test_metadata_header_is_base64_and_never_empty() -> None:
    header = encode_metadata({"filename": "Hồ sơ.zip", "sha256": "ab" * 32, "dossier_code": ""})
    assert "dossier_code" not in header
    assert decode_metadata(header) == {"filename": "Hồ sơ.zip", "sha256": "ab" * 32}
    name = header.split(",")[0].split(" ")[1]
    assert base64.b64decode(name).decode() == "Hồ sơ.zip"
    with pytest.raises(ConfigError):
        encode_metadata({"filename": ""})
    with pytest.raises(ConfigError):
        encode_metadata({"bad key": "x"})


def test_package_fields_are_read_from_bag_info(tmp_path: Path) -> None:
    package = make_package(tmp_path / "p.zip", 1000, seed=3, dossier="000.00.06.H56-231027-0361")
    fields = read_package_fields(package)
    assert fields["dossier_code"] == "000.00.06.H56-231027-0361"
    assert fields["procedure_code"] == "1.001193"


def test_settings_and_refusals(tmp_path: Path) -> None:
    with open_workspace(tmp_path / "ws") as ws:
        with pytest.raises(ConfigError, match="endpoint"):
            upload.load_options(ws)
        ws.set_setting("upload.endpoint", "https://tinh.example.vn/files")
        ws.set_setting("upload.rate_limit_kbps", "256")
        ws.set_setting("upload.window", "17:30-07:00")
        options = upload.load_options(ws, max_time=60)
        assert options.rate_limit == 32000 and options.window is not None
        assert options.max_time == 60
        ws.set_setting("upload.rate_limit_kbps", "fast")
        with pytest.raises(ConfigError, match="number"):
            upload.load_options(ws)
    # Credentials never travel over plain http to another machine.
    with pytest.raises(ConfigError, match="https"):
        TusClient("http://tinh.example.vn/files", headers={"Authorization": "Bearer x"})
    with pytest.raises(ConfigError, match="CA"):
        TusClient("https://tinh.example.vn/files", ca_bundle=str(tmp_path / "none.pem"))
