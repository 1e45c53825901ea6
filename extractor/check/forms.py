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

from ..model import Finding, Report
from .engine import RuleContext
from .registry import rule

_T2_2021 = ("本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额")
_T2_2019 = ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "采购项目数量")
_NOTICE = {"2019": "国办公开办函〔2019〕60号", "2021": "国办公开办函〔2021〕30号"}


def t2_layout(r: Report) -> str | None:
    info = r.tables.get("t2")
    if info is None:
        return None
    text = re.sub(r"\s+", "", r.text[info.start : info.end])
    new = sum(w in text for w in _T2_2021)
    old = sum(w in text for w in _T2_2019)
    if new >= 2 and old == 0:
        return "2021"
    if old >= 2 and new == 0:
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
    a, b = t2_layout(r), t3_layout(r)
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
