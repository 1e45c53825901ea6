"""`labels.squeeze_with_map` (a lookup of code points in C) gives what the regular expression of
kept runs it replaces gives — the text without whitespace and zero-width spaces, and each kept
character's offset — on texts written for the test with every kind of space, lone surrogates and
characters beyond the BMP, and on random strings; a report's norm map is `norm_with_map` of its text."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from extractor.model import Report
from extractor.structure import labels as L

_KEPT = re.compile(r"[^\s\u200b]+")  # the definition: `\s` is str.isspace()


def _reference(s: str) -> tuple[str, list[int]]:
    idx: list[int] = []
    pieces: list[str] = []
    for m in _KEPT.finditer(s):
        idx.extend(range(m.start(), m.end()))
        pieces.append(m.group())
    return "".join(pieces), idx


TEXTS = [
    "", " ", "\t\n", "甲", "规章\t0\t0\t0\n规范性文件\t4\t4\t4\n",
    "全角　空格\u00a0不换行\u200b零宽\u2028行\u2029段\u0085下一行\x1c\x1d\x1e\x1f分隔",
    "\ud800孤\udfff立", "𠀀超出\U0001f600基本平面 𠀁", "１、主动公开（一）\r\n二、",
]


def test_squeeze_matches_the_kept_runs() -> None:
    for s in TEXTS:
        assert L.squeeze_with_map(s) == _reference(s)
    assert L.squeeze_with_map("a b\u200bc") == ("abc", [0, 2, 4])


@given(st.text(alphabet=st.characters(blacklist_categories=()), max_size=200))
def test_squeeze_matches_the_kept_runs_on_random_text(s: str) -> None:
    assert L.squeeze_with_map(s) == _reference(s)


def test_report_norm_map_is_norm_with_map_of_its_text() -> None:
    r = Report(source="t.txt", text="一、总体情况\n1、主动公开\t（规章）\u3000 ５件\n")
    assert L.text_norm_map(r) == L.norm_with_map(r.text)
    assert L.text_squeeze_map(r) == L.squeeze_with_map(r.text)


def test_no_space_above_the_last_one_looked_at() -> None:
    assert max(c for c in range(0x110000) if chr(c).isspace()) == L._LAST_SPACE
