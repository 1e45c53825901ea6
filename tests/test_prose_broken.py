"""Words a PDF or Word conversion broke across lines or paragraphs are joined, in every format
(issue 9, point 3): 行政复\\n议, 政府信息公开申\\n\\n请, 规范性文\\n件, 结转下年\\n度. Sentences written for
the test, each broken inside a domain word after a line of running prose."""

from __future__ import annotations

import pytest

from tests.prose_cases import report_of

CASES = [
    ("本年度我局共发生政府信息公开行政复\n议2件，行政诉讼1件，均已依法办结完毕。",
     [("litigation.total", 1.0), ("reconsideration.total", 2.0)]),
    ("本年度我局共收到各类政府信息公开申\n\n\u3000\u3000请36件，均已按期答复完毕。", [("applications.new", 36.0)]),
    ("全年我局在法定权限内共制发行政规范性文\n件4件，均已按程序报送备案审查。", [("normative_docs.issued", 4.0)]),
    ("在全部办理的申请之中，另有1件申请结转下年\n度继续办理，目前正在征求第三方意见。", [("applications.carried_forward", 1.0)]),
    ("经逐件认真审查后，对其中5件申请作出予以公\n开的答复，3件作出部分公开的答复。",
     [("applications.granted", 5.0), ("applications.partial", 3.0)]),
    ("本年度，我局依法依规严格执行收费规定，未收取信息处\n理费。", [("processing_fee.amount", 0.0)]),
]


@pytest.mark.parametrize("name", ["t.txt", "t.md"])
@pytest.mark.parametrize(("body", "expected"), CASES)
def test_a_word_broken_across_lines_is_joined(name: str, body: str, expected: list) -> None:
    got = sorted((c.metric, float(c.value)) for c in report_of(body, name).claims
                 if not c.metric.endswith(".part") and not c.metric.startswith("breakdown."))
    assert got == expected


def test_a_real_line_break_after_a_short_heading_stays_a_break() -> None:
    # a heading line is short: its break is real, and 申请 in it does not join the next line
    got = [(c.metric, float(c.value)) for c in report_of("（二）依申请\n公开工作总体平稳。").claims]
    assert got == []


def test_a_word_broken_across_html_paragraphs_is_joined() -> None:
    from tests.conftest import report_from_text

    page = ("<html><body><h1>青岚县文化和旅游局2024年政府信息公开工作年度报告</h1><p>一、总体情况</p>"
            "<p>本年度我局共收到各类政府信息公开申</p><p>请36件，均已按期答复完毕。</p>"
            "<p>本年度我局共发生政府信息公开行政复<br/>议2件，行政诉讼1件，均已依法办结完毕。</p>"
            "<p>六、其他需要报告的事项</p><p>无。</p></body></html>")
    got = sorted((c.metric, float(c.value)) for c in report_from_text(page, "t.html").claims)
    assert got == [("applications.new", 36.0), ("litigation.total", 1.0), ("reconsideration.total", 2.0)]
