"""Locating 表二, 表三 and 表四 and reading their rows, whatever the layout of the source.

Every source is turned into one stream of items in document order: labels (a fragment of a
template row label found in the text or in a grid cell) and value groups (the numbers of one
row: the cells of a grid row, a run of numbers in the text, or one digit run that lost its
separators). A value group is then assigned to a template row: to the row its label names when
label and values stand on one line (or one grid row), otherwise to the next row in template
order — which is how converters that tear labels away from their numbers (PDF → Markdown) are
still read right. Fused digit runs are split with the template's identities (see fused.py).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Literal

from .. import template as tmpl
from ..model import Cell, Field, Grid, Report, RowItem, TableInfo
from .cells import clean, is_null, parse_cell
from .evidence import ambiguous_note as ambiguous_note_of
from .evidence import rank
from .fused import Row, non_negative, row_sum, splits, sum_splits, t4_sums
from .labels import norm, norm_label, text_norm_map

RowCheck = Callable[[Row], bool]

# ---------------------------------------------------------------- regions

T2_START = ["第二十条第(一)项", "第二十条第(五)项", "信息内容", "本年制发件数", "本年新制作数量"]
T3_START = ["勾稽关系", "申请人情况", "本年新收政府信息公开申请", "本年新收"]
T4_START = ["行政复议"]
T4_HEADER = ["结果维持", "结果纠正", "其他结果", "尚未审结", "未经复议直接起诉", "复议后起诉", "行政诉讼", "总计",
             "维持", "纠正", "审结"]

_VALUE_CH = set("0123456789０１２３４５６７８９.．,/／-—–−－%％元万亿千 \t\u3000\u00a0\n\x0c")
_YEAR_TAIL = re.compile(r"(19[89]\d|20\d\d|2100)$")


@dataclass
class _Label:
    key: str
    start: int
    end: int
    text: str
    line: int  # line number of its end (same line as the values ⇒ they belong together)
    grid_row: tuple[int, int] | None = None
    score: int = 0


@dataclass
class _Values:
    tokens: list[str]
    start: int
    end: int
    line: int
    fused: bool = False  # tokens must be cut to reach the cell count
    grid: int | None = None
    grid_row: int | None = None
    grid_cols: list[int] = field(default_factory=list)
    page: int | None = None
    raw: list[str] = field(default_factory=list)
    labels: list[_Label] = field(default_factory=list)  # labels in the same grid row / line
    header: list[str] | None = None
    digit_per_cell: bool = False  # a run whose sums fail, read the one way its digits can be cut


@dataclass
class _RowRead:
    key: str
    label: str
    candidates: list[Row]
    item: _Values | None
    blank: bool = False  # the label is there, the values are not: a row printed empty
    unread: str | None = None  # …or its figures are there (this text) and could not be read


# ---------------------------------------------------------------- entry point


def read_tables(report: Report, version: str) -> None:
    """Locates the three tables in `report`, reads their rows and fills `report.fields`."""
    t = tmpl.get(version)
    n = text_norm_map(report)
    bounds = _regions(report, n, t)
    for kind, (a, b) in bounds.items():
        info = TableInfo(kind=_kind(kind), start=a, end=b)
        report.tables[kind] = info
    for kind, reader in (("t2", _read_t2), ("t3", _read_t3), ("t4", _read_t4)):
        if kind in report.tables:
            reader(report, t, report.tables[kind])
            _header_labels(report, t, report.tables[kind])
    order = {k: i for i, k in enumerate(t.all_keys())}
    report.fields = dict(sorted(report.fields.items(), key=lambda kv: order.get(kv[0], len(order))))
    report.tables = {k: report.tables[k] for k in ("t2", "t3", "t4") if k in report.tables}


def _kind(k: str) -> Literal["t2", "t3", "t4"]:
    if k == "t2":
        return "t2"
    return "t3" if k == "t3" else "t4"


def _find(nt: tuple[str, list[int]], frags: list[str], lo: int, hi: int) -> tuple[int, int] | None:
    """Earliest normalised match of any fragment in text offsets [lo, hi): (start, end) offsets."""
    s, idx = nt
    ilo = _norm_index(idx, lo)
    ihi = _norm_index(idx, hi)
    best: tuple[int, int] | None = None
    for f in frags:
        i = s.find(f, ilo, ihi)
        if i >= 0 and (best is None or i < best[0]):
            best = (i, i + len(f))
    if best is None:
        return None
    return idx[best[0]], idx[best[1] - 1] + 1


def _norm_index(idx: list[int], offset: int) -> int:
    return bisect.bisect_left(idx, offset)


def _regions(report: Report, nt: tuple[str, list[int]], t: tmpl.Template) -> dict[str, tuple[int, int]]:
    text = report.text
    end = len(text)
    s2 = report.section(2)
    s5 = report.section(5)
    lo = s2.start if s2 else 0
    out: dict[str, tuple[int, int]] = {}
    t3 = _find(nt, ["勾稽关系", "申请人情况"], lo, end)
    t3_first_row = _find(nt, ["本年新收政府信息公开申请数量", "一、本年新收", "本年新收"], lo, end)
    if t3 is None or (t3_first_row is not None and t3_first_row[0] - t3[0] > 3000):
        t3 = t3_first_row
    t2 = _find(nt, T2_START, lo, t3[0] if t3 else end)
    if t2 is None and lo:
        t2 = _find(nt, T2_START, 0, t3[0] if t3 else end)
    if t3 is not None:
        carried = _find(nt, ["结转下年度继续办理", "结转下年度", "转下年度"], t3[1], end)
        t3_end = _after_values(report, carried[1]) if carried else end
        # the header row of 表四 (行政复议 | 行政诉讼 …); prose of part 四 may come first
        t4 = _find(nt, ["行政复议行政诉讼"], t3_end, end) or _find(nt, ["结果维持"], t3_end, end)
        if t4 is None:
            t4 = _find(nt, T4_START, t3_end, end) or _find(nt, ["行政诉讼"], t3_end, end)
        if t4 is not None:
            nxt = [sec.start for sec in report.sections if sec.number > 4 and sec.start > t4[0]]
            t4_end = _t4_end(report, nt, t4[0], min(nxt) if nxt else end)
            out["t4"] = (t4[0], t4_end)
        t3_stop = t4[0] if t4 else (s5.start if s5 and s5.start > t3[0] else end)
        if carried and t3_end < t3_stop:
            t3_stop = t3_end  # prose may follow the last row before 表四 begins
        out["t3"] = (_line_start(text, t3[0]), t3_stop)
    if t2 is not None:
        t2_stop = t3[0] if t3 else (s5.start if s5 and s5.start > t2[0] else end)
        last = _last_label(report, nt, [f for frags in _t2_fragments(t).values() for f in frags], t2[0], t2_stop)
        if last is not None:
            t2_stop = min(t2_stop, max(_after_values(report, last), last))
        out["t2"] = (t2[0], t2_stop)
    # a grid that starts the table may begin a little before the marker found in its header
    for kind, (a, b) in list(out.items()):
        for g in report.grids:
            if g.start <= a < g.end:
                out[kind] = (g.start, max(b, g.end) if kind == "t4" else b)
    # the table before ends where the next begins
    order = sorted(out.items(), key=lambda kv: kv[1][0])
    for (k1, (a1, b1)), (_k2, (a2, _b2)) in itertools.pairwise(order):
        if b1 > a2:
            out[k1] = (a1, a2)
    return out


# a table's last row printed blank: nothing but blank marks before the next part's heading (or
# the next table) — a row all the same, not a word in prose
_BLANK_LAST_ROW = re.compile(r"[ \t\u3000无/\-—－–]*(?:\n|[一二三四五六七八九十]、|\Z)")


def _last_label(report: Report, nt: tuple[str, list[int]], frags: list[str], lo: int, hi: int) -> int | None:
    """End offset of the last label in [lo, hi) that has values after it (a row, not a word in prose)."""
    s, idx = nt
    ilo, ihi = _norm_index(idx, lo), _norm_index(idx, hi)
    best = -1
    for f in frags:
        i = s.find(f, ilo, ihi)
        while i >= 0:
            end = idx[i + len(f) - 1] + 1
            if i + len(f) > best and (_value_run(report.text, end, hi) or any(g.start <= end < g.end for g in report.grids)
                                      or _BLANK_LAST_ROW.match(report.text, end, hi)):
                best = i + len(f)
            i = s.find(f, i + 1, ihi)
    return idx[best - 1] + 1 if best > 0 else None


def _line_start(text: str, pos: int) -> int:
    i = text.rfind("\n", 0, pos)
    return i + 1 if i >= 0 and pos - i < 200 else pos


def _after_values(report: Report, pos: int) -> int:
    """End of the value run (or grid row) that follows a label ending at `pos`."""
    for g in report.grids:
        if g.start <= pos < g.end:
            nl = report.text.find("\n", pos, g.end)
            return g.end if nl < 0 else nl
    run = _value_run(report.text, pos, len(report.text))
    return run[1] if run else pos


def _t4_end(report: Report, nt: tuple[str, list[int]], start: int, limit: int) -> int:
    """Where 表四 ends: after its figures. A table printed as three sub-tables, one per group of
    five (行政复议 | 未经复议直接起诉 | 复议后起诉: a Markdown converter writes a heading and a table
    for each; so do some HTML pages and plain texts), ends after the third group."""
    grids = sorted(report.grids, key=lambda g: g.start)
    for i, g in enumerate(grids):
        if g.start <= start < g.end or (start <= g.start < limit and _grid_digits(g) >= 5):
            end = g.end
            if _grid_digits(g) == 5:  # one group of five: the other two follow as tables of their own
                rest = [h for h in grids[i + 1 :] if h.start < limit][:2]
                if len(rest) == 2 and all(_grid_digits(h) == 5 for h in rest):
                    end = rest[-1].end
            return end
    # the first run of numbers after the header ends the table (three runs of five: one a group)
    text = report.text
    pos = start
    groups: list[int] = []
    while pos < limit:
        run = _value_run(text, pos, limit, skip_text=True)
        if run is None:
            break
        seg = text[run[0] : run[1]]
        if sum(ch.isdigit() for ch in seg) >= 5 or groups:
            if len(_tokens(seg, text[run[1] : run[1] + 1])) != 5:
                return groups[-1] if groups else run[1]
            groups.append(run[1])
            if len(groups) == 3:
                return run[1]
        pos = run[1] + 1
    return groups[-1] if groups else limit


def _grid_digits(g: Grid) -> int:
    return sum(1 for row in g.rows for c in row if c.origin and c.text.strip().isdigit())


# ---------------------------------------------------------------- value runs in text


def _value_run(text: str, pos: int, limit: int, skip_text: bool = False) -> tuple[int, int] | None:
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
                elif text[j] == "无" and (end := _wu_end(text, j, limit)) is not None:
                    j = end
                else:
                    break
            seg = text[i:j]
            if any(c.isdigit() for c in seg) or seg.strip() in ("/", "／", "-", "—", "–", "－", "——"):
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


def _wu_end(text: str, i: int, limit: int) -> int | None:
    """Where the run of 无 starting at i ends, when those 无 are blank cells; None when a Chinese
    character follows them (无法提供: the start of a word)."""
    k = i
    while k < limit and text[k] == "无":
        k += 1
    return k if k >= limit or not ("\u4e00" <= text[k] <= "\u9fff") else None


_COUNT_UNIT = "笔个项件"
_UNIT_NOTE = re.compile(r"[ \t\u3000]*[（(](?:万?元|件|条|项|个|笔)[）)]")
_COUNT_UNIT_NEXT = re.compile(r"[ \t\u3000]+[-−]?\d")


_HALF_WIDTH = str.maketrans("０１２３４５６７８９．－", "0123456789.-")


def _tokens(seg: str, followed_by: str) -> list[str]:
    """Cell tokens of a run: numbers (a unit kept with its number), blank marks as ''."""
    seg = seg.translate(_HALF_WIDTH)
    seg = seg.replace("−", "-")
    # a year that starts the prose after the table: "行政事业性收费02025年，…"
    if followed_by.startswith("年"):
        m = _YEAR_TAIL.search(seg.rstrip())
        if m and m.start() > 0:
            seg = seg[: m.start()]
    # an enumerator of the next label: "…00000002.其他法律…"
    seg = re.sub(r"(\d)[.、]\s*$", "", seg) if re.search(r"\d[.、]\s*$", seg) else seg
    out: list[str] = []
    for tok in seg.split():
        tok = tok.strip(",")
        if tok in ("/", "／", "-", "—", "–", "－", "——"):
            out.append("")
            continue
        for m in re.finditer(r"-?\d+(?:\.\d+)?(?:万元|亿元|元|%|笔|个|项|件)?|[/／无]|[-—–]{1,2}", tok):
            v = m.group(0)
            out.append("" if v in ("/", "／", "无") or set(v) <= set("-—–") else v)
    return out


# ---------------------------------------------------------------- the item stream


def _grid_items(report: Report, g: Grid, kind: str, n_values: int | None,
                fragments: dict[str, list[str]]) -> list[_Label | _Values]:
    """Items of a grid's rows. Values are the data columns (from the header when it is there)."""
    items: list[_Label | _Values] = []
    data_cols = _data_columns(g, kind)
    for r, row in enumerate(g.rows):
        start, end = g.row_spans[r] if r < len(g.rows) and r < len(g.row_spans) else (g.start, g.end)
        page = g.pages[r] if r < len(g.pages) else g.page
        cols = data_cols if data_cols and len(row) > max(data_cols) else None
        if cols is None:
            # the value cells: trailing cells that hold a value or a blank mark, owners only
            owners = [c for c in row if c.origin]
            k = len(owners)
            while k > 0 and parse_cell(owners[k - 1].text)[2]:
                k -= 1
            vals = owners[k:]
            label_cells = owners[:k]
            if n_values == 7 and len(vals) == 8 and _drop_subtotal([clean(c.text) for c in vals]) is not None:
                pass  # a 小计 column: _candidates leaves it out
            elif n_values and len(vals) > n_values:
                # surplus blank cells: a trailing empty column first, then blanks before the values
                while len(vals) > n_values and is_null(vals[-1].text) and not vals[-1].text.strip():
                    vals = vals[:-1]
                while len(vals) > n_values and not vals[0].text.strip():
                    vals = vals[1:]
                label_cells += vals[: len(vals) - n_values]
                vals = vals[len(vals) - n_values :]
            value_cells = vals
        else:
            value_cells = [row[c] for c in cols]
            label_cells = [c for i, c in enumerate(row) if i not in cols]
        label_text = _join_labels(label_cells)
        row_labels = _labels_in(label_text, fragments, start, end, r) if label_text else []
        for lb in row_labels:
            lb.grid_row = (g.index, r)
        items.extend(row_labels)
        stray = _stray_figures(label_cells, fragments) if row_labels and cols is None else []
        if stray:
            # a labelled row whose figures are written so that they are not read as values (“减12”,
            # “16（件）”): its own figures all the same — a value group that fits no reading, so the
            # row is unread, not blank
            shown = stray + [c for c in value_cells if c.origin]
            items.append(_Values([clean(c.text) for c in shown], start, end, -1, False, g.index, r,
                                 [c.col for c in shown], page, [c.text for c in shown], row_labels))
            continue
        if not value_cells or not any(c.origin for c in value_cells):
            continue
        has_number = any(parse_cell(c.text)[0] is not None for c in value_cells)
        all_understood = all(parse_cell(c.text)[2] for c in value_cells)
        if not all_understood or (not has_number and not row_labels):
            continue
        toks = [clean(c.text) if not is_null(c.text) else "" for c in value_cells]
        items.append(_Values(toks, start, end, -1, False, g.index, r, [c.col for c in value_cells], page,
                             [c.text for c in value_cells], row_labels))
    return items


