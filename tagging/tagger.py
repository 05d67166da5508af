"""Tag a dossier: split pages into documents, name each document's type, read its
fields, propose the procedure and list the required components that are missing.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import islice

import numpy as np
from rapidfuzz import fuzz, process

from tagging.catalogue import Catalogue, Component, ProcedureProfile
from tagging.fields import Fields, extract_fields
from tagging.identity import IdentityReading, layout_score, parse_qr, read_identity
from tagging.matching import (
    TitleMatcher,
    TopLine,
    contains_phrase,
    fold_cached,
    fold_line,
    has_national_heading,
    top_lines,
)
from tagging.model import TypeModel
from tagging.names import is_known_name
from vntext import fold, nfc

RECEIPT_KEY = "phieu_tiep_nhan"
IDENTITY_KEY = "can_cuoc"
# Papers that accompany almost any procedure: they say little about which one.
SUPPORTING_KEYS = frozenset({"can_cuoc", "uy_quyen", RECEIPT_KEY})
_SPLIT_TITLE = 88.0     # a title this sure, near the top, starts a new document
_TYPE_MIN = 70.0        # below this a title match is not evidence of a type
_SPLIT_LINES = 12
_IDENTITY_PAGE = 0.5    # layout score from which a page is an identity paper
# Why a document needs the clerk's eye before its type can be trusted.
FLAG_BLANK = "blank"        # the page reads as nothing: a separator, a photo, an empty back
FLAG_UNTYPED = "untyped"    # text was read but names no known kind of paper


@dataclass(frozen=True)
class PageText:
    """One recognised page, in dossier order."""

    name: str
    text: str
    # Texts of the QR codes read from the page image (an identity card's, a receipt's).
    codes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Suggestion:
    """A proposed document type (key) or procedure (code), with confidence 0..1."""

    key: str
    name: str
    confidence: float


@dataclass(frozen=True)
class DocumentTag:
    page_indices: tuple[int, ...]
    pages: tuple[str, ...]
    type: Suggestion | None
    alternatives: tuple[Suggestion, ...]
    fields: Fields
    # The document's own name as printed ("Giấy cam kết") when it differs from the
    # component it stands for ("Giấy tờ, văn bản cần chứng thực").
    title: str | None = None
    flags: tuple[str, ...] = ()
    identity: IdentityReading | None = None


@dataclass(frozen=True)
class DossierTag:
    procedure: Suggestion | None
    alternatives: tuple[Suggestion, ...]
    documents: tuple[DocumentTag, ...]
    missing_components: tuple[str, ...]


@dataclass(frozen=True)
class Checklist:
    """Components of a procedure: required ones present and missing, and extra documents."""

    present: tuple[Component, ...] = ()
    missing: tuple[Component, ...] = ()
    optional_present: tuple[Component, ...] = ()
    extra: tuple[str, ...] = field(default=())


@cache
def _matcher(catalogue: Catalogue) -> TitleMatcher:
    return TitleMatcher(
        (t.key, phrase) for t in catalogue.document_types() for phrase in t.phrases
    )


@dataclass(frozen=True)
class _PageInfo:
    lines: tuple[TopLine, ...]
    heading: bool
    scores: dict[str, float]
    top_scores: dict[str, float]
    blank: bool
    identity: float = 0.0
    # "n/m" or "Trang n" near an edge of the page: (n, m or 0)
    page_number: tuple[int, int] | None = None
    # On an identity page: the numbers and (folded) names it shows, to tell the back
    # of the same card from the next person's card.
    holder: frozenset[str] = frozenset()


def _analyse(page: PageText, matcher: TitleMatcher) -> _PageInfo:
    lines = top_lines(page.text)
    # Only title-like lines (no "label: value", no list item) near the top may
    # start a document; any line may name the type.
    scores, top_scores = matcher.scores_and_split(lines, _SPLIT_LINES)
    identity = layout_score(page.text)
    if identity < 1.0 and any(parse_qr(code) is not None for code in page.codes):
        identity = 1.0  # a card's own QR code: whatever OCR made of the print
    holder: frozenset[str] = frozenset()
    if identity >= _IDENTITY_PAGE:
        fields = extract_fields(page.text)
        reading = read_identity(page.text, page.codes, fields.id_numbers, fields.dates)
        found = [*fields.id_numbers]
        if reading is not None:
            found += [v for v in (reading.id_number, reading.full_name) if v]
        holder = frozenset(fold(v) for v in found)
    return _PageInfo(
        lines=tuple(lines), heading=has_national_heading(lines), scores=scores,
        top_scores=top_scores, blank=_reads_as_nothing(page.text), identity=identity,
        page_number=_page_number(page.text), holder=holder,
    )


_LETTER = re.compile(r"[^\W\d_]")
_BLANK_LETTERS = 15


def _reads_as_nothing(text: str) -> bool:
    """Fewer than a few letters: a separator, a photo, an empty back."""
    return sum(1 for _ in islice(_LETTER.finditer(text), _BLANK_LETTERS)) < _BLANK_LETTERS


_PAGE_NUMBER = re.compile(
    r"^\W*(?:trang|page|to)\s*(\d{1,2})(?:\s*(?:/|tren|of)\s*(\d{1,2}))?\W*$"
    r"|^\W*(\d{1,2})\s*/\s*(\d{1,2})\W*$|^\s*[-–]\s*(\d{1,2})\s*[-–]\s*$"
)


def _page_number(text: str) -> tuple[int, int] | None:
    """A printed page number on the first or last lines ("Trang 2/3", "2/3", "- 2 -")."""
    lines = [line for line in text.splitlines() if line.strip()]
    for raw in (*lines[:2], *lines[-3:]):
        if len(raw) > 24:
            continue  # a page number stands on a short line of its own
        m = _PAGE_NUMBER.match(fold_cached(raw).strip())
        if m is None:
            continue
        groups = [g for g in m.groups()]
        n = next((int(g) for g in (groups[0], groups[2], groups[4]) if g), 0)
        total = next((int(g) for g in (groups[1], groups[3]) if g), 0)
        if 1 <= n <= 60 and (total == 0 or n <= total <= 60):
            return n, total
    return None


def split_documents(infos: Sequence[_PageInfo]) -> list[list[int]]:
    """Group page indices into documents; every page is in exactly one of them.

    A document starts at a page with the national heading or a form title near
    its top, at an identity paper, and after a page that reads as nothing (which
    is a document of its own, for the clerk to look at). Other pages continue the
    one before, and so does a page numbered as a later page of it ("Trang 2/3").
    """
    groups: list[list[int]] = []
    after_separator = True
    for i, info in enumerate(infos):
        if info.blank:
            groups.append([i])
            after_separator = True
            continue
        identity = info.identity >= _IDENTITY_PAGE
        previous = infos[groups[-1][-1]] if groups else None
        prev_identity = previous is not None and max(
            infos[j].identity for j in groups[-1]) >= _IDENTITY_PAGE
        numbered_on = info.page_number is not None and info.page_number[0] > 1
        if after_separator or not groups:
            starts = True
        elif identity:
            # The back of a card scanned on its own sheet carries no heading: it
            # continues the front. Anything else identity-like is a new paper.
            holders = frozenset().union(*(infos[j].holder for j in groups[-1]))
            other_person = bool(info.holder and holders and not info.holder & holders)
            starts = not prev_identity or info.heading or len(groups[-1]) >= 2 or other_person
        elif prev_identity:
            starts = True
        elif numbered_on and not info.heading:
            starts = False
        else:
            starts = info.heading or max(info.top_scores.values(), default=0.0) >= _SPLIT_TITLE
        if starts:
            groups.append([i])
        else:
            groups[-1].append(i)
        after_separator = False
    return groups


def _softmax(scores: dict[str, float], temperature: float) -> dict[str, float]:
    if not scores:
        return {}
    top = max(scores.values())
    exps = {k: math.exp((v - top) / temperature) for k, v in scores.items()}
    total = sum(exps.values())
    return {k: v / total for k, v in exps.items()}


def _rule_probabilities(scores: dict[str, float]) -> tuple[dict[str, float], float]:
    """Type probabilities from title scores, and how sure the best title match is."""
    kept = {k: v for k, v in scores.items() if v >= _TYPE_MIN - 10}
    if not kept:
        return {}, 0.0
    top = max(kept.values())
    sureness = min(1.0, max(0.0, (top - _TYPE_MIN) / 25.0))
    return _softmax(kept, 2.5), sureness


@cache
def _body_phrases(catalogue: Catalogue) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple(
        (t.key, tuple(fold_line(b) for b in t.body)) for t in catalogue.document_types() if t.body
    )


_BODY_MATCH = 88.0
_BODY_MIN_HITS = 2


def _body_scores(catalogue: Catalogue, text: str) -> dict[str, float]:
    """Share of each type's printed body labels found in ``text`` (at least two of them)."""
    folded = " ".join(fold_line(line) for line in text.splitlines())
    out: dict[str, float] = {}
    for key, phrases in _body_phrases(catalogue):
        hits = sum(contains_phrase(folded, p, _BODY_MATCH) >= _BODY_MATCH for p in phrases)
        if hits >= _BODY_MIN_HITS:
            out[key] = hits / len(phrases)
    return out


