"""Label normalisation: how a row or column label is compared with the template's wording.

Real labels come with spaces and line breaks inside them (PDF headers broken into single
characters, HTML cells split over several <p>), full-width or half-width brackets, 1、 for 1.,
curly or straight quotes. `norm` folds all of that away; the fragments in rules/templates/*.yaml
are written in this normal form.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .. import template as tmpl
    from ..model import Report

_FOLD = str.maketrans({
    "（": "(", "）": ")", "“": '"', "”": '"', "＂": '"', "「": '"', "」": '"', "‘": "'", "’": "'",
    "．": ".", "，": ",", "：": ":", "；": ";", "／": "/", "－": "-", "—": "-", "–": "-", "﹣": "-",
    "０": "0", "１": "1", "２": "2", "３": "3", "４": "4", "５": "5", "６": "6", "７": "7", "８": "8", "９": "9",
    "【": "[", "】": "]", "〔": "[", "〕": "]",
})
_SPACE = re.compile(r"[\s\u3000\u00a0\u200b]+")
# 1、 → 1. (a digit not after a digit; the look-behind after the digit, so that the pattern starts
# with a character class and the scan skips every position that holds no digit)
_ENUM = re.compile(r"([0-9])(?<![0-9][0-9])[、,]")
_NEEDS_FOLD = re.compile("[" + re.escape("".join(map(chr, _FOLD))) + "]")


def _fold(s: str) -> str:
    """`s.translate(_FOLD)` for a whole text: the characters to fold found in C and replaced one by
    one (str.translate looks every character of a Chinese text up in the table: four times slower)."""
    return _NEEDS_FOLD.sub(_fold_one, s)


def _fold_one(m: re.Match[str]) -> str:
    return str(_FOLD[ord(m.group())])


@lru_cache(maxsize=4096)
def norm_label(s: str) -> str:
    """`norm` for the template's own labels and fragments (a small, fixed set: cached)."""
    return norm(s)


@lru_cache(maxsize=16384)
def norm(s: str) -> str:
    """Cached: a table's cells and labels are normalised again by each reader and rule (str.translate
    is slow on Chinese text)."""
    s = _SPACE.sub("", s).translate(_FOLD)
    return _ENUM.sub(r"\1.", s)


def text_norm_map(report: Report) -> tuple[str, list[int]]:
    """`norm_with_map` of a report's whole text, computed once and kept in `report.derived`."""
    cached = report.derived.norm_map
    if cached is None:  # `norm_with_map` from the squeezed text kept for the report (one squeeze, not two)
        squeezed, idx = text_squeeze_map(report)
        cached = report.derived.norm_map = (_ENUM.sub(r"\1.", _fold(squeezed)), idx)
    return cached


def squeeze_with_map(s: str) -> tuple[str, list[int]]:
    """`s` without whitespace (and zero-width spaces) and, for each character kept, its offset in `s`.
    The code points are looked up in a table of those kept (numpy, in C): a text whose table cells
    are parted by tabs has a run of kept characters per cell, and a Python step per run cost a
    quarter of a millisecond on a generated report."""
    if not s:
        return "", []
    import numpy as np

    codes = np.frombuffer(s.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    at = np.flatnonzero(_kept_table()[codes])
    return codes[at].tobytes().decode("utf-32-le", "surrogatepass"), at.tolist()


_LAST_SPACE = 0x3000  # no code point above the ideographic space is a space (tests/test_squeeze.py)


@cache
def _kept_table() -> Any:
    """For every code point, whether `squeeze_with_map` keeps it: all but `str.isspace()` (what `\\s`
    matches) and the zero-width space."""
    import numpy as np

    table = np.ones(0x110000, dtype=bool)
    table[[c for c in range(_LAST_SPACE + 1) if chr(c).isspace()]] = False
    table[0x200B] = False
    return table


def text_squeeze_map(report: Report) -> tuple[str, list[int]]:
    """`squeeze_with_map` of a report's whole text, computed once and kept in `report.derived`."""
    cached = report.derived.squeeze_map
    if cached is None:
        cached = report.derived.squeeze_map = squeeze_with_map(report.text)
    return cached


def norm_with_map(s: str) -> tuple[str, list[int]]:
    """`norm(s)` and, for each character of it, its offset in `s` (to map matches back)."""
    squeezed, idx = squeeze_with_map(s)
    # 1、 → 1. keeps the length, so the map stays valid
    return _ENUM.sub(r"\1.", _fold(squeezed)), idx


def matches(label_norm: str, fragments: tuple[str, ...] | list[str]) -> int:
    """How well a normalised label matches: the length of the longest fragment it contains."""
    best = 0
    for f in fragments:
        if len(f) > best and f in label_norm:
            best = len(f)
    return best


# ---------------------------------------------------------------- the template's row labels, as fragments


@cache
def all_row_fragments(t: tmpl.Template) -> tuple[str, ...]:
    frags = [f for fs in t2_fragments(t).values() for f in fs]
    frags += [f for fs in t3_fragments(t).values() for f in fs if len(f) > 2]
    return tuple(frags)


@cache
def t2_fragments(t: tmpl.Template) -> dict[str, list[str]]:
    """Each 表二 row's label fragments; and its label less the last character, where five or more
    are left that no other row's label holds: a page break (or a narrow cell) may cut the label's
    end onto a line of its own (行政事业性收 / 费)."""
    rows = [r for b in t.t2_blocks for r in b.rows]
    labels = [norm_label(r.label) for r in rows]
    out: dict[str, list[str]] = {}
    for r, label in zip(rows, labels, strict=True):
        frags = [norm_label(f) for f in r.match]
        cut = label[:-1]
        if len(cut) >= 5 and not any(cut in other for other in labels if other != label):
            frags.append(cut)
        out[r.key] = frags
    return out


@cache
def t3_full_labels(t: tmpl.Template) -> dict[str, str]:
    full = {r.key: norm_label(r.label) for r in t.t3_rows}
    full["other.total"] = norm_label(t.t3_other_merged.label)
    return full


@cache
def t3_fragments(t: tmpl.Template) -> dict[str, list[str]]:
    frags = {r.key: [norm_label(f) for f in r.match] for r in t.t3_rows}
    if t.version == "2021":
        frags["other.total"] = [norm_label(f) for f in t.t3_other_merged.match[:1]]
    for r in t.t3_rows:
        for v in r.variants:
            frags[r.key].append(norm_label(v))
    return frags
