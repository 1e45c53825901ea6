"""Defects of the form itself (S116): a report printing 表二 on the 2021 layout and 表三 on the 2019 one."""

from __future__ import annotations

import random

from ..corpus import render_options
from ..spec import Issue, ReportSpec
from . import single
from .structure import _merged_other


def _t3_old_layout(spec: ReportSpec, rng: random.Random) -> Issue | None:
    if spec.year < 2021:
        return None
    issue = _merged_other(spec, rng)
    if issue is None:
        return None
    return Issue(kind="structure", severity="error", fields=issue.fields,
                 description="表二已用30号格式，表三仍用60号格式（“（六）其他处理”只有一行），两表版本不一致。")


single("t3_on_2019_layout", "S116", "2021年度起的报告表二用新格式、表三仍用2019年版。", _t3_old_layout, version="2021")


# ------------------------------------------------------------------ S117 a template label altered by hand

# (row, official label, as printed): a character replaced, a word dropped, characters added
_ALTERED = (
    ("unavailable.not_held", "1.本机关不掌握相关政府信息", "1.本机关不掌握相关信息"),
    ("denied.security_stability", "3.危及“三安全一稳定”", "3.危害“三安全一稳定”"),
    ("not_processed.duplicate", "2.重复申请", "2.重复申请事项"),
    ("denied.third_party", "4.保护第三方合法权益", "4.保护第三者合法权益"),
    ("denied.process_info", "6.属于四类过程性信息", "6.属于四类过程信息"),
)


def _label_altered(spec: ReportSpec, rng: random.Random) -> Issue | None:
    row, official, printed = rng.choice(_ALTERED)
    if f"t3.{row}" in spec.row_labels:
        return None
    spec.row_labels[f"t3.{row}"] = printed
    return Issue(kind="structure", severity="warning",
                 description=f"表三行标签印作“{printed}”，模板原文为“{official}”。")


single("label_altered", "S117", "表格行标签被改动（错字、漏字、多字）。", _label_altered)


# (layout, column key, official header, as printed): a character added, dropped or replaced by hand
_COLUMNS_ALTERED = (
    ("2019", "t2.change", "本年增/减", "本年增/减量"),
    ("2019", "t2.prev_items", "上一年项目数量", "上年项目数量"),
    ("2021", "t3.research", "科研机构", "科研机购"),
    ("2019", "t3.research", "科研机构", "科研机购"),
    ("2021", "t3.natural_person", "自然人", "自燃人"),
    ("2021", "t3.social_org", "社会公益组织", "社会益组织"),
)


def _column_altered(spec: ReportSpec, rng: random.Random) -> Issue | None:
    if render_options(spec.seed).txt_flavour == "scraped":
        return None  # a scraped one-line txt keeps no header cells (see defects/structure.py)
    options = [x for x in _COLUMNS_ALTERED if x[0] == spec.version and x[1] not in spec.column_labels]
    if not options:
        return None
    _v, key, official, printed = rng.choice(options)
    spec.column_labels[key] = printed
    table = "表二" if key.startswith("t2") else "表三"
    return Issue(kind="structure", severity="warning",
                 description=f"{table}列标签印作“{printed}”，模板原文为“{official}”。")


single("column_label_altered", "S117", "表格列标签被改动（错字、漏字、多字，如“本年增/减量”）。", _column_altered)