def _with_body_vote(combined: dict[str, float], body: dict[str, float],
                    sureness: float) -> dict[str, float]:
    """Blend in the body-label vote: more the less sure the title is."""
    if not body:
        return combined
    share = 0.2 + 0.6 * (1.0 - sureness)
    best = max(body.values())
    probabilities = _softmax(body, 0.1)
    out = {k: v * (1.0 - share) for k, v in combined.items()}
    for key, p in probabilities.items():
        out[key] = out.get(key, 0.0) + share * best * p
    return out


def _suggest_type(
    catalogue: Catalogue, infos: Sequence[_PageInfo], text: str, model: TypeModel | None,
) -> tuple[Suggestion | None, tuple[Suggestion, ...]]:
    scores: dict[str, float] = {}
    for n, info in enumerate(infos):
        weight = 1.0 if n == 0 else 0.9  # the title is on the first page
        for key, value in info.scores.items():
            scores[key] = max(scores.get(key, 0.0), value * weight)
    rule, sureness = _rule_probabilities(scores)
    combined = {k: p * sureness for k, p in rule.items()}
    if sureness < 1.0:  # a clear title needs no second opinion (and fuzzy body search costs)
        combined = _with_body_vote(combined, _body_scores(catalogue, text), sureness)
    if model is not None:
        predicted = model.predict(text)
        # Trust the learned model more as it has seen more confirmed documents,
        # and most when the titles say little (unusual layouts, poor scans).
        share = min(0.6, model.trained_on / 500.0) * (1.0 - 0.5 * sureness)
        if not rule:
            share = min(0.9, model.trained_on / 200.0)
        combined = {k: v * (1.0 - share) for k, v in combined.items()}
        for key, p in predicted.items():
            if catalogue.document_type(key) is not None or key in combined:
                combined[key] = combined.get(key, 0.0) + share * p
    ranked = sorted(combined.items(), key=lambda kv: -kv[1])
    suggestions = []
    for key, conf in ranked[:4]:
        dtype = catalogue.document_type(key)
        if dtype is None or conf < 0.01:
            continue
        suggestions.append(Suggestion(key, dtype.name, round(conf, 3)))
    if not suggestions or suggestions[0].confidence < 0.2:
        return None, tuple(suggestions[:3])
    return suggestions[0], tuple(suggestions[1:4])


