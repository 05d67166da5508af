"""The procedure catalogue: every commune-level procedure, plus the reviewed components.

Loaded from ``resources/catalogue`` (``procedures.json`` built by a script,
``curated.json`` written by hand) through importlib.resources.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from rapidfuzz import fuzz

from tagging.errors import CatalogueError
from vntext import fold, nfc


@dataclass(frozen=True)
class Procedure:
    """One administrative procedure (thủ tục hành chính)."""

    code: str
    name: str
    field: str
    result_name: str
    result_code: str
    decision: str = ""
    # Component names as the national database lists them, cleaned mechanically.
    listed_components: tuple[str, ...] = ()
    curated: bool = False


@dataclass(frozen=True)
class DocumentType:
    """A kind of document staff scan: a form, a certificate, an identity paper."""

    key: str
    name: str
    phrases: tuple[str, ...] = ()
    # Printed labels of the body that only this kind of paper carries.
    body: tuple[str, ...] = ()


@dataclass(frozen=True)
class Component:
    """A dossier component of one procedure, as staff scan it."""

    key: str
    name: str
    required: bool
    phrases: tuple[str, ...] = ()
    # Other kinds of paper that stand for this component in this procedure (the power
    # of attorney is the paper whose signature is certified).
    also: tuple[str, ...] = ()

    def met_by(self, key: str) -> bool:
        return key == self.key or key in self.also


@dataclass(frozen=True)
class ProcedureProfile:
    """What identifies a curated procedure: its components and the phrases asking for it."""

    code: str
    components: tuple[Component, ...]
    cues: tuple[str, ...]


def _read_json(name: str) -> Any:
    try:
        text = (resources.files("resources") / "catalogue" / name).read_text(encoding="utf-8")
        return json.loads(text)
    except (OSError, ValueError) as e:
        raise CatalogueError(
            f"{name}: không đọc được danh mục thủ tục ({e}) — cannot read the procedure catalogue"
        ) from e


def _strip_procedure_word(folded: str) -> str:
    return folded[len("thu tuc "):] if folded.startswith("thu tuc ") else folded


class Catalogue:
    """Procedures, document types and the components each curated procedure needs."""

    def __init__(
        self,
        procedures: tuple[Procedure, ...],
        types: tuple[DocumentType, ...],
        profiles: tuple[ProcedureProfile, ...],
    ) -> None:
        self.procedures = procedures
        self._by_code = {p.code: p for p in procedures}
        self._types = types
        self._type_by_key = {t.key: t for t in types}
        self.profiles = profiles
        self._profile_by_code = {p.code: p for p in profiles}
        self._folded_names = [fold(p.name) for p in procedures]
        # Names without the leading "Thủ tục", which receipts and forms usually omit.
        self.short_folded_names = tuple(_strip_procedure_word(n) for n in self._folded_names)

    @classmethod
    def load(cls) -> Catalogue:
        """The catalogue shipped with the application (cached: it is read-only)."""
        return _load_cached()

    @classmethod
    def from_data(cls, built: dict[str, Any], curated: dict[str, Any]) -> Catalogue:
        types = tuple(
            DocumentType(
                key=str(t["key"]), name=nfc(str(t["name"])),
                phrases=tuple(nfc(str(p)) for p in t.get("phrases", ())),
                body=tuple(nfc(str(p)) for p in t.get("body", ())),
            )
            for t in curated.get("document_types", ())
        )
        by_key = {t.key: t for t in types}
        profiles: list[ProcedureProfile] = []
        for entry in curated.get("procedures", ()):
            components = []
            for c in entry.get("components", ()):
                dtype = by_key.get(str(c["key"]))
                if dtype is None:
                    raise CatalogueError(
                        f"curated.json: loại giấy tờ không có: {c['key']} — unknown document type"
                    )
                components.append(Component(dtype.key, dtype.name, bool(c.get("required")),
                                            dtype.phrases,
                                            tuple(str(k) for k in c.get("also", ()))))
            profiles.append(ProcedureProfile(
                code=str(entry["code"]), components=tuple(components),
                cues=tuple(nfc(str(q)) for q in entry.get("cues", ())),
            ))
        curated_codes = {p.code for p in profiles}
        procedures = tuple(
            Procedure(
                code=str(p["code"]), name=nfc(str(p["name"])), field=nfc(str(p.get("field", ""))),
                result_name=nfc(str(p.get("result_name", ""))),
                result_code=str(p.get("result_code", "")),
                decision=str(p.get("decision", "")),
                listed_components=tuple(nfc(str(c["name"])) for c in p.get("components", ())),
                curated=str(p["code"]) in curated_codes,
            )
            for p in built.get("procedures", ())
        )
        known = {p.code for p in procedures}
        for code in curated_codes - known:
            raise CatalogueError(f"curated.json: mã thủ tục không có: {code} — unknown procedure")
        return cls(procedures, types, tuple(profiles))

    def get(self, code: str) -> Procedure | None:
        return self._by_code.get(code.strip())

    def profile(self, code: str) -> ProcedureProfile | None:
        return self._profile_by_code.get(code)

    def document_type(self, key: str) -> DocumentType | None:
        return self._type_by_key.get(key)

    def document_types(self) -> tuple[DocumentType, ...]:
        """Every known document type (component kinds and supporting papers)."""
        return self._types

    def components(self, code: str) -> tuple[Component, ...]:
        """The components staff scan for a procedure: curated if reviewed, else as listed."""
        profile = self._profile_by_code.get(code)
        if profile is not None:
            return profile.components
        procedure = self._by_code.get(code)
        if procedure is None:
            return ()
        return tuple(
            Component(key=f"{code}#{i + 1}", name=name, required=False, phrases=(name,))
            for i, name in enumerate(procedure.listed_components)
        )

    def search(self, query: str, limit: int = 20) -> list[Procedure]:
        """Procedures matching ``query`` by code or name; marks and case do not matter."""
        q = " ".join(fold(query).split())
        if not q:
            return []
        scored: list[tuple[float, int, Procedure]] = []
        for procedure, name in zip(self.procedures, self._folded_names, strict=True):
            if procedure.code.startswith(q):
                score = 200.0
            elif q in name:
                # Whole phrase present: shorter names (the plain procedure) first.
                score = 150.0 - len(name) / 10
            else:
                score = fuzz.token_set_ratio(q, name)
                if score < 70:
                    continue
            scored.append((score, int(procedure.curated), procedure))
        scored.sort(key=lambda item: (-item[0], -item[1], item[2].code))
        return [p for _, _, p in scored[:limit]]


@cache
def _load_cached() -> Catalogue:
    return Catalogue.from_data(_read_json("procedures.json"), _read_json("curated.json"))
