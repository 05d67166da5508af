"""A page whose orientation the signs do not settle is kept as it came and flagged."""

from __future__ import annotations

import numpy as np

from ocr.engine import RawWord
from ocr.geometry import Pose
from ocr.orientation import choose_rotation


def _words(conf: float, across: bool = True, n: int = 6) -> list[RawWord]:
    box = (0, 0, 60, 12) if across else (0, 0, 12, 60)
    return [RawWord("chứng", box, conf, (1, 1, i)) for i in range(n)]


def _decide(pose_rotation: int, sample_conf: dict[int, float], full_conf: float,
            osd: tuple[int, float] | None = None):  # type: ignore[no-untyped-def]
    ink = np.zeros((600, 600), dtype=bool)
    ink[100:500, 100:500] = True
    seen: list[int] = []

    def oriented(mask, rotation, skew):  # type: ignore[no-untyped-def]
        seen.append(rotation)
        return mask

    def read(mask):  # type: ignore[no-untyped-def]
        return _words(sample_conf[seen[-1]])

    def read_full(rotation, skew):  # type: ignore[no-untyped-def]
        return _words(full_conf)

    return choose_rotation(ink, Pose(pose_rotation, 0.0, 1.0, 1.0), 0.0, read, read_full,
                           oriented, (lambda: osd) if osd is not None else None)


def test_weak_signs_of_a_turn_keep_the_page_and_flag_it() -> None:
    # The lines say sideways; neither reading is sure, and the turned one is not clearly
    # better: the page stays as it came, for a person to check.
    chosen = _decide(90, {0: 50.0, 90: 60.0, 270: 40.0}, 60.0)
    assert chosen.rotation == 0 and chosen.unsure


def test_strong_signs_turn_the_page_without_a_flag() -> None:
    chosen = _decide(90, {0: 30.0, 90: 88.0, 270: 20.0}, 88.0)
    assert chosen.rotation == 90 and not chosen.unsure


def test_a_sure_upright_reading_is_neither_turned_nor_flagged() -> None:
    chosen = _decide(90, {0: 90.0, 90: 95.0, 270: 20.0}, 90.0)
    assert chosen.rotation == 0 and not chosen.unsure
    upright = _decide(0, {0: 90.0, 180: 20.0}, 90.0, osd=(180, 9.0))
    assert upright.rotation == 0 and not upright.unsure


def test_a_detector_that_disagrees_with_weak_samples_flags_the_page() -> None:
    chosen = _decide(0, {0: 55.0, 180: 60.0}, 55.0, osd=(180, 5.0))
    assert chosen.rotation == 0 and chosen.unsure



def test_a_fair_upright_reading_is_not_flagged() -> None:
    # A narrow receipt fools the line estimate; its upright reading is fair: upright, quietly.
    chosen = _decide(90, {0: 65.0, 90: 70.0, 270: 30.0}, 65.0)
    assert chosen.rotation == 0 and not chosen.unsure
    leaning_up = _decide(0, {0: 62.0, 180: 45.0}, 62.0, osd=(180, 5.0))
    assert leaning_up.rotation == 0 and not leaning_up.unsure