# --- procedure ---------------------------------------------------------------------

_REQUEST_LABELS = ("de nghi", "ve viec", "yeu cau", "noi dung", "thu tuc", "linh vuc")


def _line_weight(line: str) -> float:
    if "vi du" in line:
        return 0.3  # footnotes list examples of every request
    if any(label in line for label in _REQUEST_LABELS):
        return 2.0
    return 1.0


def _cue_strengths(catalogue: Catalogue, lines: Sequence[str]) -> dict[str, float]:
    """For each procedure cue (folded), the weight of the best line that names it.

    A line can only name a cue (at 90% similarity) if it shares one of its words:
    the fuzzy search runs on those lines only.
    """
    cues = _cues(catalogue)
    by_word: dict[str, list[str]] = {}
    for cue in cues:
        for word in set(cue.split()):
            by_word.setdefault(word, []).append(cue)
    out = dict.fromkeys(cues, 0.0)
    for line in dict.fromkeys(lines):
        near = {cue for w in set(line.split()) for cue in by_word.get(w, ())}
        weight = None
        for cue in near:
            if len(line) < len(cue) - 3:
                continue
            if cue in line or fuzz.partial_ratio(cue, line, score_cutoff=90):
                weight = _line_weight(line) if weight is None else weight
                out[cue] = max(out[cue], weight)
    return out


