"""The PDF reader that takes text pages from pypdfium2 reads every PDF we have exactly as the
pdfplumber-only reader does: the same text, blocks, grids, pages, and so the same fields with the
same provenance (page, row and column labels, raw text)."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest

from extractor.pipeline import run_stages
from extractor.read import pdf as pdf_reader
from extractor.read import read_bytes

import pdfbytes

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"


def _pdfs() -> list[Path]:
    found = sorted((ROOT / "corpus").glob("*.pdf"))
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


def test_text_pages_skip_pdfplumber_and_table_pages_use_it(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (ROOT / "corpus" / "synth-0001.pdf").read_bytes()
    seen: list[int] = []
    original = pdf_reader._read_page

    def spy(page: Any) -> Any:
        seen.append(page.page_number)
        return original(page)

    monkeypatch.setattr(pdf_reader, "_read_page", spy)
    r = read_bytes(data, "a.pdf", ".pdf")
    assert r.status == "ok" and r.meta.pages and r.grids
    table_pages = sorted({g.page for g in r.grids})
    assert seen == table_pages  # only the pages that hold the tables went through pdfplumber
    assert len(seen) < r.meta.pages


@pytest.mark.parametrize("make,code", [(pdfbytes.image_only, "no_text_layer"), (pdfbytes.encrypted, "encrypted"),
                                       (pdfbytes.garbage, "unreadable")])
def test_damaged_and_empty_pdfs_are_diagnosed_as_before(make: Any, code: str, monkeypatch: pytest.MonkeyPatch) -> None:
    data = make()
    slow = _read(data, "x.pdf", False, monkeypatch)
    fast = _read(data, "x.pdf", True, monkeypatch)
    assert fast.status == slow.status == "error"
    assert fast.error == slow.error and fast.error.code == code
