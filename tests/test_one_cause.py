"""One finding per cause: a table's blank cells, a renumbering of the parts, a missing part, and a
sentence about another body's figures (not comparable, so no finding)."""

from __future__ import annotations

from collections.abc import Callable

from extractor.check.engine import run
from extractor.model import Report
from extractor.resources import rules_dir

BASE = (rules_dir() / "catalogue" / "_base" / "base-2021.txt").read_text(encoding="utf-8")


def test_blank_cells_of_one_table_are_one_finding(build: Callable[..., Report]) -> None:
    text = BASE.replace("规章\t0\t0\t0", "规章\t/\t/\t/").replace("行政强制\t12", "行政强制\t/")
    r = build(text)
    found = run(r, select=["T306"], strict=True)
    assert len(found) == 1
    f = found[0]
    assert set(f.fields) == {"t2.regulations.issued", "t2.regulations.repealed", "t2.regulations.in_force",
                             "t2.coercion.decisions"}
    assert f.message.startswith("表二「规章」行") and "「行政强制」行" in f.message and "共4格" in f.message
    assert len(f.locations) == 2


def test_one_blank_row_keeps_its_own_message(build: Callable[..., Report]) -> None:
    r = build(BASE.replace("规章\t0\t0\t0", "规章\t/\t/\t/"))
    found = run(r, select=["T306"], strict=True)
    assert len(found) == 1 and "整行各栏" in found[0].message and "2处" not in found[0].message


def test_parts_renumbered_by_one_step_are_one_finding(build: Callable[..., Report]) -> None:
    text = BASE
    for old, new in (("六、其他需要报告的事项", "七、其他需要报告的事项"), ("五、存在的主要问题", "六、存在的主要问题"),
                     ("四、政府信息公开行政复议", "五、政府信息公开行政复议"),
                     ("三、收到和处理政府信息公开申请情况", "四、收到和处理政府信息公开申请情况"),
                     ("二、主动公开政府信息情况", "三、主动公开政府信息情况")):
        assert old in text
        text = text.replace(old, new, 1)
    r = build(text)
    found = run(r, select=["S102"], strict=True)
    assert len(found) == 1, [f.message for f in found]
    assert "第二至第六部分" in found[0].message and "“三”至“七”" in found[0].message
    assert found[0].data["parts"] == [2, 3, 4, 5, 6]


def test_a_single_misnumbered_part_is_still_named(build: Callable[..., Report]) -> None:
    r = build(BASE.replace("五、存在的主要问题及改进情况", "六、存在的主要问题及改进情况", 1))
    found = run(r, select=["S102"], strict=True)
    assert len(found) == 1 and "第五部分" in found[0].message and "印作“六”" in found[0].message


def test_a_missing_part_is_one_finding(build: Callable[..., Report]) -> None:
    head, _sep, _tail = BASE.partition("六、其他需要报告的事项")
    r = build(head + "本年度无其他需要报告的事项。\n")
    found = run(r, select=["S1"], strict=True)
    assert [f.rule for f in found if f.rule in ("S101", "S102", "S103")] == ["S101"], [f.message for f in found]


def test_another_bodys_figure_is_no_finding(build: Callable[..., Report]) -> None:
    text = BASE.replace("全年共收到政府信息公开申请42件，", "全年共收到政府信息公开申请42件，各乡镇共收到政府信息公开申请40件，", 1)
    r = build(text)
    found = run(r, select=["P4"], strict=True)
    assert not [f for f in found if any(c.value == 40 for c in f.claims)]


def test_a_missing_part_with_its_table_is_one_finding(build: Callable[..., Report]) -> None:
    head, _sep, rest = BASE.partition("四、政府信息公开行政复议、行政诉讼情况")
    _table, sep, tail = rest.partition("五、存在的主要问题及改进情况")
    r = build(head + sep + tail)
    found = run(r, select=["S1"], strict=True)
    assert [f.rule for f in found] == ["S101"], [f.message for f in found]
    assert "第四部分" in found[0].message


def test_a_missing_table_under_its_heading_is_still_reported(build: Callable[..., Report]) -> None:
    head, sep, rest = BASE.partition("四、政府信息公开行政复议、行政诉讼情况")
    _table, sep5, tail = rest.partition("五、存在的主要问题及改进情况")
    r = build(head + sep + "\n本年度未发生行政复议和行政诉讼。\n" + sep5 + tail)
    found = run(r, select=["S1"], strict=True)
    assert [f.rule for f in found] == ["S107"]
