"""What a table cell holds: a number (with the unit written beside it), or nothing.

An empty cell, 「/」, 「-」, 「—」 or 「无」 is `None` — not zero. Counts are ints; a value written
with a decimal point is an exact `Decimal`. A change written in words (the 2019 layout's 本年增/减:
「减12」, 「增3」, 「减少2」) is the signed figure.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

NULL_MARKS = {"", "/", "／", "-", "—", "–", "－", "——", "无", "\\", "、", "空", "——/", "/ /"}
_FW = str.maketrans("０１２３４５６７８９．，－＋％", "0123456789.,-+%")
_CHANGE_WORD = re.compile(r"^(增|减)[加少]?(\d.*)$")
_NUM = re.compile(r"^([-+−]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(万元|亿元|千元|元|%|件|个|项|条|笔)?$")


# a report's cells hold a few hundred distinct texts (0, 1, /, …) read again and again by each
# reading of a table: both functions are pure, so each text is worked out once
@lru_cache(maxsize=8192)
def clean(text: str) -> str:
    return "".join(text.translate(_FW).split())


def is_null(text: str) -> bool:
    return clean(text) in NULL_MARKS


@lru_cache(maxsize=8192)
def parse_cell(text: str) -> tuple[int | Decimal | None, str | None, bool]:
    """(value, unit written in the cell, understood). `understood` is False for text that is
    neither a number nor a blank mark (a label, a note): the caller decides what that means."""
    t = clean(text)
    if t.isdigit() and t.isascii():  # the common case: a plain count
        return int(t), None, True
    if t in NULL_MARKS:
        return None, None, True
    m = _NUM.match(t)
    if not m:
        word = _CHANGE_WORD.match(t)
        if word is not None:  # 本年增/减 written in words: 减12 is −12, 增3 is 3
            figure, unit, ok = parse_cell(word.group(2))
            if ok and figure is not None and figure >= 0:
                return (-figure if word.group(1) == "减" else figure), unit, True
        return None, None, False
    sign, whole, frac, unit = m.groups()
    whole = whole.replace(",", "")
    try:
        if frac:
            v: int | Decimal = Decimal(f"{whole}{frac}")
        else:
            v = int(whole)
    except (InvalidOperation, ValueError):
        return None, None, False
    if sign in ("-", "−"):
        v = -v
    return v, unit, True


def is_value_text(text: str) -> bool:
    """True for a cell that holds a value or a blank mark."""
    return parse_cell(text)[2]
