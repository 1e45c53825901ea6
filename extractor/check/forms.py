"""S116 — the form itself: one report printing its tables on two different layouts.

The 2019 layout (国办公开办函〔2019〕60号) and the 2021 layout (〔2021〕30号) differ in 表二 (本年新制作/
本年新公开/对外公开总数量 and 上一年项目数量/本年增/减 against 本年制发/本年废止/现行有效件数 and
本年处理决定数量) and in 表三 (（六）其他处理 one row against three sub-rows). A report whose 表二 is on
one layout and 表三 on the other copied one table from an old report: its figures cannot be read
against one form (S106 reports a report wholly on the wrong layout).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from .. import template as tmpl
from ..model import Finding, Report, TableInfo
from .engine import RuleContext
from .registry import rule

_T2_2021 = ("本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额")
_T2_2019 = ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "采购项目数量")
_NOTICE = {"2019": "国办公开办函〔2019〕60号", "2021": "国办公开办函〔2021〕30号"}


def t2_layout(r: Report, min_words: int) -> str | None:
    """The layout 表二's column words name: at least `min_words` of one layout's and none of the other's."""
    info = r.tables.get("t2")
    if info is None:
        return None
    text = re.sub(r"\s+", "", r.text[info.start : info.end])
    new = sum(w in text for w in _T2_2021)
    old = sum(w in text for w in _T2_2019)
    if new >= min_words and old == 0:
        return "2021"
    if old >= min_words and new == 0:
        return "2019"
    return None


def t3_layout(r: Report) -> str | None:
    info = r.tables.get("t3")
    if info is None:
        return None
    if any(k.startswith(("t3.other.unpaid_fee.", "t3.other.other.")) for k in r.fields) and not info.merged_other:
        return "2021"
    if info.merged_other:
        return "2019"
    return None


@rule("S116")
def mixed_layout(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    a, b = t2_layout(r, int(ctx.spec.params["min_words"])), t3_layout(r)
    if a is None or b is None or a == b:
        return
    y = r.meta.year
    old = "t2" if a == "2019" else "t3"
    if old == "t3":
        keys = [k for k in r.fields if k.startswith("t3.other.total.")] or \
               [k for k in r.fields if k.startswith("t3.other.no_correction.")]
        what = "“（六）其他处理”只有一行，没有“逾期不补正”“逾期未按收费通知缴纳费用”“其他”三个子项"
    else:
        keys = [k for k in r.fields if k.startswith("t2.") and k.endswith((".published", ".public_total",
                                                                            ".prev_items", ".change"))]
        what = "用“本年新制作数量/本年新公开数量/对外公开总数量”“上一年项目数量/本年增/减”等旧栏目"
    info = r.tables[old]
    yield ctx.finding(fields=keys, year=y if y is not None else "", layout_two=a, layout_three=b, notice_two=_NOTICE[a], notice_three=_NOTICE[b],
                      old_table="表二" if old == "t2" else "表三", what=what,
                      expected="2021" if (y or 0) >= 2021 else "一致", actual=f"表二{a}、表三{b}",
                      section=2 if old == "t2" else 3, start=info.start, end=info.start,
                      data={"t2": a, "t3": b})


# ------------------------------------------------------------------ S117 a template label altered


@lru_cache(maxsize=8192)
def _label_norm(s: str) -> str:
    """A label without what may differ harmlessly: spaces, width, numbering, quotes, the notes in
    brackets (区分处理的…, 单位：…). Cached: the template's labels and a table's label runs are
    normalised again for every row compared."""
    from ..structure.labels import norm

    s = norm(s)
    s = re.sub(r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\)|\d+\.)+", "", s)
    s = re.sub(r"\((?:区分处理的[^)]*|单位[^)]*)\)", "", s)
    s = re.sub(r"\((?:元|万元|件|条|项|个)\)$", "", s)  # a unit written after the label
    return re.sub(r"[\"“”'‘’]", "", s)


def _close(written: str, official: str) -> float:
    """How alike the end of the written label is to the official one (0..1)."""
    import difflib

    tail = written[-(len(official) + 4) :]
    return difflib.SequenceMatcher(None, tail, official).ratio() if tail else 0.0