def _stray_figures(label_cells: list[Cell], fragments: dict[str, list[str]]) -> list[Cell]:
    """Cells after a row's label cell that hold a figure the cell reader does not understand (a
    value written with words around it): not labels, the row's values."""
    out: list[Cell] = []
    after_label = False
    for c in label_cells:
        if not c.origin:
            continue
        t = c.text.strip()
        if _labels_in(t, fragments, 0, 0, 0):
            after_label, out = True, []
            continue
        if after_label and re.search(r"\d", t) and not parse_cell(t)[2]:
            out.append(c)
    return out


def _join_labels(cells: list) -> str:
    seen: list[str] = []
    for c in cells:
        t = c.text.strip()
        if t and (not seen or seen[-1] != t):
            seen.append(t)
    return " ".join(seen)


_T3_HEADERS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")


def _data_columns(g: Grid, kind: str) -> list[int] | None:
    """表三's seven data columns, found by their headers: a column the template does not have
    (a 法人或其他组织「小计」 some reports add) is left out."""
    if kind != "t3" or not g.aligned:
        return None
    found: dict[str, int] = {}
    for row in g.rows[:4]:
        for c in row:
            t = norm(c.text)
            for h in _T3_HEADERS:
                if h not in found and (t == h or (h == "社会公益组织" and t == "公益组织")):
                    found[h] = c.col
    if len(found) == 7:
        cols = [found[h] for h in _T3_HEADERS]
        if cols == sorted(cols) and len(set(cols)) == 7:
            return cols
    if "自然人" in found and found["自然人"] + 7 <= g.n_cols:
        start = found["自然人"]
        return list(range(start, start + 7))
    return None