@cache
def _cues(catalogue: Catalogue) -> tuple[str, ...]:
    return tuple(dict.fromkeys(fold_line(q) for p in catalogue.profiles for q in p.cues))


def _profile_score(profile: ProcedureProfile, present: dict[str, float],
                   cues: dict[str, float]) -> float:
    score = 0.0
    first_required = next((c.key for c in profile.components if c.required), None)
    keys = {k for c in profile.components for k in (c.key, *c.also)}
    for c in profile.components:
        conf = max((present.get(k, 0.0) for k in (c.key, *c.also)), default=0.0)
        if conf > 0:
            weight = 3.0 if c.key == first_required else 1.5 if c.required else 0.3
            score += weight * (0.5 + 0.5 * conf)
        elif c.required:
            score -= 1.5
    for key in present:
        if key not in keys and key not in SUPPORTING_KEYS:
            score -= 0.5
    cue = max((cues.get(fold_line(q), 0.0) for q in profile.cues), default=0.0)
    return score + 2.0 * cue


def _receipt_procedure(catalogue: Catalogue, text: str) -> tuple[str, float] | None:
    """The procedure a receipt names, as (code, match score 0..100)."""
    segments: list[str] = []
    raw_lines = [line for line in text.splitlines() if line.strip()]
    for i, raw in enumerate(raw_lines):
        parts = [raw]
        if ":" in raw:
            parts.append(raw.split(":", 1)[1])
        if i + 1 < len(raw_lines):
            parts.append(parts[-1] + " " + raw_lines[i + 1])
        for part in parts:
            seg = fold_line(part)
            seg = seg[len("thu tuc "):] if seg.startswith("thu tuc ") else seg
            if len(seg) >= 8:
                segments.append(seg)
    if not segments:
        return None
    names = catalogue.short_folded_names
    matrix = process.cdist(segments, names, scorer=fuzz.ratio, workers=1, dtype=np.float32,
                           score_cutoff=88)
    best = float(matrix.max())
    if best < 88:
        return None
    columns = np.nonzero(matrix.max(axis=0) >= best - 1e-3)[0]
    # Equal scores: prefer the procedure the desk meets (curated), then the shortest name.
    candidates = sorted(
        (catalogue.procedures[int(c)] for c in columns),
        key=lambda p: (not p.curated, len(p.name)),
    )
    return candidates[0].code, best


