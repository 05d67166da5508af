"""Tagging: which procedure a dossier is for, which component each document is, whose.

Suggestions carry a confidence; clerks confirm them and the type model learns.
"""

from __future__ import annotations

from tagging.catalogue import Catalogue, Component, DocumentType, Procedure, ProcedureProfile
from tagging.errors import CatalogueError, ModelError, TaggingError
from tagging.fields import Fields, extract_fields
from tagging.identity import IdentityReading, decode_codes, read_identity, wants_codes
from tagging.model import BackgroundTrainer, TrainingExample, TypeModel
from tagging.tagger import (
    FLAG_BLANK,
    FLAG_UNTYPED,
    Checklist,
    DocumentTag,
    DossierTag,
    PageText,
    Suggestion,
    checklist,
    split_documents,
    tag_dossier,
    to_json,
)

__all__ = [
    "FLAG_BLANK", "FLAG_UNTYPED", "BackgroundTrainer", "Catalogue", "CatalogueError",
    "Checklist", "Component", "DocumentTag",
    "DocumentType", "DossierTag", "Fields", "IdentityReading", "ModelError", "PageText",
    "Procedure", "ProcedureProfile", "Suggestion", "TaggingError", "TrainingExample", "TypeModel",
    "checklist", "decode_codes", "extract_fields", "read_identity", "split_documents",
    "tag_dossier", "to_json", "wants_codes",
]
