"""Search speed over the text of 100,000 pages in an encrypted (SQLCipher) workspace.
Target: median query < 50 ms.

Queries are one to three words, whole or with the last one cut short (as typed).

Usage: python benchmarks/search_speed.py [--pages N] [--queries N] [--plaintext]
       [--workspace DIR]   (keep the populated workspace in DIR and reuse it next time)
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_workspace import open_bench_workspace

from storage import Workspace, transaction
from storage.search import index_page_text, search_pages
from vntext import fold_words

CATALOGUE = Path(__file__).resolve().parents[2] / "shared" / "data" / "procedures-commune.json"


def corpus_words() -> list[str]:
    if CATALOGUE.is_file():
        items = json.loads(CATALOGUE.read_text("utf-8"))
        text = " ".join(p.get("name", "") + " " + p.get("components_raw", "") for p in items)
    else:
        text = (
            "Tờ khai đăng ký khai sinh kết hôn khai tử xác nhận tình trạng hôn nhân "
            "thường trú tạm trú chứng thực bản sao hợp đồng di chúc"
        ) * 10
    return text.split()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--plaintext", action="store_true",
                        help="a plaintext workspace instead, for comparison")
    parser.add_argument("--workspace", type=Path, metavar="DIR",
                        help="populate DIR once and reuse it (else a temporary workspace)")
    args = parser.parse_args()
    words = corpus_words()
    rng = random.Random(11)
    with contextlib.ExitStack() as stack:
        root = args.workspace or Path(stack.enter_context(tempfile.TemporaryDirectory())) / "ws"
        ws = stack.enter_context(open_bench_workspace(root, encrypted=not args.plaintext))
        start = time.perf_counter()
        populated = ws.conn.execute("SELECT COUNT(*) FROM page").fetchone()[0]
        if populated not in (0, args.pages):
            sys.exit(f"{root}: holds {populated} pages, not {args.pages}")
        if not populated:
            populate(ws, args.pages, words, random.Random(11))
        build = time.perf_counter() - start
        rng = random.Random(12)
        vocabulary = sorted({w for w in fold_words(" ".join(words)) if len(w) > 2})
        queries = [" ".join(rng.sample(vocabulary, rng.randint(1, 3))) for _ in range(args.queries)]
        queries += ["dang ky ket hon", "giay chung sinh", "tam tru", "ban sao"]
        # A quarter cut short, as while typing: the last word is then a prefix.
        queries = [q[: -rng.randint(1, 3)] if i % 4 == 3 and len(q.split()[-1]) > 4 else q
                   for i, q in enumerate(queries)]
        search_pages(ws.conn, queries[0], limit=50)  # the first opens the index
        timings, cpu = [], []
        hits = 0
        for query in queries:
            t0, c0 = time.perf_counter(), time.process_time()
            hits += len(search_pages(ws.conn, query, limit=50))
            timings.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
    median = statistics.median(timings)
    p95 = sorted(timings)[int(len(timings) * 0.95)]
    kind = "plaintext SQLite" if args.plaintext else "SQLCipher"
    made = "reused" if populated else f"indexed in {build:.0f} s"
    print(f"{args.pages} pages ({kind}), {made}; {len(queries)} queries, {hits} hits")
    print(
        f"median query: {median:.1f} ms wall, {statistics.median(cpu):.1f} ms CPU; "
        f"p95: {p95:.1f} ms (target median < 50 ms) -> {'PASS' if median < 50 else 'FAIL'}"
    )


def populate(ws: Workspace, pages: int, words: list[str], rng: random.Random) -> None:
    with transaction(ws.conn):
        ws.conn.execute(
            "INSERT INTO batch (id, created_at, source, state) "
            "VALUES (1, 'now', 'bench', 'processed')"
        )
        for page_id in range(1, pages + 1):
            text = " ".join(rng.choices(words, k=rng.randint(150, 350)))
            ws.conn.execute(
                "INSERT INTO page (id, batch_id, seq, source_sha, image_sha, source_name, "
                "media_type, width, height, state, text, created_at) "
                "VALUES (?, 1, ?, ?, ?, ?, 'image/png', 2480, 3508, 'processed', ?, 'now')",
                (page_id, page_id, f"s{page_id}", f"i{page_id}", f"{page_id}.png", text),
            )
            index_page_text(ws.conn, page_id, text)


if __name__ == "__main__":
    main()
