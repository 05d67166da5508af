from __future__ import annotations

from storage import Workspace
from storage import pages as page_store
from storage.search import search_pages
from vntext import fold, normalise_tone_style


def _page_with_text(ws: Workspace, text: str, name: str = "p.png") -> int:
    batch = page_store.create_batch(ws)
    sha = ws.blobs.put_bytes(name.encode() + text.encode())
    [(page_id, _)] = page_store.add_pages(
        ws, batch, [page_store.NewPage(sha, 0, sha, name, "image/png", 10, 10, 300)]
    )
    page_store.store_ocr(ws, page_id, page_store.OcrOutcome(0, 0.0, False, text, 90.0, None, None))
    return page_id


def test_fold_removes_marks_and_maps_d() -> None:
    assert fold("Đăng ký KẾT HÔN") == "dang ky ket hon"
    assert fold("Ủy ban nhân dân xã Đông Hòa") == "uy ban nhan dan xa dong hoa"
    assert fold("hoà") == fold("hòa") == "hoa"


def test_tone_style_is_unified() -> None:
    assert normalise_tone_style("hoà thuỷ khoẻ") == "hòa thủy khỏe"
    assert normalise_tone_style("hoàn toàn") == "hoàn toàn"  # closed syllable: unchanged


def test_search_ignores_marks_and_shows_original(workspace: Workspace) -> None:
    page_id = _page_with_text(workspace, "Tờ khai đăng ký kết hôn của ông Đặng Văn Đức")
    _page_with_text(workspace, "Giấy chứng sinh", name="q.png")
    hits = search_pages(workspace.conn, "dang ky ket hon")
    assert [h.page_id for h in hits] == [page_id]
    hit = hits[0]
    highlighted = [hit.snippet[s:e] for s, e in hit.highlights]
    # Folding matches "Đặng" for "dang" as well: both are highlighted, marks kept.
    # The phrase is the match: the name Đặng elsewhere on the page is not lit.
    assert highlighted == ["đăng ký kết hôn"]
    assert [h.page_id for h in search_pages(workspace.conn, "DUC")] == [page_id]
    assert [h.page_id for h in search_pages(workspace.conn, "Đức")] == [page_id]


def test_search_prefix_and_no_match(workspace: Workspace) -> None:
    page_id = _page_with_text(workspace, "Xác nhận tình trạng hôn nhân")
    assert [h.page_id for h in search_pages(workspace.conn, "tinh tra")] == [page_id]
    assert search_pages(workspace.conn, "khai tử") == []
    assert search_pages(workspace.conn, "  ") == []
    assert search_pages(workspace.conn, '"') == []


def test_corrected_text_is_reindexed(workspace: Workspace) -> None:
    page_id = _page_with_text(workspace, "Giấy báo tủ")
    page_store.update_page_text(workspace, page_id, "Giấy báo tử")
    assert [h.snippet for h in search_pages(workspace.conn, "bao tu")] == ["Giấy báo tử"]


def test_snippet_starts_and_ends_on_word_boundaries(workspace: Workspace) -> None:
    words = " ".join(f"từ{i}" for i in range(40))
    _page_with_text(workspace, f"{words} GIẤY CHỨNG SINH {words}")
    [hit] = search_pages(workspace.conn, "giay chung sinh")
    body = hit.snippet.strip("…")
    assert body.split(" ")[0].startswith("từ") and body.split(" ")[-1].startswith("từ")
    assert all(token.startswith("từ") or token in ("GIẤY", "CHỨNG", "SINH")
               for token in body.split(" "))
    assert [hit.snippet[s:e] for s, e in hit.highlights] == ["GIẤY CHỨNG SINH"]


def test_best_first_then_newest_first_when_the_words_are_everywhere(
        workspace: Workspace) -> None:
    often = _page_with_text(workspace, "hộ tịch hộ tịch hộ tịch, sổ hộ tịch", name="a.png")
    once = [_page_with_text(workspace, f"Sổ hộ tịch số {n} và các giấy tờ kèm theo khác",
                            name=f"{n}.png") for n in range(4)]
    # Few matches: best first (the page that says it most), the rest after it.
    ranked = [h.page_id for h in search_pages(workspace.conn, "ho tich")]
    assert ranked[0] == often and sorted(ranked[1:]) == once
    # More matches than are ranked: newest first, whole words before a prefix.
    newest = [h.page_id for h in search_pages(workspace.conn, "ho tich", ranked_at_most=3)]
    assert newest == [*reversed(once), often]
    assert [h.page_id for h in search_pages(workspace.conn, "ho tic", limit=2,
                                            ranked_at_most=3)] == [once[3], once[2]]
    # The snippet and its highlights are the same whichever way the hits were found.
    [ranked_hit] = [h for h in search_pages(workspace.conn, "ho tich") if h.page_id == often]
    [newest_hit] = [h for h in search_pages(workspace.conn, "ho tich", ranked_at_most=3)
                    if h.page_id == often]
    assert ranked_hit.snippet == newest_hit.snippet
    assert [ranked_hit.snippet[s:e] for s, e in ranked_hit.highlights] == ["hộ tịch"] * 4
