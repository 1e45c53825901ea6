"""Defects of the form itself (S116): a report printing 表二 on the 2021 layout and 表三 on the 2019 one."""

from __future__ import annotations

import random

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
