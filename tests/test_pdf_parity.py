"""The PDF reader that takes text pages from pypdfium2 reads every PDF we have exactly as the
pdfplumber-only reader does: the same text, blocks, grids, pages, and so the same fields with the
same provenance (page, row and column labels, raw text)."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

import pdfbytes
import pytest

from extractor.pipeline import run_stages
from extractor.read import pdf as pdf_reader
from extractor.read import read_bytes

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"


def _pdfs() -> list[Path]:
    found = sorted((ROOT / "corpus" / "reports").glob("*.pdf"))
    if SHARED.is_dir():
        found += sorted(SHARED.glob("*.pdf"))
    return found


def _read(data: bytes, name: str, fast: bool, monkeypatch: pytest.MonkeyPatch) -> Any:
    with monkeypatch.context() as m:
        if not fast:
            m.setattr(pdf_reader._Pdfium, "open", staticmethod(lambda data, n: None))
        return run_stages(read_bytes(data, name, ".pdf"), "structure")


def _view(r: Any) -> dict[str, Any]:
    return {
        "status": r.status, "error": r.error, "pages": r.meta.pages, "text": r.text,
        "page_offsets": r.page_offsets, "blocks": [asdict(b) for b in r.blocks],
        "grids": [asdict(g) for g in r.grids],
        "fields": {k: asdict(v) for k, v in r.fields.items()}, "meta": asdict(r.meta), "notes": r.notes,
    }


@pytest.mark.parametrize("path", _pdfs(), ids=lambda p: p.name)
def test_pdfium_text_pages_read_as_pdfplumber_reads_them(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = path.read_bytes()
    slow = _view(_read(data, path.name, False, monkeypatch))
    fast = _view(_read(data, path.name, True, monkeypatch))
    assert slow["fields"], "no fields read: nothing compared"
    for key in slow:
        assert fast[key] == slow[key], key


@pytest.mark.parametrize("path", _pdfs(), ids=lambda p: p.name)
def test_no_page_goes_through_pdfminer(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Text and table pages alike are read from pdfium's objects: pdfminer never lays a page out
    (that is what made reading a PDF cost more than pdfplumber's own pass)."""
    import pdfplumber.page

    laid_out: list[int] = []
    original = pdfplumber.page.Page.parse_objects

    def spy(self: Any) -> Any:
        laid_out.append(self.page_number)
        return original(self)

    monkeypatch.setattr(pdfplumber.page.Page, "parse_objects", spy)
    r = read_bytes(path.read_bytes(), path.name, ".pdf")
    assert r.status == "ok" and r.grids
    assert laid_out == []


def test_a_page_pdfium_cannot_describe_goes_through_pdfplumber(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (ROOT / "corpus" / "reports" / "synth-0001.pdf").read_bytes()
    monkeypatch.setattr(pdf_reader, "_paths", lambda page: None)  # e.g. paths inside a form
    fast = read_bytes(data, "a.pdf", ".pdf")
    with monkeypatch.context() as m:
        m.setattr(pdf_reader._Pdfium, "open", staticmethod(lambda data, n: None))
        slow = read_bytes(data, "a.pdf", ".pdf")
    assert fast.text == slow.text and [g.rows for g in fast.grids] == [g.rows for g in slow.grids]


def test_what_may_hold_a_table() -> None:
    """Two columns need three vertical rules; a thin path is one rule, a box two."""
    pdfium = pytest.importorskip("pypdfium2")
    doc = pdfium.PdfDocument((ROOT / "corpus" / "reports" / "synth-0001.pdf").read_bytes())
    try:
        verdicts = [pdf_reader._may_hold_table(pdf_reader._paths(doc[i]) or []) for i in range(len(doc))]
    finally:
        doc.close()
    r = read_bytes((ROOT / "corpus" / "reports" / "synth-0001.pdf").read_bytes(), "a.pdf", ".pdf")
    table_pages = {g.page for g in r.grids}
    assert [i + 1 in table_pages for i in range(len(verdicts))] == verdicts


@pytest.mark.parametrize("make,code", [(pdfbytes.image_only, "no_text_layer"), (pdfbytes.encrypted, "encrypted"),
                                       (pdfbytes.garbage, "unreadable")])
def test_damaged_and_empty_pdfs_are_diagnosed_as_before(make: Any, code: str, monkeypatch: pytest.MonkeyPatch) -> None:
    data = make()
    slow = _read(data, "x.pdf", False, monkeypatch)
    fast = _read(data, "x.pdf", True, monkeypatch)
    assert fast.status == slow.status == "error"
    assert fast.error == slow.error and fast.error.code == code


def test_freshly_generated_pdfs_read_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """PDFs LibreOffice makes now from new random reports (skipped where it is not installed)."""
    from xxgk_synth import generate
    from xxgk_synth.render import pdf as pdf_render

    if pdf_render.soffice() is None:
        pytest.skip("LibreOffice (soffice) not installed")
    generate(tmp_path, 3, seed=4242, formats=("pdf",))
    made = sorted(tmp_path.glob("*.pdf"))
    assert made
    for path in made:
        data = path.read_bytes()
        slow = _view(_read(data, path.name, False, monkeypatch))
        fast = _view(_read(data, path.name, True, monkeypatch))
        assert fast == slow, path.name


def test_a_page_pdfium_fails_on_goes_through_pdfplumber(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (ROOT / "corpus" / "reports" / "synth-0002.pdf").read_bytes()
    slow = _view(_read(data, "a.pdf", False, monkeypatch))

    def broken(textpage: Any, height: float) -> Any:
        raise OSError("pdfium could not read the text")

    monkeypatch.setattr(pdf_reader, "_pdfium_chars", broken)
    assert _view(_read(data, "a.pdf", True, monkeypatch)) == slow
