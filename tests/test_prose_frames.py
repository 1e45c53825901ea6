"""Figures that are about the year's figures without being one of them (issue 9, point 3: know what a
figure counts): a statistic of them (最多, 平均), some of a whole named before a frame (…申请中有N件),
replies late or extended (超期答复), and cases of a topic the sentence itself names as another than
the disclosure work (涉及民政业务的行政复议). Sentences written for the test."""

from __future__ import annotations

import pytest

from tests.prose_cases import pairs

P3 = "三、收到和处理政府信息公开申请情况"
P4 = "四、政府信息公开行政复议、行政诉讼情况"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("全年收到政府信息公开申请30件，同一申请人提出申请最多的达7件。", [("applications.new", 30.0)]),
        ("全年收到政府信息公开申请30件，平均每月受理2件。", [("applications.new", 30.0)]),
        ("单日最多收到政府信息公开申请4件。", []),
    ],
)
def test_a_statistic_of_the_figures_is_not_one(sentence: str, expected: list) -> None:
    assert pairs(sentence, part=P3, families=["applications"]) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("全年收到政府信息公开申请30件，接收的申请中有3件申请人主动撤回。", [("applications.new", 30.0)]),
        ("受理的信息公开申请中，共有5件涉及征收补偿。", []),
    ],
)
def test_some_of_a_whole_named_before_a_frame(sentence: str, expected: list) -> None:
    assert pairs(sentence, part=P3, families=["applications"]) == expected


@pytest.mark.parametrize("sentence", ["全年办结申请30件，超期答复0件。", "因需第三方意见延期答复2件。"])
def test_late_or_extended_replies_are_not_the_replies(sentence: str) -> None:
    assert [x for x in pairs(sentence, part=P3, families=["applications"]) if x[1] in (0.0, 2.0)] == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("因政府信息公开引发行政复议1件。涉及社会救助业务的行政复议案件共9件。", [("reconsideration.total", 1.0)]),
        ("因政府信息公开引发行政复议1件。涉及政府信息公开的行政诉讼案件共2件。",
         [("litigation.total", 2.0), ("reconsideration.total", 1.0)]),
        ("针对本机关的政府信息公开行政复议1件。", [("reconsideration.total", 1.0)]),
    ],
)
def test_a_sentence_naming_another_topic_is_not_table_four(sentence: str, expected: list) -> None:
    assert pairs(sentence, part=P4, families=["reconsideration", "litigation"]) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "全年受理劳动争议调解申请58件。",                      # another kind of application
        "上年度结转的2件行政复议案件已全部审结。",              # last year's cases, not this year's nor applications
        "经书面征求第三方意见，第三方同意公开的有2件。",        # what the third party agreed to
        "通过电子邮件向申请人发送答复材料8份。",                # papers sent by a channel
        "窗口全年受理签证申请320件。",                          # another kind of application
        "全年受理不动产登记业务8600件。",                        # business handled, not applications
        "抽查的15份答复书中有2份格式不规范。",                  # reply letters, not replies
        "其中4件申请因情况复杂延长答复期限。",                  # replies after an extension
        "另有1件因申请人撤回而终止办理。",                      # ended without a reply
        "其余5件为不予公开和其他处理。",                        # the sum of two outcome rows
        "全年共有210份发文被确定为主动公开、15份被确定为不予公开。",  # documents, not applications
        "窗口全年受理残疾人证申请860件。",                      # another kind of application (…证)
    ],
)
def test_figures_that_are_not_the_tables(sentence: str) -> None:
    assert pairs(sentence, part=P3) == []


def test_some_kinds_of_applicant_said_to_have_made_none_are_a_part() -> None:
    from tests.prose_cases import report_of

    cs = [c for c in report_of("全年收到申请42件，法律服务机构和社会公益组织均未提出申请。", part=P3).claims
          if c.metric.startswith("applications.")]
    assert [(c.metric, float(c.value)) for c in cs] == [("applications.new", 42.0), ("applications.new.part", 0.0)]


@pytest.mark.parametrize(
    "sentence",
    [
        "因政府信息公开引发行政复议1件。另有因土地征收引起的行政复议3件，不在本表统计范围内。",
        "因政府信息公开引发行政复议1件。本机关作为被申请人的其他行政复议案件为零。",
        "因政府信息公开引发行政复议1件。本年度未收取信息处理费，也未发生因收费引起的投诉、复议。",
        "因政府信息公开引发行政复议1件。县司法所全年代理群众诉讼案件12件。",
    ],
)
def test_cases_of_another_cause_kind_or_body(sentence: str) -> None:
    from tests.prose_cases import claims

    got = [(c.metric, float(c.value)) for c in claims(sentence, part=P4)
           if c.scope == "self" and c.metric.split(".")[0] in ("reconsideration", "litigation")]
    assert got == [("reconsideration.total", 1.0)]


def test_a_figure_spread_over_rows_is_none_of_them() -> None:
    assert pairs("其余4件分别作不予处理（1件）和其他处理（3件）。", part=P3) == [
        ("applications.not_processed", 1.0), ("applications.other", 3.0)]


@pytest.mark.parametrize(
    "sentence",
    [
        "因政府信息公开引发行政复议1件，与上年（复议3件）相比有所下降。",                 # last year's, in a bracket
        "因政府信息公开引发行政复议1件。全年办理行政复议案件40件（其中涉及政府信息公开的1件）。",  # every topic
        "因政府信息公开引发行政复议1件。代理县政府行政应诉案件17件。",                     # on behalf of the government
    ],
)
def test_cases_of_last_year_every_topic_or_on_behalf(sentence: str) -> None:
    from tests.prose_cases import claims

    got = [(c.metric, float(c.value)) for c in claims(sentence, part=P4)
           if c.scope == "self" and c.metric.split(".")[0] in ("reconsideration", "litigation")]
    assert got == [("reconsideration.total", 1.0)]


@pytest.mark.parametrize(
    "sentence",
    [
        "全年市场监管执法检查立案25件、结案20件，5件转入下年度继续办理。",  # enforcement cases
        "全年受理人民调解案件620件。",                                       # mediation cases
    ],
)
def test_enforcement_and_mediation_cases_are_not_applications(sentence: str) -> None:
    assert pairs(sentence, part=P3, families=["applications"]) == []


def test_a_draft_is_not_an_issued_document() -> None:
    assert pairs("配合县政府起草规范性文件2件。", families=["normative_docs"]) == []
