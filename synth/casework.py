"""A second dossier generator, unlike ``synth.forms.make_dossier``: identity-card copies
on their own sheets, multi-page contracts, the certification procedures, other margins,
fonts, resolutions and scan conditions, and separator or photo pages.

Dossiers are numbered; ``split_of(index)`` puts each in the tuning part or the
held-out part, and a benchmark scores only the held-out part.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import random
from dataclasses import dataclass

from PIL import Image

from synth import forms, people
from synth.contracts import certification_request, commitment, contract, power_of_attorney
from synth.degrade import apply
from synth.forms import Line, SynthDocument, _context
from synth.idcards import CardKind, card_text, identity_sheet
from synth.people import Person
from synth.render import render_lines

HELD_OUT = "heldout"
TUNE = "tune"
# Certification procedures are the new ones here; civil-status and residence ones
# come from the first generator's forms, set and scanned differently.
PROCEDURES = ("2.000884", "2.001035", "2.000815", "1.001193", "1.000656", "1.000894",
              "1.004873", "1.004222", "1.004194", "1.003677")
_WEIGHTS = (16, 16, 6, 12, 8, 10, 8, 8, 8, 8)
SCANS = ("clean", "noise_jpeg_300", "noise_jpeg_200", "skew4", "photocopy", "red_seal",
         "blue_signature", "sideways")


def _salt(seed: int | None) -> str:
    """The standard set has no seed; another seed generates a fresh set of dossiers."""
    return "" if seed is None else f"{seed}-"


def split_of(index: int, seed: int | None = None) -> str:
    """The part dossier ``index`` belongs to; fixed by a hash, one in two held out."""
    digest = hashlib.sha256(f"sohoa-casework-{_salt(seed)}{index}".encode()).digest()
    return HELD_OUT if digest[0] % 2 == 0 else TUNE


@dataclass(frozen=True)
class CardPlan:
    """An identity sheet to draw when its image is wanted (drawing takes a second)."""

    seed: int
    person: Person
    kind: CardKind
    number: str  # the number the paper shows: the 9-digit one on an old card
    dpi: int


@dataclass(frozen=True)
class CasePage:
    """A page to produce: lines to set, or an identity sheet."""

    lines: tuple[Line, ...] = ()
    card: CardPlan | None = None
    blank: bool = False

    @property
    def text(self) -> str:
        if self.card is not None:
            return card_text(self.card.person, self.card.kind, self.card.number)
        return "\n".join(t for t, _ in self.lines)


@dataclass(frozen=True)
class CaseDocument:
    type_key: str | None  # None: a separator or photo page, of no type
    pages: tuple[CasePage, ...]
    full_names: tuple[str, ...]
    id_numbers: tuple[str, ...]
    birth_dates: tuple[str, ...] = ()


@dataclass(frozen=True)
class CaseDossier:
    index: int
    procedure_code: str
    documents: tuple[CaseDocument, ...]

    @property
    def pages(self) -> list[CasePage]:
        return [p for d in self.documents for p in d.pages]


def _from_synth(doc: SynthDocument) -> CaseDocument:
    return CaseDocument(doc.type_key, tuple(CasePage(lines=p) for p in doc.pages),
                        doc.full_names, doc.id_numbers)


def _card(rng: random.Random, who: Person) -> CaseDocument:
    kind = rng.choices(list(CardKind), (45, 20, 12, 13, 10))[0]
    number = (who.old_id or f"{rng.randrange(10**8, 10**9)}") if kind is CardKind.OLD \
        else who.id_number
    plan = CardPlan(rng.getrandbits(32), who, kind, number, rng.choice((200, 300)))
    return CaseDocument("can_cuoc", (CasePage(card=plan),), (who.full_name,), (number,),
                        (who.birth_date.strftime("%d/%m/%Y"),))


def _certification(rng: random.Random, procedure: str) -> list[CaseDocument]:
    ctx = _context(rng)
    a, b = ctx.applicant, people.person(rng)
    docs: list[CaseDocument] = []
    if procedure == "2.000884":
        if rng.random() < 0.6:
            paper = commitment(rng, ctx.today, ctx.commune, a, b)
        else:
            paper = power_of_attorney(rng, ctx.today, ctx.commune, a, b)
        papers = ["Giấy cam kết" if paper.type_key == "giay_to_chung_thuc" else "Giấy ủy quyền"]
        main = [_from_synth(paper), _card(rng, a)]
    elif procedure == "2.001035":
        kind = rng.choice((0, 1, 2, 3, 0, 2))
        paper = contract(rng, ctx.today, ctx.commune, a, b, kind,
                         certifier="" if rng.random() < 0.5 else "Nguyễn Văn Hùng")
        papers = ["Dự thảo hợp đồng"]
        main = [_from_synth(paper), _card(rng, a), _card(rng, b)]
    else:
        paper = commitment(rng, ctx.today, ctx.commune, a, b)
        papers = ["Bản chính giấy tờ cần chứng thực"]
        main = [_from_synth(paper)]
    if rng.random() < 0.7:
        docs.append(_from_synth(certification_request(rng, ctx.today, ctx.commune, a, procedure,
                                                      papers)))
    docs.extend(main)
    if procedure == "2.001035" and rng.random() < 0.3:
        lease = contract(rng, ctx.today, ctx.commune, b, a, kind=5)
        docs.append(_from_synth(lease))
    return docs


def _with_cards(rng: random.Random, dossier: forms.SynthDossier) -> list[CaseDocument]:
    """The first generator's documents, its typed-out card replaced by a copied card."""
    docs: list[CaseDocument] = []
    for doc in dossier.documents:
        if doc.type_key == "can_cuoc":
            who = people.person(rng)
            number = doc.id_numbers[0] if doc.id_numbers else who.id_number
            birth_year = (1900 if number[3] in "01" else 2000) + int(number[4:6])
            who = Person(doc.full_names[0] if doc.full_names else who.full_name,
                         number[3] in "02", dt.date(birth_year, rng.randint(1, 12),
                                                    rng.randint(1, 28)),
                         number, who.province, who.ethnicity, who.address)
            docs.append(_card(rng, who))
        else:
            docs.append(_from_synth(doc))
    return docs


