"""Defects of the roll-up (X809): a government's figure below the sum of the bodies under it.

The subject is a government's report; its partner is the same year's report of a department of
the same area (a department report whose area is renamed to the government's, so the names say
who is under whom). In both twins every compared figure of the department is at most the
government's; the defective twin's department reports more 行政许可 decisions than its government.

X810 is the roll-up table itself (information, not a defect): see UNINJECTABLE.
"""

from __future__ import annotations

import copy
import random

from extractor.check.rollup import METRICS

from ..report import random_report
from ..spec import Issue, ReportSpec
from . import UNINJECTABLE, Defect, register

UNINJECTABLE["X810"] = "逐级汇总表（提示）：批次中有政府及其下属机关同年度报告时即列出，不是问题，无缺陷可注入。"

_TRIES = 40


def _rename_area(spec: ReportSpec, old: str, new: str) -> None:
    """Every mention of the department's area written as the government's (title, prose, signature)."""
    spec.body = spec.body.replace(old, new)
    spec.region = new
    spec.title = spec.title.replace(old, new)
    spec.preamble = [p.replace(old, new) for p in spec.preamble]
    for s in spec.sections:
        s.paragraphs = [p.replace(old, new) for p in s.paragraphs]
        s.after = [p.replace(old, new) for p in s.after]
    spec.closing = [p.replace(old, new) for p in spec.closing]
    for c in spec.claims:
        c.text = c.text.replace(old, new)


def _below(child: ReportSpec, parent: ReportSpec) -> bool:
    for key, _label in METRICS:
        a, b = child.values.get(key), parent.values.get(key)
        if a is not None and (b is None or a > b):
            return False
    return True


def _pair(seed: int, name: str) -> tuple[ReportSpec, ReportSpec] | None:
    rng = random.Random(f"{name}/{seed}")
    gov = random_report(seed, version="2021", body_kind="人民政府", name=f"{name}-{seed}")
    if not gov.body.startswith(gov.region) or gov.body != f"{gov.region}人民政府":
        return None  # a county named under its city: the department's name would not show the link
    for _ in range(_TRIES):
        dept = random_report(rng.randrange(10**6), version="2021", year=gov.year, body_kind="部门",
                             name=f"{name}-{seed}-dept")
        if dept.region == gov.region or not dept.body.startswith(dept.region):
            continue
        _rename_area(dept, dept.region, gov.region)
        if _below(dept, gov) and (gov.values.get("t2.licensing.decisions") or 0) > 0:
            return dept, gov
    return None


def _make(seed: int, defective: bool = True) -> list[ReportSpec] | None:
    name = "children_exceed_parent"
    got = _pair(seed, name)
    if got is None:
        return None
    dept, gov = got
    dept = copy.deepcopy(dept)
    if not defective:
        gov.name += "-clean"
        return [dept, gov]
    own = int(gov.values["t2.licensing.decisions"] or 0)
    gap = random.Random(f"{name}/gap/{seed}").randint(1, max(1, own // 5))
    dept.values["t2.licensing.decisions"] = own + gap
    dept.cell_text.pop("t2.licensing.decisions", None)  # a blank or '/' printed in its place
    for c in dept.claims:  # the department's prose keeps its own figure in step (not checked here)
        if c.metric == "decisions.licensing":
            c.value = own + gap
    gov.issues.append(Issue(kind="other", severity="warning", fields=["t2.licensing.decisions"],
                            description=f"{dept.body}报告行政许可处理决定{own + gap}件，超过{gov.body}全区（县）合计{own}件。"))
    return [dept, gov]


register(Defect("children_exceed_parent", frozenset({"X809"}),
                "下属机关同年度报告的行政许可处理决定数量超过本级政府报告的数字。", _make, cross=True))


def _make_listed(seed: int, defective: bool = True) -> list[ReportSpec] | None:
    """The government's own report lists the department as the body its figures cover (issue 10,
    point 8): the list makes the children complete, so their sum must equal the government's figure.
    The clean twin has no list (the department stays below the government: nothing to say)."""
    name = "listed_children_short"
    got = _pair(seed, name)
    if got is None:
        return None
    dept, gov = got
    if not any((dept.values.get(k) or 0) != (gov.values.get(k) or 0) for k, _l in METRICS
               if dept.values.get(k) is not None and gov.values.get(k) is not None):
        return None
    dept = copy.deepcopy(dept)
    if not defective:
        gov.name += "-clean"
        return [dept, gov]
    short = dept.body[len(gov.region):]
    gov.sections[0].paragraphs.append(f"本报告汇总了本级政府信息公开工作单位（{short}）的情况。")
    gov.issues.append(Issue(kind="other", severity="warning", fields=[k for k, _l in METRICS],
                            description=f"{gov.body}报告列出其汇总的部门只有{dept.body}，而两者的统计数字不一致。"))
    return [dept, gov]


register(Defect("listed_children_short", frozenset({"X809"}),
                "本级政府报告正文列出其汇总的部门，这些部门同年度报告的合计与本级数字不符。", _make_listed, cross=True))
