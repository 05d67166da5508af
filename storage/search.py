"""Full-text search over page text, folded for Vietnamese (marks and đ→d)."""

from __future__ import annotations

import re
import sqlite3

from storage.model import SearchHit
from vntext import fold, fold_aligned, fold_words, nfc

_SNIPPET_RADIUS = 60


def index_page_text(conn: sqlite3.Connection, page_id: int, text: str | None) -> None:
    """(Re)index one page; call inside the transaction that changes its text."""
    conn.execute("DELETE FROM page_fts WHERE rowid = ?", (page_id,))
    if text:
        conn.execute("INSERT INTO page_fts (rowid, body) VALUES (?, ?)", (page_id, fold(text)))


def fts_query(query: str, *, prefix: bool = True) -> str | None:
    """Turn what a clerk typed into an FTS5 query: every word, the last as a prefix
    (``prefix=False``: every word whole)."""
    words = fold_words(query)
    if not words:
        return None
    quoted = [f'"{w}"' for w in words]
    if prefix:
        quoted[-1] += "*"
    return " ".join(quoted)


# Ranking (bm25) reads every matching row and, for each word, every page holding it: over
# a large workspace a common word costs hundreds of milliseconds. Up to this many matches
# the hits come best first; beyond it the words are everywhere and the hits come newest
# first (the dossiers at hand), which SQLite reads lazily from the index — the pages with
# every word whole when there are that many, else with the last word as a prefix.
RANKED_AT_MOST = 500


def search_pages(
    conn: sqlite3.Connection, query: str, limit: int = 50, *, ranked_at_most: int = RANKED_AT_MOST
) -> list[SearchHit]:
    match = fts_query(query)
    if match is None:
        return []
    # Every word whole is cheap to read newest first; the last word as a prefix makes
    # SQLite gather all its completions first, so it is only asked when needed.
    newest = 0
    for expression in dict.fromkeys((fts_query(query, prefix=False), match)):
        newest = len(conn.execute(
            "SELECT rowid FROM page_fts WHERE page_fts MATCH ? ORDER BY rowid DESC LIMIT ?",
            (expression, ranked_at_most + 1)).fetchall())
        if newest > ranked_at_most:
            break
    if newest > ranked_at_most:
        rows = conn.execute(
            "SELECT page.id, page.batch_id, page.source_name, page.image_sha, page.text, "
            "0.0 AS rank FROM page_fts JOIN page ON page.id = page_fts.rowid "
            "WHERE page_fts MATCH ? AND page.deleted = 0 ORDER BY page_fts.rowid DESC LIMIT ?",
            (expression, limit),
        ).fetchall()
    else:
        # Rank inside the FTS index first and join only the best rows: joining every
        # match to its (large) page row before sorting costs more than the ranking.
        rows = conn.execute(
            "SELECT page.id, page.batch_id, page.source_name, page.image_sha, page.text, "
            "best.rank FROM (SELECT rowid, rank FROM page_fts WHERE page_fts MATCH ? "
            "ORDER BY rank LIMIT ?) AS best JOIN page ON page.id = best.rowid "
            "WHERE page.deleted = 0 ORDER BY best.rank",
            (match, limit * 2),
        ).fetchall()[:limit]
    words = fold_words(query)
    hits = []
    for row in rows:
        snippet, spans = make_snippet(nfc(row["text"] or ""), words)
        hits.append(SearchHit(row[0], row[1], row[2], row[3], snippet, spans, float(row["rank"])))
    return hits


def make_snippet(text: str, words: list[str]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The original text around the first match, with the spans of every match in it."""
    folded, index = fold_aligned(text)
    patterns: list[re.Pattern[str]] = []
    if len(words) > 1:
        # The words together, as typed, are the match; each word alone only when the text
        # never has them together (else "van an" lights every "văn" and every "anh").
        phrase = re.compile(r"\b" + r"\W+".join(re.escape(w) for w in words))
        if phrase.search(folded):
            patterns = [phrase]
    if not patterns:
        patterns = [re.compile(rf"\b{re.escape(word)}" + ("" if i == len(words) - 1 else r"\b"))
                    for i, word in enumerate(words)]
    firsts = [m for m in (p.search(folded) for p in patterns) if m]
    if not firsts:
        return text[: 2 * _SNIPPET_RADIUS], ()
    # Only the matches near the first one are shown: read no further than the snippet.
    first, first_end = min((index[m.start()], index[m.end() - 1] + 1) for m in firsts)
    lo = max(0, first - _SNIPPET_RADIUS)
    hi = min(len(text), first + 2 * _SNIPPET_RADIUS)
    # Start and end on word boundaries, so the snippet never opens mid-word.
    if lo > 0:
        space = max(text.rfind(" ", 0, lo + 1), text.rfind("\n", 0, lo + 1))
        lo = space + 1 if space >= 0 and first - space < 2 * _SNIPPET_RADIUS else lo
    if hi < len(text):
        cut = max(text.rfind(" ", first, hi), text.rfind("\n", first, hi))
        hi = cut if cut > first_end else hi
    spans: list[tuple[int, int]] = []
    for pattern in patterns:
        for m in pattern.finditer(folded):
            start = index[m.start()]
            if start >= hi:
                break
            spans.append((start, index[m.end() - 1] + 1))
    spans.sort()
    snippet = text[lo:hi].replace("\n", " ").replace("\f", " ")
    inside = tuple((s - lo, e - lo) for s, e in spans if s >= lo and e <= hi)
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(text) else ""
    shifted = tuple((s + len(prefix), e + len(prefix)) for s, e in inside)
    return prefix + snippet + suffix, shifted