def _labels_in(text: str, fragments: dict[str, list[str]], start: int, end: int, line: int) -> list[_Label]:
    s = norm(text)
    out = []
    for key, frags in fragments.items():
        for f in frags:
            if f in s:
                out.append(_Label(key, start, end, text, line, score=len(f)))
                break
    return out


def _text_items(report: Report, a: int, b: int, fragments: dict[str, list[str]],
                full: dict[str, str] | None = None) -> list[_Label | _Values]:
    """Items of a stretch of plain text: every label fragment, and every run of numbers.

    A fragment found is widened to as much of the template's full label as the text repeats
    around it, so that words inside a long label (「不计其他情形」) are not read as labels."""
    text = report.text
    full_s, full_idx = report.cache["norm_map"]
    i0, i1 = _norm_index(full_idx, a), _norm_index(full_idx, b)
    s = full_s[i0:i1]
    idx = [k - a for k in full_idx[i0:i1]]
    labels: list[_Label] = []
    for key, frags in fragments.items():
        whole = (full or {}).get(key, "")
        for f in frags:
            i = s.find(f)
            while i >= 0:
                i0, i1 = _widen(s, i, i + len(f), whole, f)
                st, en = a + idx[i0], a + idx[i1 - 1] + 1
                labels.append(_Label(key, st, en, text[st:en], text.count("\n", 0, en), score=len(f) * 100 + i1 - i0))
                i = s.find(f, i + 1)
    labels = _drop_overlaps(labels)
    items: list[_Label | _Values] = list(labels)
    # value runs: anywhere outside label spans
    spans = sorted((lb.start, lb.end) for lb in labels)
    pos = a
    k = 0
    while pos < b:
        while k < len(spans) and spans[k][1] <= pos:
            k += 1
        if k < len(spans) and spans[k][0] <= pos:
            pos = spans[k][1]
            continue
        limit = spans[k][0] if k < len(spans) else b
        run = _value_run(text, pos, limit, skip_text=True)
        if run is None:
            pos = limit
            continue
        r0, r1 = run
        toks = _tokens(text[r0:r1], text[r1 : r1 + 1])
        if any(t for t in toks):
            line = text.count("\n", 0, r0 + (len(text[r0:r1]) - len(text[r0:r1].lstrip())))
            fused = False
            items.append(_Values(toks, r0, r1, line, fused, page=report.page_at(r0), raw=[text[r0:r1]]))
        pos = r1 if r1 > pos else pos + 1
    items.sort(key=lambda it: (it.start, 0 if isinstance(it, _Label) else 1))
    return items


