"""A part's heading hard-wrapped inside its title (a PDF's or a scraper's line break: 「五、存\n在的主要
问题…」) is still the part's heading, its title joined."""

from __future__ import annotations

from extractor.pipeline import run_stages
from extractor.read import read_bytes
from extractor.resources import rules_dir


def _sections(text: str) -> dict[int, str]:
    r = run_stages(read_bytes(text.encode("utf-8"), "wrapped.txt", ".txt"), "structure")
    return {s.number: s.title for s in r.sections}


BASE = (rules_dir() / "catalogue" / "_base" / "base-2021.txt").read_text(encoding="utf-8")


def test_titles_wrapped_inside_are_found_and_joined() -> None:
    text = (BASE.replace("五、存在的主要问题及改进情况", "五、存\n在的主要问题及改进情况")
                .replace("四、政府信息公开行政复议、行政诉讼情况", "四、政府信息公开行\n政复议、行政诉讼情况")
                .replace("\n一、总体情况", "\n一\n、总体情况"))
    assert text != BASE
    found = _sections(text)
    assert sorted(found) == [1, 2, 3, 4, 5, 6]
    assert found[5].startswith("存在的主要问题") and "\n" not in found[5]
    assert found[4].startswith("政府信息公开行政复议")

