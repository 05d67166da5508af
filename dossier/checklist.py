"""The checklist of a dossier: what its procedure asks for, and what it has.

The dossier screen shows it, ``sohoa dossiers`` lists what is missing, and packing refuses
a dossier that lacks a required component; all three read it here.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from dossier.assembly import catalogue
from dossier.reuse import reused_keys
from storage import Workspace
from storage import dossiers as dossier_store


class Mark(enum.StrEnum):
    PRESENT = "present"                    # a required component, in the dossier
    OPTIONAL_PRESENT = "optional_present"  # an optional one, in the dossier
    MISSING = "missing"                    # a required one the dossier lacks
    OPTIONAL_ABSENT = "optional_absent"    # an optional one it does not have
    EXTRA = "extra"                        # a document the procedure does not list


@dataclass(frozen=True)
class ChecklistLine:
    mark: Mark
    name: str


@dataclass(frozen=True)
class DossierChecklist:
    """The components of a dossier's procedure against its documents, in the order a
    clerk reads them: present, optional present, missing, optional absent, extra."""

    procedure_code: str
    lines: tuple[ChecklistLine, ...]

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(line.name for line in self.lines if line.mark == Mark.MISSING)


def dossier_checklist(ws: Workspace, dossier_id: int) -> DossierChecklist | None:
    """What the dossier has of what its procedure asks for; None while it has no procedure
    the catalogue knows. Components reused from the citizen's documents on file count as
    present, as they do in the record."""
    from tagging import checklist

    found = dossier_store.get_dossier(ws, dossier_id)
    if found is None or not found.procedure_code:
        return None
    cat = catalogue()
    code = found.procedure_code
    if cat.get(code) is None:
        return None
    keys = [d.type_key for d in dossier_store.documents_of(ws, dossier_id) if d.type_key]
    keys += list(reused_keys(ws, dossier_id))
    result = checklist(cat, code, keys)
    lines = [ChecklistLine(Mark.PRESENT, c.name) for c in result.present]
    lines += [ChecklistLine(Mark.OPTIONAL_PRESENT, c.name) for c in result.optional_present]
    lines += [ChecklistLine(Mark.MISSING, c.name) for c in result.missing]
    have = {c.key for c in result.optional_present}
    lines += [ChecklistLine(Mark.OPTIONAL_ABSENT, c.name) for c in cat.components(code)
              if not c.required and c.key not in have]
    for key in result.extra:
        dtype = cat.document_type(key)
        lines.append(ChecklistLine(Mark.EXTRA, dtype.name if dtype else key))
    return DossierChecklist(code, tuple(lines))
