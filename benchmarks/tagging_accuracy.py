"""Accuracy of tagging on labelled synthetic commune dossiers.

Two sets: ``--set casework`` (default), the second generator's dossiers with copied
identity cards, multi-page contracts and the certification procedures, scored on
its held-out part unless ``--split tune``; ``--set forms``, the first generator's.
Renders each dossier's pages, spoils them, recognises them (OCR results cached
under benchmarks/out/ by image hash, so reruns are quick), tags them and prints
procedure, page document type, ID-number, name and birth-date figures with targets.
``--text`` skips rendering and OCR and tags the ground-truth text.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import random
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from synth.forms import SynthDossier, make_dossier  # noqa: E402
from tagging import Catalogue, DossierTag, PageText, tag_dossier  # noqa: E402

OUT = REPO / "benchmarks" / "out" / "tagging"
CONDITIONS = ("clean", "noise_jpeg_300", "noise_jpeg_200", "upside_down", "sideways", "skew4",
              "photocopy", "red_seal", "blue_signature")
FONTS = ("times", "dejavu", "arial")
# Cached texts of the real OCR stage; the old "ocr" folder held a plain-Tesseract stand-in.
OCR_CACHE = "ocr-stage"


def recognise_png(png: bytes) -> str:
    """OCR one page image with the project's OCR stage, in a worker with its page deadline."""
    import ocr

    for _, outcome in ocr.recognise_many([(0, png)], ocr.OcrSettings(), jobs=1):
        if isinstance(outcome, ocr.OcrError):
            raise outcome
        return outcome.text
    raise ocr.OcrError("no outcome")


def _ocr_cached(png: bytes) -> str:
    return _ocr_cached_or_timeout(png)[0]


def _ocr_cached_or_timeout(png: bytes) -> tuple[str, bool]:
    """(text, whether OCR timed out twice and the image counts as read as nothing)."""
    key = hashlib.sha256(png).hexdigest()
    path = OUT / OCR_CACHE / f"{key}.txt"
    if path.exists():
        return path.read_text(encoding="utf-8"), False
    import ocr

    try:
        text = recognise_png(png)
    except ocr.PageDeadlineError:
        print(f"  (OCR passed the page deadline on image {key[:12]}: read as nothing)",
              file=sys.stderr)
        return "", True
    except ocr.OcrTimeoutError:
        # A loaded machine can push one Tesseract run past its limit: try once more,
        # then count the page as read as nothing (not cached, so a rerun tries again).
        try:
            text = recognise_png(png)
        except ocr.OcrTimeoutError:
            print(f"  (OCR timed out twice on image {key[:12]}: read as nothing)",
                  file=sys.stderr)
            return "", True
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return text, False


def _synth_version() -> str:
    """Fingerprint of the generator: saved dossier texts are only valid for the same one."""
    digest = hashlib.sha256()
    for name in ("forms.py", "people.py", "render.py", "degrade.py", "idcards.py",
                 "contracts.py", "casework.py"):
        digest.update((REPO / "synth" / name).read_bytes())
    digest.update((REPO / "dossier" / "cards.py").read_bytes())  # the second look at cards
    return digest.hexdigest()[:12]


SYNTH_VERSION = _synth_version()


def _texts_path(seed: int, index: int, condition: str) -> Path:
    return OUT / OCR_CACHE / f"dossiers-{SYNTH_VERSION}" / f"{seed}-{index}-{condition}.json"


def _render_dossier(args: tuple[int, int, str]) -> list[str]:
    """Render, degrade and OCR the pages of dossier ``index`` (same seed → same pages)."""
    from synth import apply, render_lines

    seed, index, condition = args
    saved = _texts_path(seed, index, condition)
    if saved.exists():
        # Written after the pages were recognised; the synthetic set is deterministic.
        return list(json.loads(saved.read_text(encoding="utf-8")))
    dossier = dossier_for(seed, index)
    rng = random.Random(seed * 1000 + index)
    font = rng.choice(FONTS)
    texts: list[str] = []
    for doc in dossier.documents:
        for page in doc.pages:
            rendered = render_lines(list(page), font=font, dpi=300)
            image = apply(rendered.image, condition, rng)
            buffer = io.BytesIO()
            if condition.startswith("noise_jpeg") or condition == "photocopy":
                image.convert("RGB").save(buffer, "JPEG", quality=85)
            else:
                image.save(buffer, "PNG")
            texts.append(_ocr_cached(buffer.getvalue()))
    saved.parent.mkdir(parents=True, exist_ok=True)
    tmp = saved.with_suffix(".tmp")
    tmp.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    tmp.replace(saved)
    return texts


