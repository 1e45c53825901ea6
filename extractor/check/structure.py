"""S1 — structure: the six parts, the three tables and their labels, title, template version."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..model import Finding, Report, TableInfo
from ..resources import load_yaml
from ..structure.labels import norm
from ..text import TABLE_NAMES, TABLE_SECTION, TABLE_TITLES
from .engine import RuleContext
from .facts import lexicon
from .registry import rule

NUMERALS = "一二三四五六七八九十"
# words that show a part is named in the intro's own list of parts
PART_WORDS = {1: ("总体", "概述", "概况", "基本情况"), 2: ("主动公开",), 3: ("申请",), 4: ("复议", "诉讼"),
              5: ("问题", "改进", "整改"), 6: ("其他",)}
_LIST_A = re.compile(r"(?:由|包括|涵盖|分为|包含|围绕)(?P<list>[^。；;]{6,300}?)(?:等|共)*\s*(?P<n>[一二三四五六七八九两\d])\s*个?(?:部分|方面)")
_LIST_B = re.compile(r"(?:共分|分为|共有|包括|共)\s*(?P<n>[一二三四五六七八九两\d])\s*个?部分\s*[：:，,]?(?P<list>[^。；;]{6,300})")


def _defs() -> list[dict]:
    return load_yaml("templates/sections.yaml")["sections"]


def _num(s: str) -> int:
    return int(s) if s.isdigit() else ("两" == s and 2) or NUMERALS.index(s) + 1


def _exact(title: str, d: dict) -> bool:
    t = norm(title)
    return any(t.startswith(e) for e in d["exact"])


def _applies(ctx: RuleContext) -> bool:
    return ctx.modern and (ctx.year is None or ctx.year >= 2019)


def _malformed_heading(r: Report, d: dict) -> re.Match[str] | None:
    """A heading of part `d` that the section finder did not accept (no 、 after the numeral …)."""
    numeral = NUMERALS[d["number"] - 1]
    titles = "|".join(re.escape(e) for e in sorted(d["exact"], key=len, reverse=True) if len(e) >= 4)
    pat = re.compile(rf"(?:^|[\n。；\s）)])\s*(?:第{numeral}部分|{numeral})\s*[、.．,，:：]?\s*(?:{titles})")
    n_text = r.text
    return pat.search(n_text)


@rule("S101")
def sections_missing(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    if not _applies(ctx):
        return
    have = {s.number for s in r.sections}
    for d in _defs():
        if d["number"] in have or _malformed_heading(r, d):
            continue
        yield ctx.finding(numeral=NUMERALS[d["number"] - 1], title=d["title"], data={"part": d["number"]})


@rule("S102")
def section_numbering(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    if not _applies(ctx):
        return
    defs = {d["number"]: d for d in _defs()}
    have = {s.number for s in r.sections}
    off = []
    for s in r.sections:
        d = defs.get(s.number)
        if d is None or not s.numeral or s.numeral not in NUMERALS:
            continue
        if NUMERALS.index(s.numeral) + 1 != s.number and _exact(s.title, d):
            off.append(s)
    runs: list[list[Any]] = []  # parts in a row numbered off by the same step: one cause (a renumbering)
    for s in off:
        step = NUMERALS.index(s.numeral) + 1 - s.number
        last = runs[-1][-1] if runs else None
        if last is not None and NUMERALS.index(last.numeral) + 1 - last.number == step:
            runs[-1].append(s)
        else:
            runs.append([s])
    for run in runs:
        s = run[0]
        if len(run) == 1:
            d = defs[s.number]
            yield ctx.finding(section=s.number, start=s.start, end=s.heading_end or s.start + len(s.title),
                              quote=f"{s.numeral}、{s.title}", printed=s.numeral, title=d["title"],
                              numeral=NUMERALS[s.number - 1])
            continue
        e = run[-1]
        yield ctx.finding("shifted", section=s.number, start=s.start, end=s.heading_end or s.start + len(s.title),
                          quote=f"{s.numeral}、{s.title}", first=NUMERALS[s.number - 1], last=NUMERALS[e.number - 1],
                          printed=s.numeral, printed_last=e.numeral, n=len(run),
                          data={"parts": [x.number for x in run], "printed": [x.numeral for x in run]})
    for n, d in defs.items():
        if n in have:
            continue
        m = _malformed_heading(r, d)
        if m is not None:
            a = m.start() + (len(m.group(0)) - len(m.group(0).lstrip("\n。；）) \t")))
            yield ctx.finding("malformed", start=a, end=m.end(), quote=m.group(0).strip("\n。；）) \t"),
                              heading=m.group(0).strip("\n。；）) \t"), title=d["title"], numeral=NUMERALS[n - 1])


def _parts_list(r: Report, min_named: int) -> tuple[re.Match[str], int, set[int]] | None:
    """The sentence listing the parts: the first list that names at least `min_named` of them."""
    first = min((s.start for s in r.sections), default=min(len(r.text), 3000))
    head = r.text[: max(first, 0) or 3000]
    for pat in (_LIST_B, _LIST_A):
        for m in pat.finditer(head):
            lst = m.group("list")
            named = {k for k, words in PART_WORDS.items() if any(w in lst for w in words)}
            if len(named) >= min_named:
                return m, _num(m.group("n")), named
    return None


@rule("S103")
def parts_list(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    if not _applies(ctx):
        return
    got = _parts_list(r, int(ctx.spec.params["min_named"]))
    if got is None:
        return
    m, n, named = got
    defs = {d["number"]: d for d in _defs()}
    problems = []
    if n != 6:
        problems.append(f"称共{n}个部分，模板规定六个部分")
    missing = [defs[k]["title"] for k in sorted(set(defs) - named)]
    if missing:
        problems.append("所列各部分缺少" + "、".join(f"“{t}”" for t in missing))
    # fewer headings than parts is the missing part itself: S101 (or S102's malformed heading) reports it
    if not problems:
        return
    yield ctx.finding(start=m.start(), end=m.end(), quote=m.group(0), problems="；".join(problems), n=n,
                      section=None, data={"stated": n, "named": sorted(named)})


# a title line without a year, which the title finder (it needs the year) does not take for one:
# 某某局政府信息公开工作年度报告 on its own line, or after a crawler's 标题： / a page's 名称 cell
_YEARLESS_TITLE = re.compile(
    r"^[ \t\u3000#]*(?:(?:标题|题目|名称)[:：]?[ \t\u3000]*)?"
    r"(?P<t>[^\n\t。；;，,：:]{0,40}?政府信息公开(?:工作)?(?:年度报告|工作报告|年报))[ \t\u3000]*$", re.M)


@rule("S104")
def title_present(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    if r.meta.template is None:
        return
    m = r.meta
    if not m.title:
        t = _YEARLESS_TITLE.search(r.text[:3000])
        if t is not None and not re.search(r"(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4}", t.group("t")):
            title = re.sub(r"\s+", "", t.group("t"))
            yield ctx.finding("year", title=title, start=t.start("t"), end=t.end("t"), quote=t.group("t"))
            return
        yield ctx.finding("none")
    elif m.title_year is None:
        yield ctx.finding("year", title=m.title, start=m.title_start, end=m.title_end, quote=m.title)
    elif not m.body:
        yield ctx.finding(title=m.title, start=m.title_start, end=m.title_end, quote=m.title)


@rule("S105")
def title_wording(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    t = r.meta.title
    if not t or r.meta.template is None:
        return
    compact = re.sub(r"\s+", "", t)
    if "年度报告" in compact or "年报" in compact:
        return
    for w in lexicon()["title_bad_words"]:
        if w in compact:
            yield ctx.finding(title=compact, word=w, start=r.meta.title_start, end=r.meta.title_end, quote=compact)
            return


@rule("S106")
def template_version(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    y, v = r.meta.year, r.meta.template
    if y is None or v is None:
        return
    if v == "2019" and y >= 2021:
        # the cells only the 2019 layout has: 表二's 本年新公开/对外公开总数量/上一年项目数量/本年增减, 表三's single （六）
        keys = [k for k in r.fields if (k.startswith("t2.") and k.endswith((".published", ".public_total", ".prev_items",
                                                                               ".change"))) or k.startswith("t3.other.total.")]
        kinds = sorted({k.split(".")[0] for k in keys}) or [k for k in ("t2", "t3") if k in r.tables]
        tables = "、".join(TABLE_NAMES[k] for k in kinds) or "统计表"
        yield ctx.finding("old", fields=keys, year=y, expected="2021", actual="2019", tables=tables,
                          locations=[f"{TABLE_NAMES[k]}（2019年版栏目）" for k in kinds], data={"template": v})
    elif v == "2021" and y <= 2019:
        yield ctx.finding("early", year=y, expected="2019", actual="2021", data={"template": v})
    elif v == "pre2019" and y >= 2019:
        yield ctx.finding(year=y, expected="2021" if y >= 2021 else "2019", actual="pre2019", data={"template": v})


@rule("S107")
def table_missing(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    if not _applies(ctx):
        return
    have = {s.number for s in r.sections}
    defs = {d["number"]: d for d in _defs()}
    for kind, title in TABLE_TITLES.items():
        if kind in r.tables and (r.tables[kind].unread or any(k.startswith(kind + ".") for k in r.fields)):
            continue  # an unreadable table is there all the same (T308 says so)
        part = TABLE_SECTION[kind]
        if part not in have and part in defs and _malformed_heading(r, defs[part]) is None:
            continue  # the whole part is missing, its table with it: one cause, S101 reports it
        yield ctx.finding(table=title, section=part, data={"table": kind})


@rule("S108")
def rows_missing(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    t = ctx.template
    if t is None or not _applies(ctx):
        return
    for kind, info in r.tables.items():
        rows = [k for k in info.missing_rows if not (info.merged_other and k.startswith("other."))]
        if not rows or not any(k.startswith(kind + ".") for k in r.fields):
            continue
        labels = []
        for k in rows:
            lab = t.row(kind, k)
            labels.append(f"「{(lab.group + ' ' if lab and lab.group and not lab.group.startswith('三、') else '')}"
                          f"{lab.label if lab else k}」")
        yield ctx.finding(table=TABLE_NAMES[kind], rows="、".join(labels), count=len(rows),
                          section=TABLE_SECTION[kind], start=info.start, end=info.start,
                          data={"table": kind, "rows": rows})


@rule("S109")
def label_variant(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    t = ctx.template
    if t is None:
        return
    for kind, info in r.tables.items():
        for row, written in info.label_variants.items():
            lab = t.row(kind, row)
            if lab is None:
                continue
            keys = [k for k in r.fields if k.startswith(f"{kind}.{row}.")]
            f = r.fields.get(keys[0]) if keys else None
            w = re.sub(r"\s+", "", written)
            yield ctx.finding(fields=keys, table=TABLE_NAMES[kind], written=w,
                              label=lab.label, section=TABLE_SECTION[kind],
                              locations=[f"{TABLE_NAMES[kind]}「{w}」行"],
                              start=f.start if f else info.start, end=f.end if f else info.start)


def _altered(ctx: RuleContext, kind: str, info: TableInfo, least: float, added: int) -> set[str]:
    """The headers S117 reports as altered by hand (a homophone, a character dropped or added)."""
    from .forms import altered_columns

    if ctx.template is None or kind not in ("t2", "t3"):
        return set()
    return {w for _l, w, _h in altered_columns(kind, info, ctx.template, least, added)}


@rule("S113")
def column_label_variant(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    prm = ctx.spec.params  # S117's: what it reports is not repeated here
    for kind, info in r.tables.items():
        altered = _altered(ctx, kind, info, float(prm["similarity"]), int(prm["max_added"]))
        for label, written in info.column_variants.items():
            if written in altered:
                continue  # S117
            name = TABLE_NAMES[kind]
            w = re.sub(r"\s+", "", written)
            yield ctx.finding(table=name, written=w, label=label, section=TABLE_SECTION[kind],
                              locations=[f"{name}「{w}」列"], start=info.start, end=info.start)


@rule("S114")
def extra_column(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    prm = ctx.spec.params  # S117's: what it reports is not repeated here
    for kind, info in r.tables.items():
        altered = _altered(ctx, kind, info, float(prm["similarity"]), int(prm["max_added"]))
        for written in info.extra_labels:
            if written in altered:
                continue  # S117: a template column's header altered by hand
            name = TABLE_NAMES[kind]
            w = re.sub(r"\s+", "", written)
            yield ctx.finding(table=name, written=w, section=TABLE_SECTION[kind],
                              locations=[f"{name}「{w}」列"], start=info.start, end=info.start)


@rule("S110")
def merged_other(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    if ctx.version != "2021":
        return
    info = r.tables.get("t3")
    if info is None:
        return
    keys = [k for k in r.fields if k.startswith("t3.other.total.")]
    if not info.merged_other:
        # a single row labelled just （六）其他处理 read as the first sub-row, the other two missing
        f = r.fields.get("t3.other.no_correction.total")
        row_text = ""
        if f is not None and f.start is not None:
            row_text = norm(r.text[f.start : (r.text.find("\n", f.start) + 1 or len(r.text))][:60])
        if not ({"other.unpaid_fee", "other.other"} <= set(info.missing_rows) and "其他处理" in row_text
                and "补正" not in row_text):
            return
        keys = [k for k in r.fields if k.startswith("t3.other.no_correction.")]
    yield ctx.finding(fields=keys, locations=["表三「（六）其他处理」行"])


@rule("S111")
def obsolete_headings(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    if not _applies(ctx):
        return
    text = r.text
    for h in lexicon()["obsolete_headings"]:
        if h not in text:  # a plain look first: the pattern below scans every character
            continue
        m = re.search(rf"(?:^|[\n。；\s])\s*(?:[一二三四五六七八九十]+\s*[、.．]|（[一二三四五六七八九十]+）)\s*{re.escape(h)}", text)
        if m:
            yield ctx.finding(heading=h, start=m.start(), end=m.end(), quote=m.group(0).strip())
            return


@rule("S112")
def period_missing(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    if not _applies(ctx) or r.meta.period is not None:
        return
    yield ctx.finding(year=r.meta.year or "本")


_ITEM_DIGITS = {"一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9", "十": "10"}


def _caption_pattern(caption: str) -> re.Pattern[str] | None:
    """第二十条第（五）项 as reports print it: brackets or none, Chinese or Arabic numerals (normalised text)."""
    m = re.fullmatch(r"第二十条第[（(](.+?)[)）]项", caption)
    if m is None:
        return None
    item = m.group(1)
    alts = "|".join(re.escape(x) for x in {item, _ITEM_DIGITS.get(item, item)})
    return re.compile(rf"第(?:二十|20)条第\(?(?:{alts})\)?项")


@rule("S118")
def t2_heading_missing(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    """A block of 表二 printed without its caption (第二十条第（X）项) or its header row (信息内容 …):
    looked for between the block's first figure and the previous block's last one."""
    t = ctx.template
    info = r.tables.get("t2")
    if t is None or info is None or info.unread or not _applies(ctx):
        return
    prm = ctx.spec.params
    before = max(0, info.start - int(prm["lookback"]))
    prev_end = before
    for block in t.t2_blocks:
        keys = [f"t2.{row.key}.{c.key}" for row in block.rows for c in block.columns]
        cells = [r.fields[k] for k in keys if k in r.fields]
        starts = [f.start for f in cells if f.start is not None]
        ends = [f.end for f in cells if f.end is not None]
        if not starts or not ends:
            continue  # the block is missing (S108) or its cells carry no place in the text (PDF)
        first = min(starts)
        if first < prev_end:
            prev_end = max(prev_end, max(ends))
            continue  # cells out of reading order: no stretch to look in
        # the stretch before the block's first figure, back to the previous block's last one (its
        # first row label is in it too: a row's figures follow its label)
        seg = norm(r.text[prev_end:first])
        prev_end = max(ends)
        what = []
        pat = _caption_pattern(block.caption)
        if pat is not None and not pat.search(seg):
            what.append(f"标题行「{block.caption}」")
        heads = [norm(m) for c in block.columns for m in (c.match or (c.label,))]
        if "信息内容" not in seg and not any(h and h in seg for h in heads):
            what.append("表头行「信息内容　" + "　".join(c.label for c in block.columns) + "」")
        if not what:
            continue
        rows = "、".join(f"「{row.label}」" for row in block.rows)
        f0 = min(cells, key=lambda f: f.start if f.start is not None else 0)
        yield ctx.finding(fields=[f.key for f in cells], table=TABLE_NAMES["t2"], caption=block.caption,
                          what="和".join(what), rows=rows, section=TABLE_SECTION["t2"],
                          locations=[f"{TABLE_NAMES['t2']}{rows}行之前"], start=f0.start, end=f0.start,
                          data={"block": block.caption, "missing": what})
