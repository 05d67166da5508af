"""Long PDFs are streamed: pages come one at a time (OCR starts on the first while later
ones are still being read), import renders none of them, and a password-protected PDF
is called that in every path."""

from __future__ import annotations

import io
import threading
from pathlib import Path

import pikepdf
import pytest
from PIL import Image, ImageStat

import cli.cmd_ocr
from cli.main import main
from dossier import import_paths, iter_pages, process_batch, read_pages
from dossier.errors import RejectedFile
from dossier.pdfs import PDF_PAGE, PdfFile, _open_pdfium, iter_pdf_pages, page_image
from storage import Workspace, check_workspace
from storage import pages as page_store
from synth.pdfs import long_pdf
from tests.workspaces import init_workspace
from vntext import fold

# Small pages keep the real OCR below quick.
SMALL = ("A5",)


def _reads_as_the_form(text: str) -> bool:
    """Whether OCR read a few of the form's lines (typed pages carry them without marks)."""
    folded = fold(text).lower()
    return sum(phrase in folded for phrase in ("khai sinh", "hoa binh", "tu do", "viet nam",
                                               "nguoi", "thang 03")) >= 2


class Observed:
    """Which page images were made and which OCR results came out, in the order they
    happened (the real reader and the real OCR run; this only watches them)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.events: list[tuple[str, int]] = []
        self._lock = threading.Lock()
        made = PdfFile.image

        def image(pdf: PdfFile, index: int) -> object:
            result = made(pdf, index)
            self._add("read", index)
            return result

        monkeypatch.setattr(PdfFile, "image", image)
        recognise = cli.cmd_ocr.recognise_many

        def results(*args: object, **kwargs: object) -> object:
            for key, outcome in recognise(*args, **kwargs):  # type: ignore[arg-type]
                self._add("result", key[1])
                yield key, outcome

        monkeypatch.setattr(cli.cmd_ocr, "recognise_many", results)

    def _add(self, kind: str, index: int) -> None:
        with self._lock:
            self.events.append((kind, index))

    def reads(self) -> list[int]:
        return [i for kind, i in self.events if kind == "read"]


def test_pages_come_one_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    data = long_pdf(5, seed=3, kinds=("vector", "scan-flate"), sizes=SMALL)
    seen = Observed(monkeypatch)
    pages = iter_pages(data, "long.pdf")
    first = next(pages)
    assert first.index == 0 and seen.reads() == [0]  # nothing after the first page yet
    rest = list(pages)
    assert [p.index for p in rest] == [1, 2, 3, 4] and seen.reads() == [0, 1, 2, 3, 4]
    # The stream gives what the whole-file reader gives.
    assert [(p.data, p.media_type, p.width, p.height, p.dpi) for p in [first, *rest]] == [
        (p.data, p.media_type, p.width, p.height, p.dpi) for p in read_pages(data)]


def test_ocr_recognises_the_first_page_before_the_last_is_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    pdf = tmp_path / "dai.pdf"
    pdf.write_bytes(long_pdf(6, seed=4, kinds=("vector", "scan-jpeg"), sizes=SMALL))
    seen = Observed(monkeypatch)
    assert main(["ocr", "--jobs", "1", "--out", str(tmp_path / "out"), str(pdf)]) == 0
    events = seen.events
    assert events.index(("result", 0)) < events.index(("read", 5))
    # Memory is bounded by structure: at most 2 x jobs pages are handed to OCR ahead of
    # the results (one more may be read while a result is on its way out here).
    ahead = reads = results = 0
    for kind, _ in events:
        reads += kind == "read"
        results += kind == "result"
        ahead = max(ahead, reads - results)
    assert ahead <= 3
    # And nothing was lost on the way: six pages of text, in order, and a six-page PDF.
    text = (tmp_path / "out" / "dai.txt").read_text("utf-8").split("\f")
    assert len(text) == 6
    assert all(_reads_as_the_form(page) for page in text), text
    assert len(pikepdf.open(tmp_path / "out" / "dai.pdf").pages) == 6
    assert capsys.readouterr().err == ""


def test_import_renders_no_page_and_processing_makes_the_same_images(
        workspace: Workspace, tmp_path: Path) -> None:
    pdf = tmp_path / "hoso.pdf"
    data = long_pdf(8, seed=5, sizes=("A5", "A4-landscape"))
    pdf.write_bytes(data)
    report = import_paths(workspace, [pdf])
    assert report.problems == []
    pages = page_store.list_pages(workspace, report.batch_id)
    assert [p.source_page for p in pages] == list(range(8))
    expected = list(iter_pdf_pages(data))
    blobs_before = set(workspace.blobs)
    for page, source in zip(pages, expected, strict=True):
        if source.media_type == "image/jpeg":  # a scanned page: its JPEG, byte for byte
            assert page.media_type == "image/jpeg"
            assert workspace.blobs.read(page.image_sha) == source.data
        else:  # anything else stays in its PDF until it is needed
            assert page.media_type == PDF_PAGE and page.image_sha == page.source_sha
        assert (page.width, page.height, page.dpi) == (source.width, source.height, source.dpi)
        # Made when asked for, the same image the file reader gives.
        assert page_image(workspace, page) == source.data
    assert {p.media_type for p in pages} == {"image/jpeg", PDF_PAGE}
    assert set(workspace.blobs) == blobs_before  # asking made nothing to store
    done, failed = process_batch(workspace, report.batch_id, jobs=1)
    assert (done, failed) == (8, 0)
    for page in page_store.list_pages(workspace, report.batch_id):
        assert _reads_as_the_form(page.text or ""), page.text
    assert check_workspace(workspace).ok


def _encrypted(user: str, owner: str = "chu-so-huu") -> bytes:
    return long_pdf(2, seed=6, kinds=("vector",), sizes=SMALL,
                    encryption=pikepdf.Encryption(user=user, owner=owner))


@pytest.mark.parametrize("reader", ["read_pages", "iter_pages", "pdfium"])
def test_a_user_password_is_named_as_such(reader: str) -> None:
    data = _encrypted(user="mat-khau")
    with pytest.raises(RejectedFile) as caught:
        if reader == "pdfium":
            _open_pdfium(data)
        elif reader == "iter_pages":
            next(iter_pages(data, "khoa.pdf"))
        else:
            read_pages(data, "khoa.pdf")
    assert "password-protected" in caught.value.reason_en
    assert "mật khẩu" in caught.value.reason_vi
    assert "damaged" not in str(caught.value)


def test_an_owner_password_alone_opens() -> None:
    pages = read_pages(_encrypted(user=""), "chi-chu.pdf")
    assert len(pages) == 2
    with Image.open(io.BytesIO(pages[0].data)) as image:
        assert ImageStat.Stat(image.convert("L")).extrema[0][0] < 100  # the text is there


def test_password_protected_in_import_and_ocr(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    locked = tmp_path / "khoa.pdf"
    locked.write_bytes(_encrypted(user="mat-khau"))
    open_only = tmp_path / "mo.pdf"
    open_only.write_bytes(_encrypted(user=""))
    ws = init_workspace(tmp_path / "ws")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SOHOA_USER", "admin")
        env.setenv("SOHOA_PASSWORD", "mat-khau-thu-1")
        code = main(["--workspace", str(ws), "import", "--no-process", str(locked),
                     str(open_only)])
    err = capsys.readouterr().err
    assert code == 1
    lines = [line for line in err.splitlines() if line.startswith(f"{locked}: ")]
    assert len(lines) == 1 and "password-protected" in lines[0] and "damaged" not in lines[0]
    assert f"{open_only}:" not in err
    code = main(["ocr", "--jobs", "1", "--out", str(tmp_path / "out"), str(locked),
                 str(open_only)])
    err = capsys.readouterr().err
    assert code == 1
    assert err.strip().splitlines() == [
        f"{locked}: PDF có mật khẩu, hãy mở khóa rồi nhập lại — the PDF is password-protected;"
        " unlock it and import again"]
    assert (tmp_path / "out" / "mo.txt").exists()


def test_a_pdf_refused_on_its_last_page_leaves_nothing_stored(
        workspace: Workspace, tmp_path: Path) -> None:
    pdf = pikepdf.open(io.BytesIO(long_pdf(3, seed=7, kinds=("vector",), sizes=SMALL)))
    pdf.pages[2].MediaBox = [0, 0, 20000, 20000]  # 83 000 px a side at 300 dpi
    path = tmp_path / "to.pdf"
    pdf.save(path)
    before = set(workspace.blobs)
    report = import_paths(workspace, [path])
    assert [p.item for p in report.problems] == [str(path)]
    assert "too large" in report.problems[0].reason
    assert report.pages_added == []
    assert set(workspace.blobs) == before