def _suggest_procedure(
    catalogue: Catalogue, documents: Sequence[DocumentTag], texts: Sequence[str],
) -> tuple[Suggestion | None, tuple[Suggestion, ...]]:
    present: dict[str, float] = {}
    for doc in documents:
        if doc.type is not None:
            present[doc.type.key] = max(present.get(doc.type.key, 0.0), doc.type.confidence)
    lines: list[str] = []
    for text in texts:
        lines.extend(fold_line(line) for line in text.splitlines() if line.strip())
    cues = _cue_strengths(catalogue, lines)
    scores = {p.code: _profile_score(p, present, cues) for p in catalogue.profiles}
    ranked = sorted(_softmax(scores, 0.8).items(), key=lambda kv: -kv[1])
    best_raw = max(scores.values(), default=0.0)

    receipt: tuple[str, float] | None = None
    for doc, text in zip(documents, texts, strict=True):
        if doc.type is not None and doc.type.key == RECEIPT_KEY:
            receipt = _receipt_procedure(catalogue, text)
            if receipt:
                break

    def named(code: str, conf: float) -> Suggestion | None:
        procedure = catalogue.get(code)
        return None if procedure is None else Suggestion(code, procedure.name, round(conf, 3))

    if receipt is not None:
        code, match = receipt
        top_conf = 0.9 + 0.09 * (match - 88) / 12
        rest = [(c, p * (1 - top_conf)) for c, p in ranked if c != code]
        top = named(code, top_conf)
        alternatives = tuple(s for c, p in rest[:3] if (s := named(c, p)) and p >= 0.005)
        return top, alternatives
    if not ranked or best_raw <= 0.5:
        return None, tuple(s for c, p in ranked[:3] if (s := named(c, p)) and p >= 0.05)
    suggestions = [s for c, p in ranked[:4] if (s := named(c, p))]
    return suggestions[0], tuple(s for s in suggestions[1:] if s.confidence >= 0.005)


def checklist(catalogue: Catalogue, procedure_code: str, type_keys: Sequence[str]) -> Checklist:
    """Required components present and missing, optional ones present, and extra documents."""
    components = catalogue.components(procedure_code)
    have = set(type_keys)
    known = {k for c in components for k in (c.key, *c.also)}

    def met(c: Component) -> bool:
        return any(c.met_by(k) for k in have)

    return Checklist(
        present=tuple(c for c in components if c.required and met(c)),
        missing=tuple(c for c in components if c.required and not met(c)),
        optional_present=tuple(c for c in components if not c.required and met(c)),
        extra=tuple(dict.fromkeys(k for k in type_keys if k not in known)),
    )


def _reconcile_names(documents: list[DocumentTag]) -> list[DocumentTag]:
    """One spelling per person across the dossier.

    The same person is named on several papers; readings equal without marks are
    one name. Each reading votes with the reliability of its marks (lower case over
    capitals over marks restored from the lexicon) and a spelling whose every
    syllable is a known name syllable in its place gets a bonus; the winner
    replaces the other readings.
    """
    votes: dict[str, Counter[str]] = {}
    for doc in documents:
        reliability = doc.fields.reliability or (3,) * len(doc.fields.full_names)
        for name, weight in zip(doc.fields.full_names, reliability, strict=True):
            votes.setdefault(fold(name), Counter())[name] += weight
    best: dict[str, str] = {}
    for key, counter in votes.items():
        if len(counter) > 1:
            best[key] = max(counter, key=lambda n: counter[n] + 4 * is_known_name(n))
    if not best:
        return documents
    out: list[DocumentTag] = []
    for doc in documents:
        names = tuple(dict.fromkeys(best.get(fold(n), n) for n in doc.fields.full_names))
        if names == doc.fields.full_names:
            out.append(doc)
            continue
        fields = replace(doc.fields, full_names=names, reliability=())
        out.append(replace(doc, fields=fields))
    return out


_AGENCY_WORDS = ("uy ban", "ubnd", "so ", "benh vien", "cong an", "bo phan", "trung tam",
                 "phong ", "cuc ", "van phong")


