"""Issue 9 point 2, the classes of undecided table fields resolved with evidence (and those that must
stay undecided). The reports are written for the test; the figures are ours."""

from __future__ import annotations

from collections.abc import Callable

from extractor.model import Report

Build = Callable[..., Report]

LAYOUT_2019 = """白沙镇人民政府{year}年政府信息公开工作年度报告
一、总体情况
本镇依法推进政务公开。{prose}
二、主动公开政府信息情况
第二十条第（一）项
信息内容 本年新制作数量 本年新公开数量 对外公开总数量
规章 000
规范性文件{normative}
第二十条第（五）项
信息内容 上一年项目数量 本年增/减 处理决定数量
行政许可{licensing}
其他对外管理服务事项 000
第二十条第（六）项
信息内容 上一年项目数量 本年增/减 处理决定数量
行政处罚{penalty}
行政强制 000
第二十条第（八）项
信息内容 上一年项目数量 本年增/减
行政事业性收费{fees}
三、收到和处理政府信息公开申请情况
四、政府信息公开行政复议、行政诉讼情况
"""


def _r2019(build: Build, year: int = 2019, prose: str = "", normative: str = " 000", licensing: str = " 000",
           penalty: str = " 000", fees: str = " 00") -> Report:
    r = build(LAYOUT_2019.format(year=year, prose=prose, normative=normative, licensing=licensing,
                                 penalty=penalty, fees=fees))
    assert r.meta.template == "2019"
    return r


def _row(r: Report, row: str) -> list:
    cols = [k for k in r.fields if k.rsplit(".", 1)[0] == f"t2.{row}"]
    return [r.fields[k].value for k in cols]


# ---------------------------------------------------------------- 本年增/减 written in words


def test_a_change_written_in_words_is_the_signed_figure(build: Build) -> None:
    # "9减4": nine items last year, four fewer — not a run "9" that hides a blank cell
    r = _r2019(build, fees="9减4")
    assert _row(r, "fees") == [9, -4]
    r = _r2019(build, fees=" 9 增4")
    assert _row(r, "fees") == [9, 4]


def test_a_change_in_words_in_a_grid_cell_is_read(build: Build) -> None:
    page = """<html><body><p>白沙镇人民政府2019年政府信息公开工作年度报告</p><p>一、总体情况</p><p>本镇依法推进政务公开。</p>
<p>二、主动公开政府信息情况</p><table>
<tr><td>第二十条第（八）项</td></tr>
<tr><td>信息内容</td><td>上一年项目数量</td><td>本年增/减</td></tr>
<tr><td>行政事业性收费</td><td>23</td><td>减5</td></tr>
</table><p>三、收到和处理政府信息公开申请情况</p><p>四、政府信息公开行政复议、行政诉讼情况</p></body></html>"""
    r = build(page, name="t.html")
    assert [r.fields[k].value for k in ("t2.fees.prev_items", "t2.fees.change")] == [23, -5]


def test_a_word_that_starts_with_jian_is_not_a_figure(build: Build) -> None:
    # "减少" is a word, not a sign: the run ends before it and the row stays as it was read
    r = _r2019(build, fees="9减少4项")
    assert r.fields["t2.fees.change"].value is None
