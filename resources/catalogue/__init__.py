"""The procedure catalogue: ``procedures.json`` (built) and ``curated.json`` (reviewed by hand)."""
