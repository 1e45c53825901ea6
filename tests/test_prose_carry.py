"""Carried forward and carried over (issue 9, point 3): "结转至(report year+1)年" and 转入下一年度
mean carried forward; "结转上年度", (report year−1)年结转 and 上年结转 mean carried over. A figure
may stand in the clause before its carrying (另有1件…，结转至2025年继续办理): then the metric is read
across the clause, a warning at most. The reports these sentences sit in are of 2024."""

from __future__ import annotations

import pytest

from tests.prose_cases import claims, pairs

FWD = "applications.carried_forward"
OVER = "applications.carried_over"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("结转下年度继续办理1件。", [(FWD, 1.0)]),
        ("有2件申请结转至2025年继续办理。", [(FWD, 2.0)]),
        ("结转2025年度办理1件。", [(FWD, 1.0)]),
        ("结转到下一年度的申请1件。", [(FWD, 1.0)]),
        ("1件申请跨年度办理。", [(FWD, 1.0)]),
        ("有1件申请正在办理中。", [(FWD, 1.0)]),
        ("另有3件顺延至2025年答复。", [(FWD, 3.0)]),
        ("结转上年度申请3件。", [(OVER, 3.0)]),
        ("上年结转政府信息公开申请2件。", [(OVER, 2.0)]),
        ("上年度结转申请2件，已全部办结。", [(OVER, 2.0)]),
        ("2023年结转的申请2件均已办结。", [(OVER, 2.0)]),
        ("另有2件为上一年度结转申请。", [(OVER, 2.0)]),
        ("从上年度转入申请2件。", [(OVER, 2.0)]),
        ("从2023年结转申请2件。", [(OVER, 2.0)]),
        ("本年度收到政府信息公开申请15件（含上年结转2件）。", [(OVER, 2.0), ("applications.new", 15.0)]),
        ("当年新收申请12件，上年结转2件。", [(OVER, 2.0), ("applications.new", 12.0)]),
    ],
)
def test_carrying(sentence: str, expected: list) -> None:
    assert pairs(sentence, families=["applications"]) == expected


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("另有1件申请因在法定期限内尚未到期，结转至2025年继续办理。", 1),
        ("尚有1件未办结，转入下一年度办理。", 1),
        ("收到申请12件，其中1件因需征求第三方意见，结转至2025年办理。", 1),
        ("另有2件因需补正材料，结转下年度继续办理。", 2),
    ],
)
def test_a_figure_carried_in_the_next_clause_is_a_loose_claim(sentence: str, value: int) -> None:
    fwd = [c for c in claims(sentence) if c.metric == FWD]
    assert [c.value for c in fwd] == [value]
    assert all(c.confidence < 1 for c in fwd)  # read across a clause: a warning at most


@pytest.mark.parametrize(
    "sentence",
    [
        "共收到申请3件，均已办结，无结转下年度的申请。",
        "全年办结申请17件，未有结转至2025年的申请。",
    ],
)
def test_nothing_carried_does_not_take_the_figure_before(sentence: str) -> None:
    assert all(c.value == 0 for c in claims(sentence) if c.metric == FWD)