def dossier_for(seed: int, index: int) -> SynthDossier:
    return make_dossier(random.Random(seed * 7919 + index))


@dataclass
class Score:
    dossiers: int = 0
    procedure_ok: int = 0
    documents: int = 0
    type_ok: int = 0
    ids: int = 0
    ids_ok: int = 0
    ids_extra: int = 0
    names: int = 0
    names_ok: int = 0
    names_extra: int = 0

    def add(self, dossier: SynthDossier, tag: DossierTag, verbose: bool,
            texts: Sequence[str] = ()) -> None:
        self.dossiers += 1
        got = tag.procedure.key if tag.procedure else None
        self.procedure_ok += got == dossier.procedure_code
        if verbose and got != dossier.procedure_code:
            print(f"  procedure: want {dossier.procedure_code} got {got} "
                  f"types={[d.type.key if d.type else None for d in tag.documents]}")
        first = 0
        by_start = {d.page_indices[0]: d for d in tag.documents}
        for truth in dossier.documents:
            n = len(truth.pages)
            want_pages = tuple(range(first, first + n))
            found = by_start.get(first)
            first += n
            self.documents += 1
            ok = found is not None and found.page_indices == want_pages and \
                found.type is not None and found.type.key == truth.type_key
            self.type_ok += ok
            if verbose and not ok:
                print(f"  type: want {truth.type_key} pages {want_pages} got "
                      f"{found.type if found else None} "
                      f"{found.page_indices if found else None}")
            ids = set(found.fields.id_numbers) if found else set()
            names = set(found.fields.full_names) if found else set()
            self.ids += len(truth.id_numbers)
            self.ids_ok += sum(i in ids for i in truth.id_numbers)
            self.ids_extra += len(ids - set(truth.id_numbers))
            self.names += len(truth.full_names)
            self.names_ok += sum(n in names for n in truth.full_names)
            self.names_extra += len(names - set(truth.full_names))
            if verbose:
                missed = not ok
                for i in truth.id_numbers:
                    if i not in ids:
                        missed = True
                        print(f"  id missed {i} in {truth.type_key}: got {sorted(ids)}")
                for name in truth.full_names:
                    if name not in names:
                        missed = True
                        print(f"  name missed {name!r} in {truth.type_key}: got {sorted(names)}")
                if missed and texts:
                    for page in want_pages:
                        if page < len(texts):
                            print("    | " + texts[page].replace("\n", "\n    | "))

    def report(self, label: str) -> None:
        def pct(a: int, b: int) -> float:
            return 100.0 * a / b if b else 0.0

        print(f"[{label}] {self.dossiers} dossiers, {self.documents} documents")
        print(f"  procedure top-1    {pct(self.procedure_ok, self.dossiers):6.1f}%  (target ≥ 95%)")
        print(f"  document type      {pct(self.type_ok, self.documents):6.1f}%  (target ≥ 95%)")
        print(f"  ID numbers exact   {pct(self.ids_ok, self.ids):6.1f}%  (target ≥ 98%)"
              f"  [{self.ids} numbers, {self.ids_extra} extra]")
        print(f"  full names exact   {pct(self.names_ok, self.names):6.1f}%  (target ≥ 90%)"
              f"  [{self.names} names, {self.names_extra} extra]")


