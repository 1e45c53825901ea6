"""The text notions every stage shares, defined once: where sentences and clauses end, what of a
report is prose (the text outside its tables), and what the three tables are called.

read, structure, extract and check all import from here (it sits beside the model and imports
nothing but the model). Where a stage needs a notion that differs on purpose, the difference has
a name of its own here (`FULL_STOPS` against `SENTENCE_BREAKS`; the tables' short names, subjects
and full titles).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .model import Report

# ---------------------------------------------------------------- sentences and clauses

#: a token that ends a sentence (and so a clause): the spaCy pipeline's sentence boundaries
SENTENCE_BREAKS = ("。", "；", ";", "！", "!", "？", "?", "\n")
#: a token that ends a clause but not a sentence
CLAUSE_BREAKS = ("，", ",", "：", ":", "（", "）", "(", ")")
#: the marks that end a whole sentence of running prose: a stricter notion than `SENTENCE_BREAKS`
#: — a ；or a line break does not end it, so a total and the parts listed after it stay together
FULL_STOPS = "。！？!?"
#: a whole sentence (a run of anything but `FULL_STOPS`)
WHOLE_SENTENCE = re.compile(f"[^{FULL_STOPS}]+")
#: a sentence as the tokens break it (a run of anything but `SENTENCE_BREAKS`: ；and line breaks end it)
SENTENCE = re.compile("[^" + "".join(SENTENCE_BREAKS) + "]+")

# ---------------------------------------------------------------- figures

#: a thousands separator inside a figure: a comma, half or full width, after a digit and before
#: exactly three digits (984,361 and 6，675，809 are one figure each; a comma never separates cells)
THOUSANDS = re.compile(r"(?<=\d)[,，](?=\d{3}(?!\d))")

# ---------------------------------------------------------------- the tables' names

#: the short name of each table, as findings and pages name it
TABLE_NAMES = {"t2": "表二", "t3": "表三", "t4": "表四"}
#: the part of the report (二, 三, 四) each table belongs to
TABLE_SECTION = {"t2": 2, "t3": 3, "t4": 4}
#: a table named with what it counts (where a finding compares tables as wholes)
TABLE_SUBJECTS = {"t2": "表二（主动公开）", "t3": "表三（依申请公开）", "t4": "表四（行政复议、行政诉讼）"}
#: the tables' full titles, as the template prints them
TABLE_TITLES = {"t2": "表二（主动公开政府信息情况）", "t3": "表三（收到和处理政府信息公开申请情况）",
                "t4": "表四（政府信息公开行政复议、行政诉讼情况）"}

# ---------------------------------------------------------------- prose: the text outside the tables


def outside(a: int, b: int, holes: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The stretches of [a, b) that no hole covers, in order (holes may overlap, in any order)."""
    spans = []
    pos = a
    for x, y in sorted(holes):
        if y <= pos or x >= b:
            continue
        if x > pos:
            spans.append((pos, x))
        pos = max(pos, y)
    if pos < b:
        spans.append((pos, b))
    return spans


def table_spans(report: Report) -> list[tuple[int, int]]:
    """Where the tables (表二, 表三, 表四) stand in the text."""
    return [(t.start, t.end) for t in report.tables.values()]


def prose_text(report: Report, a: int = 0, b: int | None = None) -> str:
    """The text between a and b with the tables blanked out (offsets kept)."""
    text = report.text
    b = len(text) if b is None else min(b, len(text))
    out = []
    pos = a
    for x, y in outside(a, b, table_spans(report)):
        out.append(" " * (x - pos))
        out.append(text[x:y])
        pos = y
    out.append(" " * (b - pos))
    return "".join(out)


def prose_joined(report: Report, a: int = 0, b: int | None = None) -> str:
    """The text between a and b without the tables (the stretches around them joined)."""
    text = report.text
    b = len(text) if b is None else b
    return "".join(text[x:y] for x, y in outside(a, b, table_spans(report)))


# ---------------------------------------------------------------- characters

#: A font's radical forms written into a text layer for the characters they draw: a PDF maker
#: (Chromium's printing, some office exports) maps a glyph shared by a character and its radical
#: to the radical's code point, so the text reads ⾏ (U+2F8F KANGXI RADICAL WALK) where the page
#: shows 行 — and a text copied out of such a PDF into a portal page, a Word file or a .txt keeps
#: them. The Kangxi radicals and the CJK compatibility ideographs map back by NFKC; the simplified
#: radicals that are whole characters, here.
_RADICALS = {
    0x2E9F: "母", 0x2EA0: "民", 0x2EC4: "西", 0x2EC5: "见", 0x2EC6: "角", 0x2EC9: "贝", 0x2ECB: "车",
    0x2ED3: "长", 0x2ED4: "门", 0x2ED8: "青", 0x2ED9: "韦", 0x2EDA: "页", 0x2EDB: "风", 0x2EDC: "飞",
    0x2EDD: "食", 0x2EE2: "马", 0x2EE3: "骨", 0x2EE4: "鬼", 0x2EE5: "鱼", 0x2EE6: "鸟", 0x2EE7: "卤",
    0x2EE8: "麦", 0x2EE9: "黄", 0x2EEA: "黾", 0x2EEC: "齐", 0x2EEE: "齿", 0x2EF0: "龙", 0x2EF3: "龟",
}
_RADICAL = re.compile("[\u2e80-\u2fdf\uf900-\ufaff\U0002f800-\U0002fa1f]")
_UNIFY: dict[int, str] = {}


def _radical_map() -> dict[int, str]:
    import unicodedata

    out = dict(_RADICALS)
    for lo, hi in ((0x2F00, 0x2FD6), (0xF900, 0xFB00), (0x2F800, 0x2FA20)):
        for code in range(lo, hi):
            to = unicodedata.normalize("NFKC", chr(code))
            if len(to) == 1 and to != chr(code):
                out[code] = to
    return out


def has_radicals(text: str) -> bool:
    return _RADICAL.search(text) is not None


def unify_radicals(text: str) -> str:
    """The characters a page shows for the radical and compatibility forms a text holds (⾏ → 行;
    one character for one: offsets do not move)."""
    if not has_radicals(text):
        return text
    if not _UNIFY:
        _UNIFY.update(_radical_map())
    return text.translate(_UNIFY)
