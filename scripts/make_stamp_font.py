"""Make records/fonts/DejaVuSans-stamp.ttf: DejaVu Sans cut to the stamp's characters
(Vietnamese and Latin letters, digits, punctuation), shipped so that no signing process
has to cut it. Run again when STAMP_CHARACTERS or the cut changes:

    python scripts/make_stamp_font.py [/path/to/DejaVuSans.ttf]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from records.signing import SHIPPED_STAMP_FONT, STAMP_FONTS, _cut_font


def main() -> int:
    source = Path(sys.argv[1] if len(sys.argv) > 1 else STAMP_FONTS[0])
    if source.name != "DejaVuSans.ttf":
        print(f"{source}: not DejaVu Sans", file=sys.stderr)
        return 1
    SHIPPED_STAMP_FONT.parent.mkdir(parents=True, exist_ok=True)
    SHIPPED_STAMP_FONT.write_bytes(_cut_font(source))
    print(f"{SHIPPED_STAMP_FONT}: {SHIPPED_STAMP_FONT.stat().st_size} bytes from {source}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