@rule("S117")
def label_altered(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    t = ctx.template
    if t is None:
        return
    prm = ctx.spec.params
    least = float(prm["similarity"])
    seen: set[tuple[str, str]] = set()
    # rows read under a template key whose printed label does not hold the official one
    for key, f in r.fields.items():
        if not f.row_label:
            continue
        kind, _, rest = key.partition(".")
        row = rest.rsplit(".", 1)[0] if kind in ("t2", "t3") else None
        if row is None or (kind, row) in seen:
            continue
        seen.add((kind, row))
        info = r.tables.get(kind)
        lab = t.row(kind, row)
        if info is None or lab is None or row in info.label_variants:
            continue  # S109 names the known variants
        w, o = _label_norm(f.row_label), _label_norm(lab.label)
        if not o or w.endswith(o):
            continue
        if o in w:  # characters added after the label (重复申请事项)
            if not re.fullmatch(rf"[\u4e00-\u9fff]{{1,{int(prm['max_added'])}}}", w[w.rindex(o) + len(o) :]):
                continue
        elif _close(w, o) < least:
            continue
        keys = [k for k in r.fields if k.startswith(f"{kind}.{row}.")]
        printed = re.sub(r"\s+", "", f.row_label)
        yield ctx.finding(fields=keys, table=tmpl_name(kind), written=printed, label=lab.label,
                          expected=lab.label, actual=printed, locations=[f"{tmpl_name(kind)}「{printed}」行"],
                          section={"t2": 2, "t3": 3}[kind], start=f.start, end=f.end,
                          data={"table": kind, "row": row})
    # rows of the template not read at all, where the table prints a label close to theirs
    for kind, info in r.tables.items():
        if kind not in ("t2", "t3"):
            continue
        # the table's label-like runs that no template label accounts for
        official, joined, holds_official = _official_labels(t, kind)
        labels = []
        # the region may stop at the last row read: look on to the next table or section
        after = [x.start for x in r.tables.values() if x.start > info.start]
        after += [x.start for x in r.sections if x.start >= info.end]
        stop = min([info.end + 200, *after])
        for m in re.finditer(r"[\u4e00-\u9fff“”（）()、：:]{3,40}", r.text[info.start : max(stop, info.end)]):
            w = _label_norm(m.group(0))
            inside = (w in joined) if "\0" not in w else any(o and w in o for o in official)
            if w and not inside and (holds_official is None or holds_official.search(w) is None):
                labels.append((m.group(0), info.start + m.start(), info.start + m.end()))
        for row in info.missing_rows:
            lab = t.row(kind, row)
            if lab is None:
                continue
            o = _label_norm(lab.label)
            best = max(((_close(_label_norm(w), o), w, a, b) for w, a, b in labels
                        if o not in _label_norm(w)), default=None)
            if best is None or best[0] < max(least, float(prm["unread_similarity"])):
                continue
            printed = re.sub(r"\s+", "", best[1])
            if any(_label_norm(printed).endswith(_label_norm(x.label)) for x in _all_rows(t, kind)):
                continue  # the label is another row's, read as that row
            yield ctx.finding("unread", table=tmpl_name(kind), written=printed, label=lab.label,
                              expected=lab.label, actual=printed, locations=[f"{tmpl_name(kind)}「{printed}」行"],
                              section={"t2": 2, "t3": 3}[kind], start=best[2], end=best[3],
                              data={"table": kind, "row": row})


    # column headers altered by hand (本年增/减量, 自然入, 科研机购)
    yield from _columns_altered(r, ctx, t, least, int(prm["max_added"]))


_UNIT = re.compile(r"万元|元")


def column_altered(written: str, official: str, similarity: float, max_added: int,
                   match: tuple[str, ...] = ()) -> str | None:
    """How a printed column header alters the template's by hand — "多字" (characters added before
    or after it), "漏字" (characters dropped), "错字" (characters replaced: a homophone) — or None
    (the same label, another wording, or another unit: S113's)."""
    import difflib

    units_w, units_o = _UNIT.findall(written), _UNIT.findall(official)
    if units_w and units_o and units_w != units_o:
        return None  # 收费金额（元）: another unit, a change of 口径 (S113)
    w, o = _hanzi(_label_norm(written)), _hanzi(_label_norm(official))
    if not w or not o or w == o:
        return None  # the same words (本年增减 for 本年增/减)
    if match and w in {_hanzi(_label_norm(m)) for m in match}:
        return None  # a short form the template knows (制发件数): S113 names it
    if o in w:
        extra = w.replace(o, "", 1)
        ok = (w.startswith(o) or w.endswith(o)) and re.fullmatch(rf"[\u4e00-\u9fff]{{1,{max_added}}}", extra)
        return "多字" if ok else None
    ratio = difflib.SequenceMatcher(None, w, o).ratio()
    if ratio < similarity:
        return None
    if len(w) < len(o) and len(o) - len(w) <= 2 and _subsequence(w, o):
        return "漏字"
    if len(w) == len(o) and sum(a != b for a, b in zip(w, o, strict=True)) == 1:
        return "错字"  # one character replaced (a homophone): two are another wording (件数 for 数量), S113's
    return None


def _hanzi(s: str) -> str:
    return re.sub(r"[^\u4e00-\u9fff0-9A-Za-z]", "", s)


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def _column_labels(t: tmpl.Template, kind: str) -> list[tmpl.Label]:
    return list(t.t3_columns) if kind == "t3" else [c for b in t.t2_blocks for c in b.columns]


def altered_columns(kind: str, info: TableInfo, t: tmpl.Template, least: float,
                    added: int) -> list[tuple[str, str, str]]:
    """The printed column headers of a table that alter a template column by hand: (template label,
    as printed, how). S113 and S114 leave these to S117."""
    cols = _column_labels(t, kind)
    printed: list[tuple[str, str]] = list(info.column_variants.items())  # (template label, as printed)
    for extra in info.extra_labels:  # a header no fragment matched: the closest column of about its length
        best = max(((difflib_ratio(extra, c.label), c.label) for c in cols), default=None)
        if best is not None and abs(len(_label_norm(extra)) - len(_label_norm(best[1]))) <= 1:
            printed.append((best[1], extra))
    out = []
    for label, written in printed:
        match = tuple(m for c in cols if c.label == label for m in c.match)
        how = column_altered(written, label, least, added, match)
        if how is not None:
            out.append((label, written, how))
    return out


def _columns_altered(r: Report, ctx: RuleContext, t: tmpl.Template, least: float, added: int) -> Iterator[Finding]:
    for kind, info in r.tables.items():
        if kind not in ("t2", "t3"):
            continue
        cols = _column_labels(t, kind)
        for label, written, how in altered_columns(kind, info, t, least, added):
            # the cells read under this very header (表二 prints one per block), else the whole column
            same = _hanzi(_label_norm(written))
            keys = [k for k, f in r.fields.items() if k.startswith(kind + ".") and f.col_label
                    and _hanzi(_label_norm(f.col_label)) == same]
            if not keys:
                col_keys = {c.key for c in cols if c.label == label}
                keys = [k for k in r.fields if k.startswith(kind + ".") and k.rsplit(".", 1)[1] in col_keys]
            w = re.sub(r"\s+", "", written)
            name = tmpl_name(kind)
            yield ctx.finding("column", fields=keys, table=name, written=w, label=label, how=how,
                              expected=label, actual=w, locations=[f"{name}「{w}」列"],
                              section={"t2": 2, "t3": 3}[kind], start=info.start, end=info.start,
                              data={"table": kind, "column": label})


def difflib_ratio(a: str, b: str) -> float:
    import difflib

    return difflib.SequenceMatcher(None, _label_norm(a), _label_norm(b)).ratio()


def tmpl_name(kind: str) -> str:
    return tmpl.TABLE_NAMES[kind]


@lru_cache(maxsize=8)
def _official_labels(t: tmpl.Template, kind: str) -> tuple[list[str], str, re.Pattern[str] | None]:
    """A table's official row and column labels (`_label_norm`), once per template: the labels;
    them joined by a character no label holds (w inside some label: one search in them all); and
    one pattern of them all (some label inside w: one search, not one per label), None when
    there is none."""
    official = [_label_norm(x.label) for x in _all_rows(t, kind)] + [
        _label_norm(c.label) for c in (t.t3_columns if kind == "t3" else [c for b in t.t2_blocks for c in b.columns])]
    present = [o for o in official if o]
    holds = re.compile("|".join(re.escape(o) for o in present)) if present else None
    return official, "\0".join(present), holds


def _all_rows(t: tmpl.Template, kind: str) -> list[tmpl.Label]:
    if kind == "t2":
        return [row for b in t.t2_blocks for row in b.rows]
    return [*t.t3_rows, t.t3_other_merged]