def _init_worker() -> None:
    os.environ["OMP_THREAD_LIMIT"] = "1"  # one Tesseract thread per worker process


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=48)
    parser.add_argument("--seed", type=int, default=None,
                        help="forms: the set's seed (default 2024); casework: a freshly "
                             "generated set instead of the standard one")
    parser.add_argument("--text", action="store_true", help="tag ground-truth text, no OCR")
    parser.add_argument("--noise", type=float, default=0.0,
                        help="with --text (casework): spoil the text with OCR-like confusions "
                             "at this rate (digits for letters, wrong tone marks, separators)")
    parser.add_argument("--conditions", default=",".join(CONDITIONS))
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--cached", action="store_true",
                        help="only the dossiers whose pages were already recognised")
    parser.add_argument("--cached-pages", action="store_true",
                        help="casework: only dossiers whose page images were all recognised")
    parser.add_argument("--show-text", action="store_true", help="print the OCR text of misses")
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--set", choices=("casework", "forms"), default="casework",
                        help="which generator's dossiers (default: casework)")
    parser.add_argument("--split", choices=("heldout", "tune"), default="heldout",
                        help="casework part to score; tune on 'tune' only")
    parser.add_argument("--first", type=int, default=0, help="first casework dossier index")
    args = parser.parse_args(argv)
    if args.set == "casework":
        return main_casework(args)
    if args.seed is None:
        args.seed = 2024
    catalogue = Catalogue.load()
    conditions = [c for c in args.conditions.split(",") if c]
    total = Score()
    per_condition: dict[str, Score] = {}
    started = time.perf_counter()
    if args.text:
        for i in range(args.dossiers):
            dossier = dossier_for(args.seed, i)
            pages = [PageText(f"{n:02d}.png", t) for n, t in enumerate(
                t for d in dossier.documents for t in d.page_texts())]
            total.add(dossier, tag_dossier(pages, catalogue), args.verbose)
        total.report("ground-truth text")
        return 0
    jobs = [(args.seed, i, conditions[i % len(conditions)]) for i in range(args.dossiers)]
    if args.cached:
        jobs = [job for job in jobs if _texts_path(*job).exists()]
    with ProcessPoolExecutor(max_workers=args.jobs, initializer=_init_worker) as pool:
        for (seed, i, condition), texts in zip(jobs, pool.map(_render_dossier, jobs), strict=True):
            dossier = dossier_for(seed, i)
            pages = [PageText(f"{n:02d}.png", t) for n, t in enumerate(texts)]
            tag = tag_dossier(pages, catalogue)
            if args.verbose:
                print(f"dossier {i} ({condition}, {dossier.procedure_code})")
            total.add(dossier, tag, args.verbose, texts if args.show_text else ())
            per_condition.setdefault(condition, Score()).add(dossier, tag, False)
    for condition in conditions:
        if condition in per_condition:
            per_condition[condition].report(condition)
    total.report("all conditions")
    print(f"({time.perf_counter() - started:.0f} s including rendering and OCR)")
    return 0




# --- the second generator's set, scored page by page -----------------------------------


def _case_texts_path(index: int, seed: int | None = None) -> Path:
    name = f"{index}.json" if seed is None else f"s{seed}-{index}.json"
    return OUT / OCR_CACHE / f"casework-{SYNTH_VERSION}" / name


def _recognise_case(index: int, pages_cached_only: bool = False, seed: int | None = None
                    ) -> tuple[list[tuple[str, list[str]]], list[int]] | None:
    """(text, QR codes) of each page of casework dossier ``index``, cached, and the
    pages whose OCR timed out (scored as read as nothing; the dossier is then not
    cached, so a rerun tries again).

    ``pages_cached_only``: None unless every page image was recognised before (the
    cut-out cards of pages that read poorly are recognised if need be).
    """
    from dossier.cards import reread_cards
    from synth.casework import make_case, render_case_page
    from tagging import decode_codes, wants_codes

    saved = _case_texts_path(index, seed)
    if saved.exists():
        return [(t, list(c)) for t, c in json.loads(saved.read_text(encoding="utf-8"))], []
    dossier = make_case(index, seed)
    images = [render_case_page(index, n, page, seed) for n, page in enumerate(dossier.pages)]
    if pages_cached_only and not all(
            (OUT / OCR_CACHE / f"{hashlib.sha256(data).hexdigest()}.txt").exists()
            for data in images):
        return None
    out: list[tuple[str, list[str]]] = []
    timed_out: list[int] = []
    for n, data in enumerate(images):
        def recognise(image: bytes, n: int = n) -> str:
            text, late = _ocr_cached_or_timeout(image)
            if late and n not in timed_out:
                timed_out.append(n)
            return text

        text = reread_cards(data, recognise(data), recognise)
        out.append((text, list(decode_codes(data)) if wants_codes(text) else []))
    if timed_out:
        return out, timed_out
    saved.parent.mkdir(parents=True, exist_ok=True)
    tmp = saved.with_suffix(".tmp")
    tmp.write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
    tmp.replace(saved)
    return out, []


