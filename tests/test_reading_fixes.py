"""Reading fixes of issue 9 point 1: a PDF page of one line, 表四 in pieces, titles with 关于."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdfbytes import text_pages

from extractor.pipeline import process


def _read(tmp_path: Path, pages: list[list[str]]):
    p = tmp_path / "r.pdf"
    p.write_bytes(text_pages(pages))
    return process(p, upto="read")


def test_pdf_page_holding_only_its_page_number_is_read(tmp_path: Path) -> None:
    r = _read(tmp_path, [["First page of the report", "a second line of prose", "1"],
                         ["2"],
                         ["Third page with its own text", "3"]])
    assert r.status == "ok", r.error
    assert "Third page with its own text" in r.text
    assert "\n2\n" not in f"\n{r.text}\n"  # the lone page number is still dropped


@pytest.mark.parametrize("lone", ["Running header of the office", "A page of one line of prose"])
def test_pdf_page_of_one_line_among_running_headers(tmp_path: Path, lone: str) -> None:
    head = "Running header of the office"
    pages = [[head, f"body text of page {i} goes here", f"closing words {i}"] for i in range(4)]
    pages.insert(2, [lone])
    r = _read(tmp_path, pages)
    assert r.status == "ok", r.error
    assert "body text of page 3 goes here" in r.text
    assert (lone in r.text) == (lone != head)  # a lone running header goes, a lone line of prose stays