def _widen(s: str, i0: int, i1: int, whole: str, frag: str) -> tuple[int, int]:
    """Extends s[i0:i1] (== frag) backwards and forwards while s agrees with the template label."""
    at = whole.find(frag) if whole else -1
    if at < 0:
        return i0, i1
    j, k = at - 1, i0 - 1
    while j >= 0 and k >= 0 and s[k] == whole[j]:
        j -= 1
        k -= 1
    i0 = k + 1
    j, k = at + len(frag), i1
    while j < len(whole) and k < len(s) and s[k] == whole[j]:
        j += 1
        k += 1
    return i0, k


def _drop_overlaps(labels: list[_Label]) -> list[_Label]:
    labels.sort(key=lambda lb: (lb.start, -(lb.end - lb.start)))
    out: list[_Label] = []
    for lb in labels:
        if out and lb.start < out[-1].end:
            prev = out[-1]
            # same place: keep the longer (more specific) fragment
            if (lb.end - lb.start) > (prev.end - prev.start) and lb.start == prev.start:
                out[-1] = lb
            elif lb.end > prev.end and (lb.end - lb.start) > (prev.end - prev.start):
                out[-1] = lb
            continue
        out.append(lb)
    return out


def _stream(report: Report, info: TableInfo, n_values: int | None,
            fragments: dict[str, list[str]], full: dict[str, str] | None = None) -> list[_Label | _Values]:
    a, b = info.start, info.end
    items: list[_Label | _Values] = []
    pos = a
    for g in sorted(report.grids, key=lambda g: g.start):
        if g.end <= a or g.start >= b:
            continue
        if g.start > pos:
            items += _text_items(report, pos, g.start, fragments, full)
        items += _grid_items(report, g, info.kind, n_values, fragments)
        info.grids.append(g.index)
        if g.page and g.page not in info.pages:
            info.pages.append(g.page)
        pos = max(pos, g.end)
    if pos < b:
        items += _text_items(report, pos, b, fragments, full)
    return items


# ---------------------------------------------------------------- assignment of values to rows