# OCR-like confusions for --noise: letters for digits, a changed or lost tone mark,
# other date separators, misread fillers of the machine-readable zone.
_DIGIT_SWAPS = {"0": "OD", "1": "lI", "5": "S", "8": "B", "6": "G", "2": "Z", "7": "T", "4": "A"}
_TONES = ("\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "")


def ocr_like(text: str, rng: random.Random, rate: float) -> str:
    """``text`` spoilt as OCR spoils it, each character with probability about ``rate``."""
    import unicodedata

    if rate <= 0:
        return text
    out: list[str] = []
    for ch in text:
        r = rng.random()
        if ch in _DIGIT_SWAPS and r < rate:
            out.append(rng.choice(_DIGIT_SWAPS[ch]))
        elif ch.isalpha() and r < 2 * rate and unicodedata.normalize("NFD", ch)[0].lower() \
                in "aeiouy":
            parts = unicodedata.normalize("NFD", ch)
            kept = "".join(m for m in parts[1:] if m not in _TONES)
            out.append(unicodedata.normalize("NFC", parts[0] + kept + rng.choice(_TONES)))
        elif ch == "/" and r < 3 * rate:
            out.append(rng.choice(("-", ".", " / ", "/ ")))
        elif ch == "<" and r < 2 * rate:
            out.append(rng.choice(("K", "C", "«", "")))
        else:
            out.append(ch)
    return "".join(out)


@dataclass
class PageScore:
    dossiers: int = 0
    procedure_ok: int = 0
    pages: int = 0
    pages_missing: int = 0
    page_type_ok: int = 0
    ids: int = 0
    ids_ok: int = 0
    names: int = 0
    names_ok: int = 0
    births: int = 0
    births_ok: int = 0

    def add(self, dossier: object, tag: DossierTag, verbose: bool,
            texts: Sequence[str] = ()) -> None:
        from synth.casework import CaseDossier

        assert isinstance(dossier, CaseDossier)
        self.dossiers += 1
        got = tag.procedure.key if tag.procedure else None
        self.procedure_ok += got == dossier.procedure_code
        if verbose and got != dossier.procedure_code:
            print(f"  procedure: want {dossier.procedure_code} got {got} "
                  f"types={[d.type.key if d.type else None for d in tag.documents]}")
        owner = {i: d for d in tag.documents for i in d.page_indices}
        first = 0
        for truth in dossier.documents:
            indices = range(first, first + len(truth.pages))
            first += len(truth.pages)
            found = [owner[i] for i in indices if i in owner]
            for i in indices:
                self.pages += 1
                doc = owner.get(i)
                if doc is None:
                    self.pages_missing += 1
                    continue
                key = doc.type.key if doc.type else None
                ok = key == truth.type_key
                self.page_type_ok += ok
                if verbose and not ok:
                    print(f"  page {i}: want {truth.type_key} got {key} "
                          f"(document pages {doc.page_indices})")
                    if texts:
                        print("    | " + texts[i][:600].replace("\n", "\n    | "))
            ids = {n for d in found for n in d.fields.id_numbers}
            names = {n for d in found for n in d.fields.full_names}
            dates = {v for d in found for v in (*d.fields.dates, *d.fields.birth_dates)}
            self.ids += len(truth.id_numbers)
            self.ids_ok += sum(n in ids for n in truth.id_numbers)
            self.names += len(truth.full_names)
            self.names_ok += sum(n in names for n in truth.full_names)
            self.births += len(truth.birth_dates)
            self.births_ok += sum(b in dates for b in truth.birth_dates)
            if verbose:
                for n in truth.id_numbers:
                    if n not in ids:
                        print(f"  id missed {n} in {truth.type_key}: got {sorted(ids)}")
                for n in truth.full_names:
                    if n not in names:
                        print(f"  name missed {n!r} in {truth.type_key}: got {sorted(names)}")
                for b in truth.birth_dates:
                    if b not in dates:
                        print(f"  birth date missed {b} in {truth.type_key}: got {sorted(dates)}")

    def report(self, label: str) -> None:
        def pct(a: int, b: int) -> float:
            return 100.0 * a / b if b else 0.0

        print(f"[{label}] {self.dossiers} dossiers, {self.pages} pages")
        print(f"  procedure top-1    {pct(self.procedure_ok, self.dossiers):6.1f}%  (target ≥ 95%)")
        print(f"  page document type {pct(self.page_type_ok, self.pages):6.1f}%  (target ≥ 95%)")
        print(f"  ID-number recall   {pct(self.ids_ok, self.ids):6.1f}%  (target ≥ 98%)"
              f"  [{self.ids} numbers]")
        print(f"  full names exact   {pct(self.names_ok, self.names):6.1f}%  (target ≥ 90%)"
              f"  [{self.names} names]")
        print(f"  birth dates        {pct(self.births_ok, self.births):6.1f}%  (target ≥ 95%)"
              f"  [{self.births} dates]")
        print(f"  pages missing      {self.pages_missing:6d}   (target 0)")


def main_casework(args: argparse.Namespace) -> int:
    from synth.casework import make_case, split_of

    catalogue = Catalogue.load()
    seed = args.seed
    indices: list[int] = []
    index = args.first
    while len(indices) < args.dossiers:
        if split_of(index, seed) == args.split:
            indices.append(index)
        index += 1
    wanted = len(indices)
    not_cached: list[int] = []
    if args.cached:
        not_cached = [i for i in indices if not _case_texts_path(i, seed).exists()]
        indices = [i for i in indices if i not in not_cached]
    score = PageScore()
    started = time.perf_counter()
    if args.text:
        rng = random.Random(f"noise-{seed}-{args.noise}")
        for i in indices:
            dossier = make_case(i, seed)
            pages = [PageText(f"{n:02d}.png", ocr_like(p.text, rng, args.noise))
                     for n, p in enumerate(dossier.pages)]
            if args.verbose:
                print(f"dossier {i} ({dossier.procedure_code})")
            score.add(dossier, tag_dossier(pages, catalogue), args.verbose)
        kind = f"text spoilt at {args.noise:g}" if args.noise else "ground-truth text"
        score.report(f"casework {args.split}{'' if seed is None else f' seed {seed}'}, {kind}")
        return 0
    only = [args.cached_pages] * len(indices)
    skipped: list[int] = []
    unread: dict[int, list[int]] = {}
    with ProcessPoolExecutor(max_workers=args.jobs, initializer=_init_worker) as pool:
        for i, result in zip(indices, pool.map(_recognise_case, indices, only,
                                               [seed] * len(indices)), strict=True):
            if result is None:
                skipped.append(i)
                continue
            recognised, timed_out = result
            if timed_out:
                unread[i] = timed_out
            dossier = make_case(i, seed)
            pages = [PageText(f"{n:02d}.png", text, tuple(codes))
                     for n, (text, codes) in enumerate(recognised)]
            tag = tag_dossier(pages, catalogue)
            if args.verbose:
                print(f"dossier {i} ({dossier.procedure_code})")
            score.add(dossier, tag, args.verbose,
                      [t for t, _ in recognised] if args.show_text else ())
    label = f"casework {args.split}" + ("" if seed is None else f", fresh set seed {seed}")
    score.report(label)
    if not_cached:
        print(f"  NOT SCORED: {len(not_cached)} of the {wanted} dossiers left out by "
              f"--cached (not recognised yet): {not_cached}")
    if skipped:
        print(f"  NOT SCORED: {len(skipped)} of the {wanted} dossiers left out by "
              f"--cached-pages (pages not recognised yet): {skipped}")
    for i, late in unread.items():
        print(f"  PARTLY UNREAD: dossier {i}, page(s) {late}: OCR of the whole image timed "
              f"out twice; scored on what else was read of it (the cards cut out of it, if "
              f"any); not cached, a rerun tries again")
    if not not_cached and not skipped:
        print(f"  every one of the {wanted} dossiers scored")
    print(f"({time.perf_counter() - started:.0f} s including rendering and OCR)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
