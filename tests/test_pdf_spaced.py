"""Text a word processor set apart (bench/pdfs.py chromium-distributed, chromium-letterspaced):
letter spacing on every character (字符间距 加宽), cells and headings distributed over their width
(分散对齐), a short line justified to the margin. The text layer has no spaces there; the reader
saw gaps and put spaces in them (申 请 2 1 8 件), and the prose's figures and headings were lost.
A space the layout made is taken out; a space between two cells' figures stays. Every PDF here is
built byte by byte, its sentences and tables written for the test."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_pdf_shapes import _Cjk, _cjk_pdf

from extractor.pipeline import process
from extractor.read import pdf as pdf_reader

SIZE = 10


def _spaced(font: _Cjk, text: str, x: float, y: float, pitch: float) -> bytes:
    """`text` one character every `pitch` points: every character of the font is 1 em wide, and
    the character spacing (Tc, what a word processor writes for its letter spacing) adds the
    gap of pitch − 10 after each."""
    shown = font.show(text, x, y, SIZE)
    return shown.replace(b"BT ", f"BT {pitch - SIZE:g} Tc ".encode(), 1)


def _read(tmp_path: Path, pages: list[bytes], font: _Cjk, monkeypatch: pytest.MonkeyPatch, fast: bool,
          upto: str = "read") -> Any:
    if not fast:  # the pages through pdfplumber itself, as a page pdfium cannot describe goes
        monkeypatch.setattr(pdf_reader._Pdfium, "open", staticmethod(lambda data, n: None))
    p = tmp_path / "spaced.pdf"
    p.write_bytes(_cjk_pdf(font, pages))
    r = process(p, upto=upto)
    assert r.status == "ok", r.error
    return r


@pytest.mark.parametrize("fast", [True, False])
def test_letter_spaced_prose_and_a_distributed_heading_read_as_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                     fast: bool) -> None:
    """A paragraph letter-spaced (4 points between characters, figures too) and a heading spread
    over the page (20 points between characters) read without a space inside a word or a
    figure; a real space (a wider gap, between the date and the next words) stays."""
    font = _Cjk()
    page = _spaced(font, "一、总体情况", 60, 760, 30)
    page += _spaced(font, "本年度共办理政府信息公开申请37件，", 60, 730, 14)
    page += _spaced(font, "其中当面申请12件。", 60, 714, 14)
    page += _spaced(font, "发布日期2024", 60, 698, 14) + _spaced(font, "年3月", 60 + 8 * 14 + 10, 698, 14)
    r = _read(tmp_path, [page], font, monkeypatch, fast)
    lines = r.text.splitlines()
    assert "一、总体情况" in lines
    assert "本年度共办理政府信息公开申请37件，其中当面申请12件。" in r.text
    assert "发布日期2024 年3月" in r.text


@pytest.mark.parametrize("fast", [True, False])
def test_figures_of_two_cells_stay_apart_beside_a_distributed_label(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                    fast: bool) -> None:
    """A table printed without rules: a label distributed over its cell (行 政 许 可, 8 points
    between characters), then the figures of three cells 40 points apart — and a label that
    touches, its figures in columns as evenly apart. The label closes up; the figures stay three
    cells, never one number."""
    font = _Cjk()
    page = _spaced(font, "某单位年度报告说明文字。", 60, 760, 10)
    page += _spaced(font, "行政许可", 60, 740, 18) + _spaced(font, "503", 200, 740, 50)
    page += _spaced(font, "合计", 60, 724, 10) + _spaced(font, "746", 200, 724, 50)
    r = _read(tmp_path, [page], font, monkeypatch, fast)
    assert "行政许可 5 0 3" in r.text
    assert "合计 7 4 6" in r.text


@pytest.mark.parametrize("fast", [True, False])
def test_characters_either_side_of_a_rule_stay_two_cells(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         fast: bool) -> None:
    """Header cells one character wide (结 / 果, labels set downwards), evenly spaced, with a rule
    between every two that closes no cell (the table finder makes nothing of it): the line keeps
    its spaces, one a column."""
    font = _Cjk()
    xs = [100, 130, 160, 190, 220]
    page = _spaced(font, "某单位年度报告说明文字。", 60, 760, 10)
    page += b"0.5 w " + b" ".join(f"{x} 720 m {x} 690 l S".encode() for x in xs) + b" "
    page += _spaced(font, "维纠结审", 110, 700, 30)
    r = _read(tmp_path, [page], font, monkeypatch, fast)
    assert "维 纠 结 审" in r.text


@pytest.mark.parametrize("fast", [True, False])
def test_a_distributed_label_wrapped_around_its_figures_reads_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                       fast: bool) -> None:
    """A table printed without rules, a row's label distributed over its cell and wrapped over two
    lines, its figures on a line half way between them. Each line of the label is one piece, not
    one piece a character: the label reads line after line (it was read column by column, the
    characters of its two lines interleaved)."""
    font = _Cjk()
    page = _spaced(font, "某单位年度报告说明文字。", 60, 760, 10)
    page += _spaced(font, "（二）部分公开（区", 100, 700, 16)
    page += b"".join(font.show(f, 300 + 40 * i, 693.5) for i, f in enumerate("100"))
    page += _spaced(font, "分处理的，只计", 100, 687, 16)
    r = _read(tmp_path, [page], font, monkeypatch, fast)
    assert "（二）部分公开（区分处理的，只计 1 0 0" in r.text
