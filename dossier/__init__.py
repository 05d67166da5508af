"""Domain model and use cases shared by the desktop app and the command line.

Import a batch, process it, assemble a dossier, pack it, queue it.
"""

from __future__ import annotations

from dossier.batches import Resumed, interrupted_batches, resume_interrupted, run_import
from dossier.errors import DossierError, NotFound, RejectedFile
from dossier.importing import (
    ImportedFile,
    ImportItem,
    ImportReport,
    Problem,
    expand_paths,
    import_items,
    import_paths,
    is_temporary_name,
    start_batch,
)
from dossier.processing import (
    PageProcessed,
    import_and_process,
    import_items_and_process,
    process_batch,
    process_pages,
)
from dossier.queries import search
from dossier.sources import SourcePage, iter_file_pages, iter_pages, read_pages
from failures import Cancelled
from storage import (
    Batch,
    BatchPlan,
    BatchState,
    Document,
    Dossier,
    DossierState,
    Page,
    PageState,
    Record,
    SearchHit,
    UploadState,
)

__all__ = [
    "Batch",
    "BatchPlan",
    "BatchState",
    "Cancelled",
    "Document",
    "Dossier",
    "DossierError",
    "DossierState",
    "ImportItem",
    "ImportReport",
    "ImportedFile",
    "NotFound",
    "Page",
    "PageProcessed",
    "PageState",
    "Problem",
    "Record",
    "RejectedFile",
    "Resumed",
    "SearchHit",
    "SourcePage",
    "UploadState",
    "expand_paths",
    "import_and_process",
    "import_items",
    "import_items_and_process",
    "import_paths",
    "interrupted_batches",
    "is_temporary_name",
    "iter_file_pages",
    "iter_pages",
    "process_batch",
    "process_pages",
    "read_pages",
    "resume_interrupted",
    "run_import",
    "search",
    "start_batch",
]
