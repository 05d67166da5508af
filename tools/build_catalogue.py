"""Build ``resources/catalogue/procedures.json`` from the national procedure data.

Usage: ``python tools/build_catalogue.py [procedures-commune.json]`` (default: the
shared data folder next to the repository). The component split of the source is
noisy; this keeps rows that name a document and cuts each to a short name.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO.parent / "shared" / "data" / "procedures-commune.json"
TARGET = REPO / "resources" / "catalogue" / "procedures.json"

# A component row names a document when it starts with one of these words;
# rows starting "Trường hợp", "Đối với", "Người …" are conditions or notes.
_DOCUMENT_WORDS = (
    "tờ khai", "giấy", "bản", "văn bản", "đơn", "phiếu", "hộ chiếu", "sổ", "biên bản",
    "hợp đồng", "di chúc", "dự thảo", "quyết định", "trích lục", "chứng từ", "hóa đơn",
    "hoá đơn", "thẻ", "mẫu", "báo cáo", "danh sách", "bảng", "sơ đồ", "hồ sơ", "thông báo",
    "đề nghị", "chứng chỉ", "chứng nhận", "tài liệu", "phương án", "kế hoạch", "bản sao",
    "căn cước", "tờ trình", "công văn", "giấy tờ", "dự án", "thuyết minh", "báo cáo",
)
# Rows that start like a document but are instructions about documents.
_NOTES = ("bản chụp các giấy tờ", "giấy tờ do cơ quan có thẩm quyền của nước ngoài", "hồ sơ gồm")
_LEADING_JUNK = re.compile(r"^[\s+*\-–•.;:)(]*(?:\(?[0-9ivxa-hđ]{1,4}[.)]\s*)?[\s+*\-–•]*", re.I)
_CUT = re.compile(
    r"\s*(?:\(|;|\. |:|, trường hợp|; trường hợp| theo mẫu| theo quy định| ban hành kèm| đối với"
    r"| trong trường hợp| hoặc giấy tờ| nếu )",
    re.I,
)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def short_name(text: str) -> str | None:
    """The document named by a component row, or None when the row is not a document."""
    text = _nfc(" ".join(text.split()))
    text = _LEADING_JUNK.sub("", text).strip()
    low = text.lower()
    if not any(low.startswith(word) for word in _DOCUMENT_WORDS):
        return None
    if any(low.startswith(note) for note in _NOTES):
        return None
    cut = _CUT.search(text, 8)
    name = text[: cut.start()] if cut else text
    name = name.strip(" .;,:")
    if len(name) > 120:
        name = name[:120].rsplit(" ", 1)[0] + "…"
    return name[0].upper() + name[1:] if name else None


def clean_procedure(raw: dict[str, Any]) -> dict[str, Any]:
    components: list[dict[str, Any]] = []
    seen: set[str] = set()
    for row in raw.get("components", []):
        if not isinstance(row, dict):
            continue
        name = short_name(str(row.get("text", "")))
        if name is None or name.lower() in seen:
            continue
        seen.add(name.lower())
        section = _nfc(str(row.get("section", "")))
        components.append({
            "name": name,
            "section": section,
            "kind": _nfc(str(row.get("kind", ""))),
            "copies": int(row.get("copies") or 0),
        })
    return {
        "code": str(raw["code"]),
        "name": _nfc(str(raw["name"])).strip(),
        "field": _nfc(str(raw.get("field", ""))).strip(),
        "result_name": _nfc(str(raw.get("result_name") or "")).strip(),
        "result_code": str(raw.get("result_code") or ""),
        "decision": str(raw.get("decision") or ""),
        "components": components,
    }


def build(source: Path, target: Path) -> int:
    data = json.loads(source.read_text(encoding="utf-8"))
    procedures = sorted((clean_procedure(p) for p in data), key=lambda p: p["code"])
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    tmp.write_text(
        json.dumps({"source": source.name, "procedures": procedures},
                   ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8",
    )
    tmp.replace(target)
    return len(procedures)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=TARGET)
    args = parser.parse_args(argv)
    count = build(args.source, args.out)
    print(f"{count} procedures written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
