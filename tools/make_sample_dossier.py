"""Write the sample dossier shipped in ``resources/sample``: a complete, fictional
birth registration (declaration, birth certificate, mother's identity card); and in
``resources/sample_desk`` its result (the child's Giấy khai sinh, as scanned) and a
register of received dossiers in which it appears, so each screen has something in it.

Usage: ``python tools/make_sample_dossier.py [OUT_DIR [DESK_DIR]]``. Deterministic: the
same seed gives the same people and pages.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from synth import apply, render_lines  # noqa: E402
from synth.forms import make_dossier  # noqa: E402

SEED = 20240612
NAMES = {
    "to_khai_khai_sinh": "to-khai-khai-sinh",
    "giay_chung_sinh": "giay-chung-sinh",
    "can_cuoc": "can-cuoc",
}
DPI = 200


def sample_dossier(seed: int = SEED):  # type: ignore[no-untyped-def]
    """The first seeded birth dossier with exactly declaration, certificate and ID card."""
    rng = random.Random(seed)
    while True:
        dossier = make_dossier(rng, "1.001193")
        if dossier.type_keys == ("to_khai_khai_sinh", "giay_chung_sinh", "can_cuoc") and \
                sum(len(d.pages) for d in dossier.documents) <= 4:
            return dossier


def write(out: Path, seed: int = SEED) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    written: list[Path] = []
    n = 0
    for doc in sample_dossier(seed).documents:
        for part, page in enumerate(doc.pages, start=1):
            n += 1
            rendered = render_lines(list(page), font="times", dpi=DPI)
            image = apply(rendered.image, "clean", rng).convert("L")
            suffix = f"-{part}" if len(doc.pages) > 1 else ""
            path = out / f"{n:02d}-{NAMES[doc.type_key]}{suffix}.png"
            # A grey page with few shades keeps the PNG small and still reads well.
            image = image.point(lambda v: 255 if v > 200 else (0 if v < 60 else v))
            image.save(path, "PNG", optimize=True, dpi=(DPI, DPI))
            written.append(path)
    return written


#: The sample dossier's code as the one-stop system issued it (in the register, on the result).
SAMPLE_CODE = "000.00.12.H56-240830-0042"
# Who the bundled sample pages are about (read off them): the result is the child's.
SAMPLE_CHILD = "Nguyễn Ngọc Minh Khánh"
SAMPLE_APPLICANT = "Đỗ Thùy Tuyết"
SAMPLE_COMMUNE = "Quảng Phú"
RESULT_NAME = "ket-qua-giay-khai-sinh.png"
REGISTER_NAME = "so-tiep-nhan.csv"
# The dossiers the desk received in August and September 2024: (code, procedure, name,
# received, result issued, status). Fictional people.
_REGISTER = (
    ("000.00.12.H56-240805-0003", "1.000894", "Lê Minh Khoa", "05/08/2024 08:40",
     "07/08/2024", "Đã trả kết quả"),
    ("000.00.12.H56-240809-0011", "2.000815", "Trần Thị Hồng", "09/08/2024 14:05",
     "09/08/2024", "Đã trả kết quả"),
    ("000.00.12.H56-240815-0007", "1.004873", "Phạm Quốc Bảo", "15/08/2024 09:10",
     "19/08/2024", "Đã trả kết quả"),
    ("000.00.12.H56-240822-0019", "1.000656", "Võ Thị Lan", "22/08/2024 10:30", "",
     "Đang xử lý"),
    (SAMPLE_CODE, "1.001193", SAMPLE_APPLICANT, "30/08/2024 08:15", "03/09/2024",
     "Đã trả kết quả"),
    ("000.00.12.H56-240904-0005", "2.000884", "Ngô Thanh Sơn", "04/09/2024 13:45", "",
     "Đang xử lý"),
    ("000.00.12.H56-240910-0013", "1.004222", "Bùi Thị Mai", "10/09/2024 09:00", "",
     "Chưa trả kết quả"),
    ("000.00.12.H56-240918-0002", "1.001193", "Đặng Văn Tú", "18/09/2024 15:20",
     "20/09/2024", "Đã trả kết quả"),
)


def write_desk(out: Path, seed: int = SEED) -> list[Path]:
    """The sample dossier's result (scanned) and the desk's register."""
    import datetime as dt

    from synth.results import make_result

    out.mkdir(parents=True, exist_ok=True)
    result = make_result(random.Random(seed), "birth_certificate", "times", dpi=DPI,
                         commune=SAMPLE_COMMUNE, holder_name=SAMPLE_CHILD,
                         signed=dt.date(2024, 9, 3), mother_name=SAMPLE_APPLICANT,
                         born=dt.date(2024, 7, 18))
    image = apply(result.image, "noise_jpeg_300", random.Random(seed)).convert("L")
    image = image.point(lambda v: 255 if v > 200 else (0 if v < 60 else v))
    scan = out / RESULT_NAME
    image.save(scan, "PNG", optimize=True, dpi=(DPI, DPI))
    lines = ["Mã hồ sơ,Mã thủ tục,Chủ hồ sơ,Ngày tiếp nhận,Ngày trả kết quả,Trạng thái"]
    lines += [",".join(row) for row in _REGISTER]
    register = out / REGISTER_NAME
    register.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [scan, register]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=REPO / "resources" / "sample")
    parser.add_argument("desk", nargs="?", type=Path,
                        default=REPO / "resources" / "sample_desk")
    args = parser.parse_args(argv)
    for path in [*write(args.out), *write_desk(args.desk)]:
        print(f"{path.name}: {max(1, path.stat().st_size // 1024)} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
