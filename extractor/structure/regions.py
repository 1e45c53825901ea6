"""Where 表二, 表三 and 表四 stand in a report's text: from the marker of each table's header to
the end of its last row (or the start of the next table), whatever the layout of the source."""

from __future__ import annotations

import bisect
import itertools
import re

from .. import template as tmpl
from ..model import Grid, Report
from .labels import t2_fragments
from .runs import tokens, value_run

# ---------------------------------------------------------------- regions

T2_START = ["第二十条第(一)项", "第二十条第(五)项", "信息内容", "本年制发件数", "本年新制作数量"]
T2_STRONG = [f for f in T2_START if f != "信息内容"]
T3_START = ["勾稽关系", "申请人情况", "本年新收政府信息公开申请", "本年新收"]
T4_START = ["行政复议"]
T4_HEADER = ["结果维持", "结果纠正", "其他结果", "尚未审结", "未经复议直接起诉", "复议后起诉", "行政诉讼", "总计",
             "维持", "纠正", "审结"]


def _find(nt: tuple[str, list[int]], frags: list[str], lo: int, hi: int) -> tuple[int, int] | None:
    """Earliest normalised match of any fragment in text offsets [lo, hi): (start, end) offsets."""
    s, idx = nt
    ilo = norm_index(idx, lo)
    ihi = norm_index(idx, hi)
    best: tuple[int, int] | None = None
    for f in frags:
        i = s.find(f, ilo, ihi)
        if i >= 0 and (best is None or i < best[0]):
            best = (i, i + len(f))
    if best is None:
        return None
    return idx[best[0]], idx[best[1] - 1] + 1


def norm_index(idx: list[int], offset: int) -> int:
    return bisect.bisect_left(idx, offset)


def find_regions(report: Report, nt: tuple[str, list[int]], t: tmpl.Template) -> dict[str, tuple[int, int]]:
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
    if s2 is None and t2 is not None:
        # no heading of part 二 to start from: a word of the header (信息内容) may stand in the prose
        # before it; the table starts at its own header (第二十条…, 本年制发件数), 信息内容 only just before
        strong = _find(nt, T2_STRONG, t2[0], t3[0] if t3 else end)
        if strong is not None and strong[0] - t2[0] > 40:
            t2 = _find(nt, T2_START, max(strong[0] - 40, 0), strong[1]) or strong
    if t2 is not None:
        t2_stop = t3[0] if t3 else (s5.start if s5 and s5.start > t2[0] else end)
        last = _last_label(report, nt, [f for frags in t2_fragments(t).values() for f in frags], t2[0], t2_stop)
        if last is not None:
            t2_stop = min(t2_stop, max(_after_values(report, last), last))
        out["t2"] = (t2[0], t2_stop)
    if t3 is not None:
        carried = _find(nt, ["结转下年度继续办理", "结转下年度", "转下年度"], t3[1], end)
        t3_end = _after_values(report, carried[1]) if carried else end
        # the header row of 表四 (行政复议 | 行政诉讼 …); prose of part 四 may come first. Without
        # 表三's last label (a print that cut it, 年度继续办理 without 结转下), that header is
        # still 表四's: 表三 holds none of it
        after = t3_end if carried else t3[1]
        t4 = _find(nt, ["行政复议行政诉讼"], after, end) or _find(nt, ["结果维持"], after, end)
        if t4 is None:
            t4 = _find(nt, T4_START, t3_end, end) or _find(nt, ["行政诉讼"], t3_end, end)
        if t4 is not None:
            nxt = [sec.start for sec in report.sections if sec.number > 4 and sec.start > t4[0]]
            t4_end = _t4_end(report, nt, t4[0], min(nxt) if nxt else end)
            out["t4"] = (t4[0], t4_end)
        t3_stop = t4[0] if t4 else (s5.start if s5 and s5.start > t3[0] else end)
        if carried and t3_end < t3_stop:
            t3_stop = t3_end  # prose may follow the last row before 表四 begins
        # the line that holds the marker may start the table; never back over 表二's last row
        floor = out["t2"][1] if "t2" in out and out["t2"][0] < t3[0] else lo
        out["t3"] = (_line_start(text, t3[0], floor), t3_stop)
    # a table ends before the heading of a later part: a value run may have taken that heading's
    # Arabic numeral with it (…结转下年度继续办理 0 0 0 0 0 0 0 4. 政府信息公开行政复议…)
    for kind, (a, b) in list(out.items()):
        later = [sec.start for sec in report.sections if a < sec.start < b and sec.number > int(kind[1])]
        if later:
            out[kind] = (a, min(later))
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
    return {k: out[k] for k in ("t4", "t3", "t2") if k in out}