def _title_like(raw: str, after_motto: bool) -> bool:
    folded = fold_line(raw)
    letters = [ch for ch in raw if ch.isalpha()]
    if len(folded) < 6 or len(folded) > 70 or ":" in raw or any(ch.isdigit() for ch in raw):
        return False
    if fuzz.partial_ratio("cong hoa xa hoi chu nghia viet nam", folded) >= 80 or \
            fuzz.partial_ratio("doc lap tu do hanh phuc", folded) >= 80 or \
            folded.startswith(_AGENCY_WORDS) or folded.startswith(("socialist", "kinh gui")):
        return False
    capitals = sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)
    # Some templates set the title in sentence case, right under the motto.
    return capitals or (after_motto and raw[:1].isupper() and len(folded.split()) >= 2)


def _own_title(info: _PageInfo, raw_text: str) -> str | None:
    """The document's title as printed: the first title line near the top that is not
    the national heading, the motto or an agency's name (two lines when it is split)."""
    raw_lines = [" ".join(line.split()) for line in raw_text.splitlines()
                 if len(fold_line(line)) >= 3]
    after_motto = False
    for n, raw in enumerate(raw_lines[:_SPLIT_LINES]):
        if fuzz.partial_ratio("doc lap tu do hanh phuc", fold_line(raw)) >= 80:
            after_motto = True
            continue
        if not _title_like(raw, after_motto):
            after_motto = False
            continue
        text = raw
        following = raw_lines[n + 1] if n + 1 < len(raw_lines) else ""
        if raw.isupper() and following.isupper() and _title_like(following, False) and \
                len(fold_line(raw).split()) <= 3:
            text = f"{raw} {following}"  # "HỢP ĐỒNG" / "MUA BÁN XE"
        if len(fold_line(text).split()) < 2:
            continue
        text = nfc(text)
        return text[:1].upper() + text[1:].lower()
    return None


def _with_identity(doc: DocumentTag, reading: IdentityReading) -> DocumentTag:
    """An identity paper's fields, the zone's and the code's readings first."""
    fields = doc.fields
    ids = list(fields.id_numbers)
    if reading.id_number is not None:
        ids = [reading.id_number] + [n for n in ids if n != reading.id_number
                                     and not (len(n) == 12 and reading.source != "printed")]
    names = list(fields.full_names)
    reliability = list(fields.reliability or (3,) * len(names))
    if reading.full_name:
        # A card names one person, its holder: the code's reading (with its marks) or
        # the printed capitals; other "names" read off a card are labels gone wrong.
        names = [reading.full_name]
        reliability = [3 if reading.qr else 2]
    dates = list(fields.dates)
    births: tuple[str, ...] = fields.birth_dates
    if reading.birth_date is not None:
        birth = reading.birth_date.strftime("%d/%m/%Y")
        births = (birth,)
        if birth not in dates:
            dates.insert(0, birth)
    return replace(doc, identity=reading, fields=replace(
        fields, id_numbers=tuple(ids), full_names=tuple(names), reliability=tuple(reliability),
        dates=tuple(dates), birth_dates=births))


def _identity_type(catalogue: Catalogue, score: float) -> Suggestion | None:
    dtype = catalogue.document_type(IDENTITY_KEY)
    if dtype is None:
        return None
    return Suggestion(dtype.key, dtype.name, round(min(0.99, 0.6 + 0.4 * score), 3))


