"""Names are not counts (issue 9, point 3): slogans and working methods written with numerals, N个
followed by a numeral, figures inside quotation marks; a verb used as a modifier of a noun (受理时间,
办理流程, 受理点) is not the verb; process-reform figures (环节压缩、流程简化为N项) and rates (日均,
平均) are not applications; a change on last year is not a count. Sentences written for the test."""

from __future__ import annotations

import pytest

from tests.prose_cases import applications, pairs


@pytest.mark.parametrize(
    "sentence",
    [
        "推行“3个1”办理机制，确保每一件申请都按时答复。",
        "建立2个1工作专班，专门办理依申请公开事项。",
        "落实“5个100%”要求，依申请公开答复全部规范。",
        "创新“1+3+N”受理模式，申请办理更加便捷。",
        "打造‘2个专员’服务，协助申请人提交申请。",
        "以“三个一”标准受理政府信息公开申请，实现“零差错”。",
        "依申请公开受理窗口3个，均实现一窗受理。",
        "政府信息公开申请受理点2个。",
        "开通网上申请渠道3个。",
        "设置依申请公开受理专岗2个。",
        "政府信息公开申请处理流程3个。",
        "编制依申请公开工作规程2项。",
        "办理政府信息公开申请的平均时间缩短至8个工作日。",
        "依申请公开答复时限压缩至10个工作日。",
        "申请材料由5项精简至2项。",
        "依申请公开办理流程由7个环节压缩为4个环节。",
        "依申请公开办理环节由6个压缩至3个，申请材料精简为2项。",
        "政务服务大厅日均受理业务550件，依申请公开实现全程网办。",
        "每月受理政府信息公开申请约3件。",
        "平均每件申请办理用时5个工作日。",
        "全年举办政务公开培训3次，参训人员120人次。",
    ],
)
def test_names_modifiers_rates_and_process_reform_are_not_applications(sentence: str) -> None:
    assert applications(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("本年度办结申请18件，比上年多办结4件。", [("applications.handled", 18.0)]),
        ("全年收到政府信息公开申请20件，较上年增加5件。", [("applications.new", 20.0)]),
        ("全年收到政府信息公开申请20件，同比减少3件。", [("applications.new", 20.0)]),
        ("收到政府信息公开申请20件，比去年同期增长2件。", [("applications.new", 20.0)]),
        ("与去年相比，申请数量减少3件。", []),
        ("申请量同比下降20%，减少3件。", []),
    ],
)
def test_a_change_on_last_year_is_no_count(sentence: str, expected: list) -> None:
    assert applications(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "全年开展“四个一”规范性文件清理活动。",
        "印发《关于做好“六稳”“六保”工作的20条措施》。",
        "出台“惠企10条”规范性文件。",
        "印发《关于支持企业发展的若干措施（10条）》规范性文件。",
    ],
)
def test_quoted_and_titled_figures_are_not_counts_of_documents(sentence: str) -> None:
    assert pairs(sentence, families=["normative_docs", "regulations"]) == []


def test_a_figure_after_a_title_is_counted() -> None:
    assert pairs("出台《惠企政策10条》行政规范性文件1件。", families=["normative_docs"]) == [("normative_docs.issued", 1.0)]