def make_case(index: int, seed: int | None = None) -> CaseDossier:
    """Dossier ``index`` of the set (the same index and seed always give the same dossier)."""
    rng = random.Random(f"casework-{_salt(seed)}{index}")
    procedure = rng.choices(PROCEDURES, _WEIGHTS)[0]
    if procedure.startswith("2."):
        docs = _certification(rng, procedure)
    else:
        docs = _with_cards(rng, forms.make_dossier(rng, procedure))
        if not any(d.type_key == "can_cuoc" for d in docs) and rng.random() < 0.7:
            docs.append(_card(rng, people.person(rng)))
    if rng.random() < 0.15:  # a separator sheet or the empty back of a page
        docs.insert(rng.randint(1, len(docs)), CaseDocument(None, (CasePage(blank=True),), (),
                                                            ()))
    return CaseDossier(index, procedure, tuple(docs))


def render_case_page(index: int, n: int, page: CasePage, seed: int | None = None) -> bytes:
    """The scanned image of page ``n`` of dossier ``index``, as the file a desk saves."""
    rng = random.Random(f"casework-scan-{_salt(seed)}{index}-{n}")
    if page.card is not None:
        plan = page.card
        image = identity_sheet(random.Random(plan.seed), plan.person, plan.kind, plan.dpi,
                               plan.number if plan.kind is CardKind.OLD else None).image
        fmt = "JPEG"
    else:
        dpi = rng.choice((200, 300, 300))
        if page.blank:
            image = Image.new("RGB", (round(8.27 * dpi), round(11.69 * dpi)), "white")
            image.info["dpi"] = (dpi, dpi)
        else:
            margins = (rng.uniform(20, 35), rng.uniform(12, 25), rng.uniform(12, 22),
                       rng.uniform(12, 20))
            image = render_lines(list(page.lines), font=rng.choice(("times", "arial", "dejavu")),
                                 dpi=dpi, margins_mm=margins,
                                 line_spacing=rng.uniform(1.12, 1.4)).image
        condition = rng.choice(SCANS)
        image = apply(image, condition, rng)
        fmt = "JPEG" if condition.startswith("noise") or condition == "photocopy" else "PNG"
    buffer = io.BytesIO()
    if fmt == "JPEG":
        image.convert("RGB").save(buffer, "JPEG", quality=rng.randint(70, 90),
                                  dpi=image.info.get("dpi", (300, 300)))
    else:
        image.save(buffer, "PNG", dpi=image.info.get("dpi", (300, 300)))
    return buffer.getvalue()
