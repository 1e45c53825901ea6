"""Value runs and their readings: the figures of a row as a run of text (cells separated by
spaces, blank marks, units) and the ways a group of figures can fill a row's cells — a run that
lost its separators is cut with the template's identities (see fused.py)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from decimal import Decimal

from ..text import THOUSANDS
from .cells import parse_cell
from .fused import Row, non_negative, splits, sum_splits
from .items import Values

RowCheck = Callable[[Row], bool]

_VALUE_CH = set("0123456789０１２３４５６７８９.．,/／-—–−－%％元万亿千 \t\u3000\u00a0\n\x0c")
_YEAR_TAIL = re.compile(r"(19[89]\d|20\d\d|2100)$")


# ---------------------------------------------------------------- value runs in text


def value_run(text: str, pos: int, limit: int, skip_text: bool = False) -> tuple[int, int] | None:
    """The first run of value characters at `pos` (after spaces), or — with `skip_text` — anywhere
    before `limit`. A run holds at least one digit or a blank mark. A unit written after a row's
    label (政府集中采购（元）6675809) is part of the label, not the end of the row."""
    i = pos
    note = _UNIT_NOTE.match(text, pos)
    if note is not None and note.end() < limit:
        i = note.end()
    while i < limit:
        ch = text[i]
        wu = _wu_end(text, i, limit) if ch == "无" else None
        # a run may start with blank 无 cells only when figures follow (无无无无无1: a row's first
        # cells blank), never with a lone 无 in prose
        if (ch in _VALUE_CH and (ch.isdigit() or ch in "/／-—–－" or ch.isspace())) or \
                (wu is not None and wu < limit and text[wu].isdigit()):
            j = i
            while j < limit:
                if text[j] in _VALUE_CH:
                    j += 1
                elif text[j] in _COUNT_UNIT and j > i and text[j - 1].isdigit() and \
                        text[j + 1 : j + 2].isspace() and _COUNT_UNIT_NEXT.match(text, j + 1):
                    j += 1  # "2笔 984361元": a count written with its unit, and the next cell follows
                elif text[j] == "，" and j > i and THOUSANDS.match(text, j):
                    j += 1  # "984，361元": a thousands separator written full width, inside the figure
                elif text[j] == "无" and (end := _wu_end(text, j, limit)) is not None:
                    j = end
                elif text[j] in "增减" and j > i and (text[j - 1].isdigit() or text[j - 1] in " \t\u3000") \
                        and (w := _CHANGE_AHEAD.match(text, j)) is not None and w.end() < limit:
                    j = w.end()  # "16减12", "16减少12": the next cell, 本年增/减, written in words
                else:
                    break
            seg = text[i:j]
            if any(c.isdigit() for c in seg) or seg.strip() in ("/", "／", "-", "—", "–", "－", "——") \
                    or (skip_text and _MARKS_ONLY.fullmatch(seg)):
                return i, j
            if not skip_text and seg.strip():
                return None
            i = j if j > i else i + 1
            continue
        if ch == "无" and not skip_text:
            return (i, i + 1) if i + 1 >= limit or not ("\u4e00" <= text[i + 1] <= "\u9fff") else None
        if not skip_text:
            return None
        i += 1
    return None


#: a run of blank marks only, two or more (/ — / — / — /: a row whose cells are all empty, as a
#: report prints a row with nothing to count): found where the caller looks past text for runs
_MARKS_ONLY = re.compile(r"\s*(?:[/／—–－]|-{1,2}|——)(?:[ \t\u3000]+(?:[/／—–－]|-{1,2}|——))+\s*")


def _wu_end(text: str, i: int, limit: int) -> int | None:
    """Where the run of 无 starting at i ends, when those 无 are blank cells; None when a Chinese
    character follows them (无法提供: the start of a word)."""
    k = i
    while k < limit and text[k] == "无":
        k += 1
    return k if k >= limit or not ("\u4e00" <= text[k] <= "\u9fff") else None


_COUNT_UNIT = "笔个项件"
_UNIT_NOTE = re.compile(r"[ \t\u3000]*[（(](?:万?元|件|条|项|个|笔)[）)]")
#: after a count with its unit (2笔), the next cell's figure: past spaces, or past the end of a
#: line that a hard wrap put between them (2笔 / 984361元); never an item's number (3.其他, 3、)
_COUNT_UNIT_NEXT = re.compile(r"(?:[ \t\u3000]+|[ \t\u3000]*\n[ \t\u3000]*)[-−]?\d(?![.．、](?!\d))")


_CHANGE_IN_RUN = re.compile(r"(?<=[\d\s])(增|减)[加少]?[ \t\u3000]?(?=\d)")  # 本年增/减 written in words inside a run
_CHANGE_AHEAD = re.compile(r"[增减][加少]?[ \t\u3000]?(?=\d)")  # "减12", "减 12" (a PDF's text spaces words)
_ENUM_AT_END = re.compile(r"(\d)[.、]\s*$")
_ENUM_AT_END_Q = re.compile(r"\d[.、]\s*$")
_TOKEN = re.compile(r"-?\d+(?:\.\d+)?(?:万元|亿元|元|%|笔|个|项|件)?|[/／无]|[-—–]{1,2}")
_NUMBER_CHARS = re.compile(r"[\d.\-]")
_UNIT_SUFFIX = re.compile(r"(万元|亿元|元|%|笔|个|项|件)$")
_HALF_WIDTH = str.maketrans("０１２３４５６７８９．－", "0123456789.-")


def tokens(seg: str, followed_by: str) -> list[str]:
    """Cell tokens of a run: numbers (a unit kept with its number), blank marks as ''."""
    seg = seg.translate(_HALF_WIDTH)
    seg = seg.replace("−", "-")
    if "," in seg or "，" in seg:
        seg = THOUSANDS.sub("", seg)
    # a year that starts the prose after the table: "行政事业性收费02025年，…"
    if followed_by.startswith("年"):
        m = _YEAR_TAIL.search(seg.rstrip())
        if m and m.start() > 0:
            seg = seg[: m.start()]
    # an enumerator of the next label: "…00000002.其他法律…"
    seg = _ENUM_AT_END.sub("", seg) if _ENUM_AT_END_Q.search(seg) else seg
    seg = _CHANGE_IN_RUN.sub(lambda m: " -" if m.group(1) == "减" else " ", seg)
    out: list[str] = []
    for tok in seg.split():
        tok = tok.strip(",")
        if tok in ("/", "／", "-", "—", "–", "－", "——"):
            out.append("")
            continue
        for m in _TOKEN.finditer(tok):
            v = m.group(0)
            out.append("" if v in ("/", "／", "无") or set(v) <= set("-—–") else v)
    return out


SUM_GROUPS = {7: (7,), 15: (5, 5, 5)}  # 表三 row: six columns add up to 总计; 表四: three groups of five


def candidates(v: Values, n: int, ok: RowCheck | None, allow_blanks: bool = True,
               sums: bool = False, blank_cols: frozenset[int] | None = None) -> list[Row]:
    """The readings of a value group as n cells. With `sums`, a run that lost its separators is
    cut with the table's sums (SUM_GROUPS) as it is read."""
    if n <= 0:
        return []
    toks = v.tokens
    if v.grid is not None:
        toks = list(toks)
        while len(toks) > n and toks[-1] == "":  # covered positions of a merged value cell
            toks.pop()
        while len(toks) > n and toks[0] == "":
            toks.pop(0)
        if n == 7 and len(toks) == 8:
            sub = drop_subtotal(toks)
            return [sub] if sub is not None else []
        if len(toks) != n:
            return []
        try:
            row = tuple(parse_token(t) for t in toks)
        except ValueError:
            return []
        return [row]
    present = [t for t in toks if t != ""]
    if n == 7 and len(toks) == 8 and all(toks):
        sub = drop_subtotal(toks)
        if sub is not None:
            return [sub]
    if len(toks) == n:
        try:
            return [tuple(parse_token(t) for t in toks)]
        except ValueError:
            return []
    if len(present) > n or not present:
        return []
    # fewer tokens than cells: some lost their separators
    units = {t: _NUMBER_CHARS.sub("", t) for t in present}
    bare = [_UNIT_SUFFIX.sub("", t) for t in present]
    check = ok
    if sums and n in SUM_GROUPS:
        rows = [r for r in sum_splits(bare, SUM_GROUPS[n]) if check is None or check(r)]
    else:
        rows = splits(bare, n, check)
        if rows and blank_cols is not None and allow_blanks:
            # 表二 has no sum to choose between a number cut in two and a cell printed blank. When
            # the separators between the numbers are there ("1 15" for three cells) any cell may be
            # the blank one; in one fused run, a column a report may leave blank (`blank_cols`:
            # 本年增/减, nothing to add or take away) may be
            may = range(n) if len(bare) >= 2 else sorted(blank_cols)
            for b in range(1, n - len(bare) + 1):
                for sub in splits(bare, n - b, check):
                    for blanks in itertools.combinations(may, b):
                        it = iter(sub)
                        row = tuple(None if i in blanks else next(it) for i in range(n))
                        if (check is None or check(row)) and row not in rows:
                            rows.append(row)
    digits = sum(len(t.lstrip("-").split(".")[0]) for t in bare)
    if not rows and digits < n and allow_blanks and digits * 2 >= n:
        # fewer digits than cells: some cells were printed blank, and which ones cannot be seen
        for blanks in itertools.combinations(range(n), n - digits):
            for sub in splits(bare, digits):
                it = iter(sub)
                row = tuple(None if i in blanks else next(it) for i in range(n))
                if check is None or check(row):
                    rows.append(row)
    # (a run whose figures stand apart, one cell short — "31 4 0 0 0 0" — lost a figure, not the
    # separators between its digits: it is never cut this way)
    if not rows and sums and n == 7 and 0 <= digits - n <= 3 and all(re.fullmatch(r"\d+", t) for t in bare) \
            and len(bare) != n - 1:
        # a 表三 row no reading of which holds its sum: when its digits cut into the seven cells one
        # way only (as many digits as cells; or one “10” among zeros, since no figure starts with
        # 0) and no reading with blank cells holds the sum either (4312358 is 43/12/空/空/空/3/58),
        # that reading stands and T303 says the sum fails
        only = splits(bare, n, non_negative, limit=2)
        if len(only) == 1 and not _sum_with_blanks(bare, n):
            rows = only
            v.digit_per_cell = True
    if not rows and sums and n == 15 and digits == n and all(re.fullmatch(r"\d+", t) for t in bare):
        # 表四 printed one digit a cell ("100000000000000"): fifteen digits for fifteen cells cut one
        # way only; its sums fail, and T304 says so
        rows = splits(bare, n, non_negative, limit=2)
        if len(rows) == 1:
            v.digit_per_cell = True
        else:  # pragma: no cover - fifteen digits for fifteen cells always cut one way
            rows = []
    v.fused = True
    if any(units.values()):
        v.raw = v.raw or present
    return rows


def _sum_with_blanks(bare: list[str], n: int) -> bool:
    """Some reading of a 表三 run with one or more applicant cells left blank adds up to its 总计
    (the blanks counting as nothing)."""
    for blanks in range(1, n - 1):
        for sub in splits(bare, n - blanks):
            if sum(sub[:-1]) == sub[-1]:  # type: ignore[arg-type]
                return True  # wherever the blanks sit among the applicant columns
    return False


def drop_subtotal(toks: list[str]) -> Row | None:
    """Eight numbers for 表三's seven columns: a 法人或其他组织「小计」 after the five organisation
    columns (np, 5 orgs, 小计, 总计) is recognised by its sums and left out."""
    try:
        vals = [parse_token(t) for t in toks]
    except ValueError:
        return None
    if any(v is None for v in vals):
        return None
    nums = [v for v in vals if v is not None]
    orgs = sum(nums[1:6])
    if nums[6] == orgs and nums[0] + orgs == nums[7]:
        return (*vals[:6], vals[7])
    return None


def parse_token(t: str) -> int | Decimal | None:
    if t == "":
        return None
    val, _unit, understood = parse_cell(t)
    if not understood:
        raise ValueError(t)
    return val
