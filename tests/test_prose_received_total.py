"""An error is for certainty (issue 9, point 5): a prose figure of applications 收到/受理/接收/登记 N件
that equals 新收＋上年结转 counts carried-over applications as received — a warning with the
arithmetic, never an error; 办理/办结/答复 figures equal to another natural sum stay info; a figure
that fits no reading is an error only when its metric was stated, not inferred. Prose written for the
test, read by the extractor, checked against table figures set by the test."""

from __future__ import annotations

import pytest

from extractor import template as tmpl
from extractor.check.engine import run
from extractor.model import Field, Report, TableInfo
from tests.prose_cases import report_of

TABLES = {"t3.new.total": 42, "t3.carried_over.total": 3, "t3.total.total": 44, "t3.carried_forward.total": 1}


def checked(body: str, values: dict[str, int] = TABLES) -> list[tuple[str, str, str]]:
    r: Report = report_of(body)
    r.meta.template = "2021"
    t = tmpl.get("2021")
    for kind in ("t2", "t3", "t4"):
        r.tables[kind] = TableInfo(kind=kind, start=len(r.text), end=len(r.text))
    for key, v in values.items():
        fd = t.field(key)
        r.fields[key] = Field(key=key, value=v, raw=str(v), table=key[:2], kind=fd.kind if fd else "count")  # type: ignore[arg-type]
    return [(f.rule, f.severity, f.message) for f in run(r, select=["P401", "P403", "P409"], strict=True)]


@pytest.mark.parametrize(
    "sentence",
    [
        "本年度共收到政府信息公开申请45件。",
        "全年受理政府信息公开申请45件。",
        "全年共接收依申请公开申请45件。",
        "本年度登记政府信息公开申请45件。",
        "全年收到政府信息公开申请四十五件。",
        "全年共受理信息公开申请45宗。",
    ],
)
def test_received_counting_the_carried_over_is_a_warning_with_the_arithmetic(sentence: str) -> None:
    found = checked(sentence)
    assert [(rule, sev) for rule, sev, _ in found] == [("P409", "warning")]
    assert "42＋3＝45" in found[0][2]


@pytest.mark.parametrize(
    "sentence",
    [
        "全年办结政府信息公开申请45件。",
        "全年答复政府信息公开申请45件。",
        "全年共办理政府信息公开申请45件。",
    ],
)
def test_handled_equal_to_new_and_carried_over_stays_info(sentence: str) -> None:
    assert [(rule, sev) for rule, sev, _ in checked(sentence)] == [("P403", "info")]


@pytest.mark.parametrize(
    "sentence",
    [
        "本年度共收到政府信息公开申请42件。",
        "全年办结政府信息公开申请44件。",
        "上年结转政府信息公开申请3件。",
        "结转下年度继续办理1件。",
    ],
)
def test_agreeing_figures_make_no_finding(sentence: str) -> None:
    assert checked(sentence) == []


def test_a_stated_figure_that_fits_nothing_is_an_error_an_inferred_one_a_warning() -> None:
    assert [(r, s) for r, s, _ in checked("本年度共收到政府信息公开申请50件。")] == [("P401", "error")]
    # 办结 inferred from the sentence (no 申请 beside the figure): a warning at most
    found = checked("本年度共收到政府信息公开申请42件，办结50件。")
    assert [(r, s) for r, s, _ in found] == [("P409", "warning")]