# a table's last row printed blank: nothing but blank marks before the next part's heading (or
# the next table) — a row all the same, not a word in prose
_BLANK_LAST_ROW = re.compile(r"[ \t\u3000无/\-—－–]*(?:\n|[一二三四五六七八九十]、|\Z)")


def _last_label(report: Report, nt: tuple[str, list[int]], frags: list[str], lo: int, hi: int) -> int | None:
    """End offset of the last label in [lo, hi) that has values after it (a row, not a word in prose)."""
    s, idx = nt
    ilo, ihi = norm_index(idx, lo), norm_index(idx, hi)
    best = -1
    for f in frags:
        i = s.find(f, ilo, ihi)
        while i >= 0:
            end = idx[i + len(f) - 1] + 1
            if i + len(f) > best and (value_run(report.text, end, hi) or any(g.start <= end < g.end for g in report.grids)
                                      or _BLANK_LAST_ROW.match(report.text, end, hi)):
                best = i + len(f)
            i = s.find(f, i + 1, ihi)
    return idx[best - 1] + 1 if best > 0 else None


def _line_start(text: str, pos: int, floor: int = 0) -> int:
    """The start of the line that holds `pos` when it is near (a header row's first cell), never
    before `floor` (a line that also holds the table before is not this table's line)."""
    i = text.rfind("\n", 0, pos)
    if i < 0 or pos - i >= 200 or i + 1 < floor:
        return pos
    # figures that open the line end the row before (a wrapped line starts with them): not 表三's
    lead = _LEADING_FIGURES.match(text, i + 1, pos)
    return lead.end() if lead else i + 1


_LEADING_FIGURES = re.compile(r"[ \t\u3000]*\d[\d.,，/ \t\u3000]*(?:万元|元)?")


def _after_values(report: Report, pos: int) -> int:
    """End of the value run (or grid row) that follows a label ending at `pos`."""
    for g in report.grids:
        if g.start <= pos < g.end:
            nl = report.text.find("\n", pos, g.end)
            return g.end if nl < 0 else nl
    run = value_run(report.text, pos, len(report.text))
    return run[1] if run else pos


def _t4_end(report: Report, nt: tuple[str, list[int]], start: int, limit: int) -> int:
    """Where 表四 ends: after its figures. A table printed as three sub-tables, one per group of
    five (行政复议 | 未经复议直接起诉 | 复议后起诉: a Markdown converter writes a heading and a table
    for each; so do some HTML pages and plain texts), ends after the third group."""
    grids = sorted(report.grids, key=lambda g: g.start)
    for i, g in enumerate(grids):
        if g.start <= start < g.end or (start <= g.start < limit and _grid_digits(g) >= 5):
            end = g.end
            if _grid_digits(g) == 0:
                # a grid of the header only: the figures follow it as a line of their own (fifteen
                # digits run together are one cell, not a row of the grid)
                run = value_run(report.text, end, limit)
                if run is not None and sum(ch.isdigit() for ch in report.text[run[0] : run[1]]) >= 5:
                    return run[1]
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
        run = value_run(text, pos, limit, skip_text=True)
        if run is None:
            break
        seg = text[run[0] : run[1]]
        if sum(ch.isdigit() for ch in seg) >= 5 or groups:
            if len(tokens(seg, text[run[1] : run[1] + 1])) != 5:
                return groups[-1] if groups else run[1]
            groups.append(run[1])
            if len(groups) == 3:
                return run[1]
        pos = run[1] + 1
    return groups[-1] if groups else limit


def _grid_digits(g: Grid) -> int:
    return sum(1 for row in g.rows for c in row if c.origin and c.text.strip().isdigit())