def _bound_label(text: str, items: list[_Label | _Values], i: int, keys: set[str],
                 weak: frozenset[str] = frozenset()) -> _Label | None:
    """The label a value group belongs to: in the same grid row, or on the same line just before.
    In a grid row a `weak` label (a group label such as （六）其他处理) yields to a row's own."""
    v = items[i]
    assert isinstance(v, _Values)
    if v.grid is not None:
        own = [lb for lb in v.labels if lb.key in keys]
        return max(own, key=lambda lb: (lb.key not in weak, lb.score, lb.start)) if own else None
    for j in range(i - 1, -1, -1):
        it = items[j]
        if isinstance(it, _Values):
            return None
        if it.key in keys:
            gap = text[it.end : v.start]
            # on the same line, or nothing but blank space between (one cell per paragraph)
            return it if "\n" not in gap or not gap.strip() else None
    return None


def _assign(text: str, items: list[_Label | _Values], row_keys: list[str], cells_of: dict[str, int],
            ok_of: dict[str, RowCheck], merged: dict[str, list[str]] | None = None) -> tuple[list[_RowRead], set[str]]:
    """Walks the value groups in order, giving each to a template row. Returns the rows read and
    the row keys whose labels were seen. `merged` names a row a report may print in place of
    several (the 2021 （六） rows printed as one 「（六）其他处理」): it takes their place in order."""
    merged = merged or {}
    keys = set(row_keys) | set(merged)
    seen_labels = {it.key for it in items if isinstance(it, _Label)}
    reads: list[_RowRead] = []
    failed: dict[str, str] = {}  # rows whose own figures could not be read
    p = 0
    for i, it in enumerate(items):
        if not isinstance(it, _Values):
            continue
        lb = _bound_label(text, items, i, keys, frozenset(merged))
        key = None
        if lb is not None:
            key = lb.key
            if key in row_keys and row_keys.index(key) < p and lb.grid_row is None:
                key = None  # a label already used: read this group in order
            elif key in merged and (_next_label_key(items, i, keys) not in merged[key]):
                pass  # the merged row, its sub-rows not printed
        if key is None:
            if p >= len(row_keys):
                continue
            key = row_keys[p]
            # an unlabelled group must fit the row's cell count
        n = cells_of.get(key, 0)
        cands = _candidates(it, n, ok_of.get(key), allow_blanks=lb is not None, sums=n == 7)
        if not cands:
            if lb is not None:
                failed.setdefault(key, _shown(it))
            continue
        label = lb.text if lb is not None else ""
        if key in merged:
            last = max(row_keys.index(k) for k in merged[key])
            p = max(p, last + 1)
            reads.append(_RowRead(key, label, cands, it))
            continue
        if key in row_keys:
            r = row_keys.index(key)
            # rows skipped between: printed without values when their label is there
            for k in row_keys[p:r]:
                if k in seen_labels and not any(x.key == k for x in reads):
                    reads.append(_not_read(k, cells_of[k], failed))
            p = max(p, r + 1)
        reads.append(_RowRead(key, label, cands, it))
    for k in row_keys[p:]:
        if k in seen_labels and not any(x.key == k for x in reads):
            reads.append(_not_read(k, cells_of[k], failed))
    return reads, seen_labels


def _not_read(key: str, n: int, failed: dict[str, str]) -> _RowRead:
    """A row whose label was seen and whose figures were not read: printed blank, or — when figures
    stood by its label and fitted no reading of its cells — unread."""
    return _RowRead(key, "", [tuple([None] * n)], None, blank=key not in failed, unread=failed.get(key))


def _shown(v: _Values) -> str:
    return ("".join(v.raw) if v.raw and v.grid is None else " ".join(t or "/" for t in v.tokens)).strip()


def _next_label_key(items: list[_Label | _Values], i: int, keys: set[str]) -> str | None:
    for it in items[i + 1 :]:
        if isinstance(it, _Label) and it.key in keys:
            return it.key
    return None


SUM_GROUPS = {7: (7,), 15: (5, 5, 5)}  # 表三 row: six columns add up to 总计; 表四: three groups of five