def _tag_group(catalogue: Catalogue, pages: Sequence[PageText], infos: Sequence[_PageInfo],
               group: list[int], model: TypeModel | None) -> DocumentTag:
    text = "\n".join(pages[i].text for i in group)
    names = tuple(pages[i].name for i in group)
    codes = tuple(c for i in group for c in pages[i].codes)
    if all(infos[i].blank for i in group):
        reading = read_identity(text, codes) if codes else None
        if reading is not None and reading.qr:  # OCR read nothing, but the card's QR reads
            doc = DocumentTag(tuple(group), names, _identity_type(catalogue, 0.5), (), Fields())
            return _with_identity(doc, reading)
        return DocumentTag(tuple(group), names, None, (), Fields(), flags=(FLAG_BLANK,))
    group_infos = [infos[i] for i in group]
    identity = max(info.identity for info in group_infos)
    fields = extract_fields(text)
    if identity >= _IDENTITY_PAGE:
        doc = DocumentTag(tuple(group), names, _identity_type(catalogue, identity), (), fields)
        reading = read_identity(text, codes, fields.id_numbers, fields.dates)
        return _with_identity(doc, reading) if reading is not None else doc
    dtype, alternatives = _suggest_type(catalogue, group_infos, text, model)
    if dtype is None and codes:
        reading = read_identity(text, codes, fields.id_numbers, fields.dates)
        if reading is not None and reading.qr:  # a card too worn to read, but its code is
            doc = DocumentTag(tuple(group), names, _identity_type(catalogue, 0.5), (), fields)
            return _with_identity(doc, reading)
    title = _own_title(group_infos[0], pages[group[0]].text)
    if title is not None and dtype is not None and fold_line(title) == fold_line(dtype.name):
        title = None
    return DocumentTag(tuple(group), names, dtype, alternatives, fields, title=title,
                       flags=() if dtype is not None else (FLAG_UNTYPED,))


def tag_dossier(pages: Sequence[PageText], catalogue: Catalogue,
                model: TypeModel | None = None) -> DossierTag:
    """Suggest documents, their types and fields, the procedure and what is missing.

    Every page is in exactly one document, in order.
    """
    matcher = _matcher(catalogue)
    infos = [_analyse(page, matcher) for page in pages]
    documents: list[DocumentTag] = []
    texts: list[str] = []
    for group in split_documents(infos):
        documents.append(_tag_group(catalogue, pages, infos, group, model))
        texts.append("\n".join(pages[i].text for i in group))
    documents = _reconcile_names(documents)
    procedure, alternatives = _suggest_procedure(catalogue, documents, texts)
    missing: tuple[str, ...] = ()
    if procedure is not None:
        keys = [d.type.key for d in documents if d.type is not None]
        missing = tuple(c.name for c in checklist(catalogue, procedure.key, keys).missing)
    return DossierTag(procedure, alternatives, tuple(documents), missing)


def to_json(tag: DossierTag, path: str) -> dict[str, object]:
    """The ``sohoa tag --json`` object for one dossier (see DESIGN.md)."""

    def suggestion(s: Suggestion | None, key: str) -> dict[str, object] | None:
        if s is None:
            return None
        return {key: s.key, "name": s.name, "confidence": round(s.confidence, 3)}

    def document(doc: DocumentTag) -> dict[str, object]:
        out: dict[str, object] = {
            "pages": list(doc.pages),
            "type": suggestion(doc.type, "key"),
            "fields": {
                "full_names": list(doc.fields.full_names),
                "id_numbers": list(doc.fields.id_numbers),
                "dates": list(doc.fields.dates),
                "dossier_code": doc.fields.dossier_code,
            },
        }
        if doc.type is not None and doc.title is not None:
            out["type"] = {**suggestion(doc.type, "key"),  # type: ignore[dict-item]
                           "document_name": doc.title}
        if doc.fields.birth_dates:
            out["fields"]["birth_dates"] = list(doc.fields.birth_dates)  # type: ignore[index]
        if doc.flags:
            out["flags"] = list(doc.flags)
        return out

    return {
        "path": path,
        "procedure": suggestion(tag.procedure, "code"),
        "alternatives": [suggestion(s, "code") for s in tag.alternatives],
        "documents": [document(doc) for doc in tag.documents],
        "missing_components": list(tag.missing_components),
    }
