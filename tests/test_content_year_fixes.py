"""Rule fixes found while injecting the content/citation/year defects (N2xx, C7xx, Y6xx).

N204: a section 五 that only lists problems used to pass because the problems themselves are
worded with measure verbs (“解读深度有待加强”“说理性需要进一步提升”). Such a verb closing a clause
after 有待/需要/仍需… names what is lacking, not what will be done.
"""

from __future__ import annotations

from extractor.check.catalogue import Example
from extractor.check.content import _without_shortcomings
from extractor.check.engine import run
from extractor.check.facts import lexicon
from extractor.examples import build

PLAN = "（二）改进措施。下一步，我县将丰富解读形式，推行解读材料与政策文件同步起草、同步审签、同步发布；同时加强答复文书审核，组织答复规范专题培训。\n"
PROBLEMS = "（一）存在的主要问题。一是部分乡镇政策解读形式单一，图解、视频解读偏少；二是依申请公开答复文书的说理还不够充分。"


def _n204(edits: list[tuple[str, str]]) -> list[str]:
    report = build(Example("base-2021.txt", tuple(edits)), "n204")
    return [f.message for f in run(report, select=["N204"], strict=True)]


def test_shortcomings_worded_with_measure_verbs_are_not_measures() -> None:
    words = lexicon()["measure_words"]
    for text in ("一是解读的深度有待加强；二是答复的说理性需要进一步提升；三是主动性有待增强。",
                 "工作人员业务素质有待进一步加强和提高。",
                 "信息更新仍需加强，"):
        assert not any(w in _without_shortcomings(text, words) for w in words), text
    # a measure takes an object, or comes with 下一步/将: it stays
    for text in ("需要加强业务培训。", "下一步还需进一步加强。", "我局将加强审核。"):
        assert any(w in _without_shortcomings(text, words) for w in words), text


def test_problems_only_is_flagged() -> None:
    only_problems = PROBLEMS.replace("说理还不够充分。", "说理性需要进一步提升；三是栏目更新的及时性有待加强。")
    found = _n204([(PLAN, ""), (PROBLEMS, only_problems)])
    assert found and "改进措施" in found[0], found


def test_problems_and_measures_pass() -> None:
    assert _n204([]) == []
    assert _n204([(PROBLEMS, PROBLEMS.replace("还不够充分。", "有待加强。"))]) == []


# Y606: a PDF conversion sets the document number off by spaces (“〔2021〕30 号”); the citation
# of a document issued after the report was published must still be found.
def _y606(cited: str) -> list[str]:
    old = "上年度工作要点部署的各项任务均已完成。"
    report = build(Example("base-2019-prev.txt", ((old, f"{old}\n（二）按照{cited}规定，本年度未收取信息处理费。"),)), "y606")
    return [f.message for f in run(report, select=["Y606"], strict=True)]


def test_late_document_found_with_spaces_in_its_number() -> None:
    for cited in ("国办函〔2020〕109号", "国办函〔 2020 〕 109 号", "国办公开办函〔2021〕30 号", "国办公开办函 〔2021〕\n30号"):
        found = _y606(cited)
        assert found, cited