def _candidates(v: _Values, n: int, ok: RowCheck | None, allow_blanks: bool = True,
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
            sub = _drop_subtotal(toks)
            return [sub] if sub is not None else []
        if len(toks) != n:
            return []
        try:
            row = tuple(_parse_token(t) for t in toks)
        except ValueError:
            return []
        return [row]
    present = [t for t in toks if t != ""]
    if n == 7 and len(toks) == 8 and all(toks):
        sub = _drop_subtotal(toks)
        if sub is not None:
            return [sub]
    if len(toks) == n:
        try:
            return [tuple(_parse_token(t) for t in toks)]
        except ValueError:
            return []
    if len(present) > n or not present:
        return []
    # fewer tokens than cells: some lost their separators
    units = {t: re.sub(r"[\d.\-]", "", t) for t in present}
    bare = [re.sub(r"(万元|亿元|元|%|笔|个|项|件)$", "", t) for t in present]
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
    if not rows and sums and n == 7 and 0 <= digits - n <= 3 and all(re.fullmatch(r"\d+", t) for t in bare):
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


def _drop_subtotal(toks: list[str]) -> Row | None:
    """Eight numbers for 表三's seven columns: a 法人或其他组织「小计」 after the five organisation
    columns (np, 5 orgs, 小计, 总计) is recognised by its sums and left out."""
    try:
        vals = [_parse_token(t) for t in toks]
    except ValueError:
        return None
    if any(v is None for v in vals):
        return None
    nums = [v for v in vals if v is not None]
    orgs = sum(nums[1:6])
    if nums[6] == orgs and nums[0] + orgs == nums[7]:
        return (*vals[:6], vals[7])
    return None


def _parse_token(t: str) -> int | Decimal | None:
    if t == "":
        return None
    val, _unit, understood = parse_cell(t)
    if not understood:
        raise ValueError(t)
    return val


# ---------------------------------------------------------------- 表三


def _known_headers(t: tmpl.Template, kind: str) -> tuple[dict[str, str], set[str]]:
    """The template's column labels of a table (normalised → as printed), and every other header
    text it prints (captions, group labels, the identity note)."""
    cols: dict[str, str] = {}
    other: set[str] = set()
    if kind == "t2":
        for b in t.t2_blocks:
            other.add(norm_label(b.caption))
            for c in b.columns:
                cols[norm_label(c.label)] = c.label
        other |= {"信息内容"}
    elif kind == "t3":
        for c in t.t3_columns:
            cols[norm_label(c.label)] = c.label
        other |= {"申请人情况", "法人或其他组织", norm_label("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")}
    else:
        for o in t.t4_outcomes:
            cols[norm_label(o.label)] = o.label
        other |= {norm_label(g.label) for g in t.t4_groups} | {"行政诉讼"}
    return cols, other


def _header_labels(report: Report, t: tmpl.Template, info: TableInfo) -> None:
    """Header cells of the table's grids that deviate from the template: a column label written
    differently (variant), or a column the template does not have (extra, e.g. 小计)."""
    cols, other = _known_headers(t, info.kind)
    rows = _all_row_fragments(t)
    for gi in info.grids:
        g = report.grids[gi]
        for row in g.rows:
            if any(c.origin and parse_cell(c.text)[0] is not None for c in row):
                if info.kind == "t2":
                    continue  # 表二 repeats a header row above each of its blocks
                break  # the header ends where the numbers begin
            for c in row:
                text = c.text.strip()
                n = norm(text)
                if not c.origin or not n or n in cols or n in other or any(f in n for f in rows):
                    continue
                if len(n) > 30 or parse_cell(text)[2]:
                    continue
                # a piece of a known header (a converter broke the cell: 「商业企」「业」) is no deviation
                if any(n in k for k in (*cols, *other)):
                    continue
                target = _closest_column(n, cols, t, info.kind)
                if target is not None and target not in info.column_variants:
                    info.column_variants[target] = text
                elif target is None and n not in {norm(x) for x in info.extra_labels}:
                    info.extra_labels.append(text)


@cache
def _all_row_fragments(t: tmpl.Template) -> tuple[str, ...]:
    frags = [f for fs in _t2_fragments(t).values() for f in fs]
    frags += [f for fs in _t3_fragments(t).values() for f in fs if len(f) > 2]
    return tuple(frags)


def _closest_column(n: str, cols: dict[str, str], t: tmpl.Template, kind: str) -> str | None:
    """The template column a deviating header stands for, by its distinctive fragments."""
    labels = ([c for b in t.t2_blocks for c in b.columns] if kind == "t2"
              else list(t.t3_columns) if kind == "t3" else list(t.t4_outcomes))
    for lab in labels:
        if any(norm_label(f) in n for f in lab.match if len(norm_label(f)) >= 2) and "小计" not in n:
            return lab.label
    return None


def _split_runs(items: list[_Label | _Values], n: int) -> list[_Label | _Values]:
    """A run of text holding several rows' numbers (a converter that wrote the cells of two or
    three rows one after another, their labels elsewhere) becomes one group per row; only the
    first keeps the label it follows."""
    out: list[_Label | _Values] = []
    for it in items:
        if isinstance(it, _Values) and it.grid is None and len(it.tokens) >= 2 * n and len(it.tokens) % n == 0 \
                and all(t for t in it.tokens):
            for k in range(0, len(it.tokens), n):
                part = _Values(it.tokens[k : k + n], it.start, it.end, it.line, page=it.page, raw=it.raw)
                if k:
                    part.line = -2 - k  # not on the label's line: read in template order
                    part.start = it.start + 1  # after the label: never bound to it
                out.append(part)
            continue
        out.append(it)
    return out


@cache
def _t2_fragments(t: tmpl.Template) -> dict[str, list[str]]:
    return {r.key: [norm_label(f) for f in r.match] for b in t.t2_blocks for r in b.rows}


@cache
def _t3_full_labels(t: tmpl.Template) -> dict[str, str]:
    full = {r.key: norm_label(r.label) for r in t.t3_rows}
    full["other.total"] = norm_label(t.t3_other_merged.label)
    return full


@cache
def _t3_fragments(t: tmpl.Template) -> dict[str, list[str]]:
    frags = {r.key: [norm_label(f) for f in r.match] for r in t.t3_rows}
    if t.version == "2021":
        frags["other.total"] = [norm_label(f) for f in t.t3_other_merged.match[:1]]
    for r in t.t3_rows:
        for v in r.variants:
            frags[r.key].append(norm_label(v))
    return frags


def _read_t3(report: Report, t: tmpl.Template, info: TableInfo) -> None:
    frags = _t3_fragments(t)
    full = _t3_full_labels(t)
    items = _split_runs(_stream(report, info, 7, frags, full), 7)
    row_keys = t.t3_row_keys()
    cells_of = dict.fromkeys([*row_keys, "other.total"], 7)
    ok_of: dict[str, RowCheck] = {k: (lambda r: row_sum(r) and non_negative(r)) for k in cells_of}
    merged_rows = {"other.total": [k for k in row_keys if k.startswith("other.")]} if t.version == "2021" else {}
    reads, seen = _assign(report.text, items, row_keys, cells_of, ok_of, merged_rows)
    merged = t.version == "2021" and any(r.key == "other.total" for r in reads)
    if merged:
        info.merged_other = True
        row_keys = t.t3_row_keys(merged_other=True)
        reads = [r for r in reads if not (r.key.startswith("other.") and r.key != "other.total" and r.blank)]
    _narrow_t3(reads, t, merged)
    _record(report, t, info, "t3", reads, [c.key for c in t.t3_columns],
            [c.label for c in t.t3_columns], row_keys, seen, items)


def _narrow_t3(reads: list[_RowRead], t: tmpl.Template, merged: bool) -> None:
    """Rows with several readings: keep the combinations that satisfy the column identities."""
    amb = [r for r in reads if len(r.candidates) > 1]
    if not amb:
        return
    by_key = {r.key: r for r in reads}
    outcome = t.outcome_rows(merged)
    total_combos = 1
    for r in amb:
        total_combos *= len(r.candidates)
    if total_combos > 200_000:
        return
    survivors: list[tuple[Row, ...]] = []
    for combo in itertools.product(*(r.candidates for r in amb)):
        chosen = {r.key: c for r, c in zip(amb, combo, strict=True)}

        def row(k: str, chosen: dict[str, Row] = chosen) -> Row | None:
            if k in chosen:
                return chosen[k]
            rr = by_key.get(k)
            return rr.candidates[0] if rr and len(rr.candidates) == 1 else None

        if _t3_identities_hold(row, outcome):
            survivors.append(combo)
    if not survivors:
        return
    for i, r in enumerate(amb):
        r.candidates = sorted({s[i] for s in survivors}, key=lambda x: tuple(str(v) for v in x))


def _t3_identities_hold(row: Callable[[str], Row | None], outcome: list[str]) -> bool:
    def cell(r: Row | None, c: int) -> int | Decimal | None:
        return None if r is None else r[c]

    new, co, tot, cf = row("new"), row("carried_over"), row("total"), row("carried_forward")
    parts = [row(k) for k in outcome]
    for c in range(7):
        a, b, t, f = cell(new, c), cell(co, c), cell(tot, c), cell(cf, c)
        if a is not None and b is not None and t is not None and f is not None and a + b != t + f:
            return False
        vals = [cell(p, c) for p in parts]
        if t is not None and all(v is not None for v in vals):
            if sum(v for v in vals if v is not None) != t:
                return False
    return True


# ---------------------------------------------------------------- 表二


# 表二 columns a report may leave blank rather than write 0: 本年增/减 (2019 layout) has nothing to
# add or take away
T2_MAY_BE_BLANK = frozenset({"change"})


def _read_t2(report: Report, t: tmpl.Template, info: TableInfo) -> None:
    frags: dict[str, list[str]] = {}
    cells_of: dict[str, int] = {}
    ok_of: dict[str, RowCheck] = {}
    blank_of: dict[str, frozenset[int]] = {}
    row_keys: list[str] = []
    for b in t.t2_blocks:
        for r in b.rows:
            frags[r.key] = _t2_fragments(t)[r.key]
            cells_of[r.key] = len(b.columns)
            ok_of[r.key] = _t2_check([c.key for c in b.columns])
            blank_of[r.key] = frozenset(i for i, c in enumerate(b.columns) if c.key in T2_MAY_BE_BLANK)
            row_keys.append(r.key)
    full = {r.key: norm_label(r.label) for b in t.t2_blocks for r in b.rows}
    items = _stream(report, info, None, frags, full)
    # 表二 rows always carry their label: an unlabelled number in its region is prose or a caption
    labelled: list[_Label | _Values] = []
    for i, it in enumerate(items):
        if isinstance(it, _Values) and _bound_label(report.text, items, i, set(row_keys)) is None:
            continue
        labelled.append(it)
    reads, seen = _assign_labelled(report.text, labelled, row_keys, cells_of, ok_of, blank_of)
    for b in t.t2_blocks:
        cols = [c.key for c in b.columns]
        labels = [c.label for c in b.columns]
        rows = [r.key for r in b.rows]
        _record(report, t, info, "t2", [r for r in reads if r.key in rows], cols, labels, rows, seen, items,
                kinds=[c.kind for c in b.columns], units=[c.unit for c in b.columns])


def _t2_check(cols: list[str]) -> RowCheck:
    """表二 counts are never negative; only 本年增/减 (2019) may be."""

    def ok(row: Row) -> bool:
        return all(v is None or v >= 0 or cols[i] == "change" for i, v in enumerate(row))

    return ok


def _assign_labelled(text: str, items: list[_Label | _Values], row_keys: list[str], cells_of: dict[str, int],
                     ok_of: dict[str, RowCheck],
                     blank_of: dict[str, frozenset[int]] | None = None) -> tuple[list[_RowRead], set[str]]:
    reads: list[_RowRead] = []
    failed: dict[str, str] = {}
    seen = {it.key for it in items if isinstance(it, _Label)}
    for i, it in enumerate(items):
        if not isinstance(it, _Values):
            continue
        lb = _bound_label(text, items, i, set(row_keys))
        if lb is None or any(r.key == lb.key for r in reads):
            continue
        cands = _candidates(it, cells_of[lb.key], ok_of[lb.key], blank_cols=(blank_of or {}).get(lb.key, frozenset()))
        if cands:
            reads.append(_RowRead(lb.key, lb.text, cands, it))
        else:
            failed.setdefault(lb.key, _shown(it))
    for k in row_keys:
        if k in seen and not any(r.key == k for r in reads):
            reads.append(_not_read(k, cells_of[k], failed))
    return reads, seen


# ---------------------------------------------------------------- 表四


def _read_t4(report: Report, t: tmpl.Template, info: TableInfo) -> None:
    items = _stream(report, info, 15, {})
    reads: list[_RowRead] = []
    values = [it for it in items if isinstance(it, _Values)]
    for v in values:
        cands = _candidates(v, 15, lambda r: t4_sums(r) and non_negative(r), sums=True)
        if not cands and v.grid is None and len(values) == 1 and len(v.tokens) == 15:
            cands = _candidates(v, 15, non_negative)  # fifteen cells whose sums do not hold: T304 says so
        if cands:
            reads.append(_RowRead("t4", "", cands, v))
            break
    if not reads:
        # the groups on separate rows (行政复议 | 5 cells; …) or no data row at all
        rows = [v for v in values if len(v.tokens) == 5]
        if len(rows) == 3:
            joined = _Values([tok for v in rows for tok in v.tokens], rows[0].start, rows[-1].end, rows[0].line,
                             page=rows[0].page)
            cands = _candidates(joined, 15, non_negative)
            if cands:
                reads.append(_RowRead("t4", "", cands, joined))
    if not reads:
        fused = [v for v in values if v.grid is None and len(v.tokens) < 15]
        if fused:  # the table is there, but its figures ran together and no reading holds its sums
            info.unread = "".join(fused[0].raw) if fused[0].raw else "".join(fused[0].tokens)
        return
    rr = reads[0]
    cols = [f"{g.key}.{o.key}" for g in t.t4_groups for o in t.t4_outcomes]
    labels = [f"{'行政复议' if g.key == 'reconsideration' else '行政诉讼·' + g.label}「{o.label}」"
              for g in t.t4_groups for o in t.t4_outcomes]
    _record_cells(report, info, "t4", rr, [f"t4.{c}" for c in cols], labels, "", "count", None)


# ---------------------------------------------------------------- recording fields


def _record(report: Report, t: tmpl.Template, info: TableInfo, table: str, reads: list[_RowRead],
            cols: list[str], col_labels: list[str], row_keys: list[str], seen: set[str],
            items: list[_Label | _Values], kinds: list[str] | None = None,
            units: list[str | None] | None = None) -> None:
    got = {r.key for r in reads}
    for k in row_keys:
        if k not in got and k not in info.missing_rows and not (k.startswith("other.") and info.merged_other):
            info.missing_rows.append(k)
    for r in reads:
        if r.key not in info.found_rows:
            info.found_rows.append(r.key)
        row_def = t.row(table, r.key)
        if row_def is not None and r.label:
            written = norm(r.label)
            if norm_label(row_def.label) not in written and any(norm_label(v) in written for v in row_def.variants):
                info.label_variants[r.key] = r.label.strip()
        keys = [f"{table}.{r.key}.{c}" for c in cols]
        _record_cells(report, info, table, r, keys, col_labels, r.label or (row_def.label if row_def else r.key),
                      None, None, kinds, units)
        if r.unread is not None:
            info.unread_rows[r.key] = r.unread
            for k in keys:
                report.fields[k].raw = r.unread
                report.fields[k].note = f"此行印有数字“{r.unread}”，但对不上本行的格数，未能读出；不是空白。"
        if r.item is not None:
            info.rows.append(RowItem(r.label, r.item.raw or r.item.tokens, r.item.fused, r.item.page, r.item.grid,
                                     r.item.grid_row, r.item.start, r.item.end))


def _record_cells(report: Report, info: TableInfo, table: str, r: _RowRead, keys: list[str],
                  col_labels: list[str], row_label: str, kind: str | None, unit: str | None,
                  kinds: list[str] | None = None, units: list[str | None] | None = None) -> None:
    it = r.item
    n = len(keys)
    many = len(r.candidates) > 1
    if many:  # the readings ranked by plausibility, counted in the note (evidence.py may decide later)
        r.candidates = rank(r.candidates, [k.rsplit(".", 1)[1] for k in keys])
    ambiguous_note = ambiguous_note_of(r.candidates) if many else None
    fused_note = None
    if it is not None and it.fused:
        fused_note = "数字连写，按表内勾稽关系拆分。" if many else "数字连写，按表内勾稽关系唯一拆分。"
        if it.digit_per_cell:
            fused_note = "数字连写，且不满足表内勾稽关系；其数字只有一种拆法，按此读出。"
    in_grid = it is not None and it.grid is not None
    joined = "" if it is None or in_grid else ("".join(it.raw) if it.raw else " ".join(it.tokens))
    page = it.page if it else None
    if page is None and it is not None:
        page = report.page_at(it.start)
    label = row_label.strip() or None
    candidates = [list(c) for c in r.candidates] if many else None
    for i, key in enumerate(keys):
        vals = {c[i] for c in r.candidates}
        value = next(iter(vals)) if len(vals) == 1 else None
        k = (kinds[i] if kinds else kind) or "count"
        raw = (it.raw[i] if i < len(it.raw) else "") if in_grid and it is not None else joined
        cell_unit = None
        if in_grid or (it is not None and n <= 3 and i == n - 1):
            cell_unit = _unit_in(raw)
        note = ambiguous_note if len(vals) > 1 else fused_note
        if value is not None and k == "count" and not isinstance(value, int):
            note = (note or "") + "计数格出现小数。"
        report.fields[key] = Field(
            key=key, value=value, raw=raw.strip(), unit=cell_unit or (units[i] if units else unit),
            kind="money" if k == "money" else "count", table=table, page=page, row_label=label,
            col_label=col_labels[i] if i < len(col_labels) else None,
            grid=it.grid if it else None, grid_row=it.grid_row if it else None,
            grid_col=(it.grid_cols[i] if it and it.grid_cols and i < len(it.grid_cols) else None),
            start=it.start if it else None, end=it.end if it else None, note=note,
            candidates=candidates if len(vals) > 1 else None,
        )


def _unit_in(raw: str) -> str | None:
    m = re.search(r"(万元|亿元|千元|元)\s*$", raw.strip())
    return m.group(1) if m else None
