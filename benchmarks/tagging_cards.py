"""How well the identity-card copies of the casework set are read, card by card.

Each card sheet of the chosen split is rendered, recognised by the OCR stage (with
the second look at the cards cut out of it; OCR cached as in tagging_accuracy.py),
tagged as a one-page dossier, and its ID number, name and birth date compared with
the truth, per kind of card. ``-v`` prints each miss with its text: use it on the
tuning split only (the held-out split is for scoring).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.tagging_accuracy import _init_worker, _ocr_cached  # noqa: E402
from tagging import Catalogue, PageText, tag_dossier  # noqa: E402


def _cards(split: str, first: int, count: int, seed: int | None) -> list[tuple[int, int]]:
    """(dossier index, page number) of the first ``count`` card sheets of ``split``."""
    from synth.casework import make_case, split_of

    out: list[tuple[int, int]] = []
    index = first
    while len(out) < count:
        if split_of(index, seed) == split:
            for n, page in enumerate(make_case(index, seed).pages):
                if page.card is not None:
                    out.append((index, n))
        index += 1
    return out[:count]


def _read(job: tuple[int, int, int | None]) -> tuple[str, list[str]]:
    from dossier.cards import reread_cards
    from synth.casework import make_case, render_case_page
    from tagging import decode_codes, wants_codes

    index, n, seed = job
    page = make_case(index, seed).pages[n]
    data = render_case_page(index, n, page, seed)
    text = reread_cards(data, _ocr_cached(data), _ocr_cached)
    return text, list(decode_codes(data)) if wants_codes(text) else []


def main(argv: Sequence[str] | None = None) -> int:
    from synth.casework import make_case

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("heldout", "tune"), default="tune")
    parser.add_argument("--cards", type=int, default=40)
    parser.add_argument("--first", type=int, default=0, help="first dossier index")
    parser.add_argument("--seed", type=int, default=None,
                        help="another generation of the set (default: the standard one)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    catalogue = Catalogue.load()
    jobs = [(i, n, args.seed) for i, n in _cards(args.split, args.first, args.cards, args.seed)]
    totals: Counter[str] = Counter()
    right: Counter[str] = Counter()
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=args.jobs, initializer=_init_worker) as pool:
        for (index, n, seed), (text, codes) in zip(jobs, pool.map(_read, jobs), strict=True):
            plan = make_case(index, seed).pages[n].card
            assert plan is not None
            tag = tag_dossier([PageText("card.jpg", text, tuple(codes))], catalogue)
            docs = tag.documents
            ids = {x for d in docs for x in d.fields.id_numbers}
            names = {x for d in docs for x in d.fields.full_names}
            dates = {x for d in docs for x in (*d.fields.dates, *d.fields.birth_dates)}
            typed = any(d.type is not None and d.type.key == "can_cuoc" for d in docs)
            birth = plan.person.birth_date.strftime("%d/%m/%Y")
            kind = plan.kind.value
            checks = {"type": typed, "id": plan.number in ids,
                      "name": plan.person.full_name in names, "birth": birth in dates}
            for what, ok in checks.items():
                totals[what] += 1
                totals[f"{kind}:{what}"] += 1
                right[what] += ok
                right[f"{kind}:{what}"] += ok
            if args.verbose and not all(checks.values()):
                print(f"card {index}/{n} {kind} {plan.dpi} dpi: "
                      f"{[k for k, v in checks.items() if not v]} want {plan.number} "
                      f"{plan.person.full_name!r} {birth}; got {sorted(ids)} {sorted(names)} "
                      f"{sorted(dates)} qr={bool(codes)}")
                print("    | " + text.replace("\n", "\n    | "))

    def pct(key: str) -> str:
        return f"{100.0 * right[key] / totals[key]:5.1f}%" if totals[key] else "   - "

    print(f"[cards, casework {args.split}{'' if args.seed is None else f', seed {args.seed}'}]"
          f" {len(jobs)} card sheets")
    for what, target in (("type", "≥ 95%"), ("id", "≥ 98%"), ("name", "≥ 90%"),
                         ("birth", "≥ 95%")):
        print(f"  {what:6} {pct(what)}  (target {target})  " + "  ".join(
            f"{kind} {pct(f'{kind}:{what}')}"
            for kind in ("chip", "identity", "barcode", "old", "passport")))
    print(f"({time.perf_counter() - started:.0f} s including rendering and OCR)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
