"""A sub-category of a template row (issue 9, point 3): one kind of reply among those 表三 folds into
one row (本机关不掌握, 重复申请, 国家秘密 …) is a claim of that row's metric marked by its pattern as
that kind, so the rules compare it with its own sub-row, or the row only as a sum, at most as a
warning. Sentences written for the test."""

from __future__ import annotations

import pytest

from tests.prose_cases import claims

SUB = {
    "unavailable.sub.not_held", "unavailable.sub.needs_creation", "unavailable.sub.unclear",
    "not_processed.sub.petition", "not_processed.sub.duplicate", "not_processed.sub.publication",
    "not_processed.sub.mass_repeat", "not_processed.sub.confirm_reissue", "denied.sub.state_secret",
    "denied.sub.third_party", "denied.sub.internal_affairs", "denied.sub.process_info",
    "denied.sub.enforcement_file", "denied.sub.admin_query", "other.sub.no_correction",
}


def kinds(sentence: str) -> list[tuple[str, float, str]]:
    out = []
    for c in claims(sentence):
        if c.metric.startswith("applications."):
            p = c.pattern or ""
            kind = next((k for k in SUB if p == k or p.startswith(k + ".")), "row")
            out.append((c.metric, float(c.value), kind))
    return sorted(out)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("本机关不掌握相关政府信息的2件。", [("applications.unavailable", 2.0, "unavailable.sub.not_held")]),
        ("另有1件属于本机关不掌握相关政府信息。", [("applications.unavailable", 1.0, "unavailable.sub.not_held")]),
        ("属于本机关不掌握相关政府信息2件、没有现成信息需要另行制作1件。",
         [("applications.unavailable", 1.0, "unavailable.sub.needs_creation"),
          ("applications.unavailable", 2.0, "unavailable.sub.not_held")]),
        ("因申请内容不明确，补正后仍不明确1件。", [("applications.unavailable", 1.0, "unavailable.sub.unclear")]),
        ("属于重复申请的1件，不予处理。", [("applications.not_processed", 1.0, "not_processed.sub.duplicate")]),
        ("申请人要求提供公开出版物的1件。", [("applications.not_processed", 1.0, "not_processed.sub.publication")]),
        ("信访、举报、投诉类申请1件，已告知通过相应渠道解决。",
         [("applications.not_processed", 1.0, "not_processed.sub.petition")]),
        ("有1件属于信访举报投诉类申请，不予处理。", [("applications.not_processed", 1.0, "not_processed.sub.petition")]),
        ("涉及国家秘密1件。", [("applications.denied", 1.0, "denied.sub.state_secret")]),
        ("因保护第三方合法权益不予公开2件。", [("applications.denied", 2.0, "denied.sub.third_party")]),
        ("属于内部事务信息的1件、过程性信息的2件。",
         [("applications.denied", 1.0, "denied.sub.internal_affairs"), ("applications.denied", 2.0, "denied.sub.process_info")]),
        ("属于行政执法案卷的3件。", [("applications.denied", 3.0, "denied.sub.enforcement_file")]),
        ("申请人无正当理由逾期不补正1件。", [("applications.other", 1.0, "other.sub.no_correction")]),
        ("无法提供3件，其中本机关不掌握相关政府信息2件、没有现成信息需要另行制作1件。",
         [("applications.unavailable", 1.0, "unavailable.sub.needs_creation"),
          ("applications.unavailable", 2.0, "unavailable.sub.not_held"), ("applications.unavailable", 3.0, "row")]),
    ],
)
def test_one_kind_of_reply_is_marked_as_that_kind(sentence: str, expected: list) -> None:
    assert kinds(sentence) == expected
