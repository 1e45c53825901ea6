"""Stage 2 — structure: sections, the template version, title/body/year, and the three tables.

`structure(report)` fills `report.sections`, `report.meta` (template, body, year, period),
`report.tables` and the table `report.fields`; a file that is not an annual report at all is
marked as such (status "error", code `not_a_report`).
"""

from __future__ import annotations

from ..model import Report
from ..resources import load_yaml
from .labels import norm_label, text_norm_map
from .meta import find_meta
from .rows import read_tables
from .sections import find_sections

NOT_A_REPORT = "该文件不是政府信息公开工作年度报告（未找到年度报告的标题、六个部分或三张统计表），已跳过。"


PRE2019_LAST_YEAR = 2018  # the last report year under 国务院令第492号 (the 2019 notice's layout from 2019 on)


def detect_template(report: Report) -> str | None:
    """2021 / 2019 from the labels the tables use (never from the year), pre2019, or None."""
    n = text_norm_map(report)[0]
    score = {}
    for v in ("2021", "2019"):
        markers = load_yaml(f"templates/{v}.yaml")["markers"]
        score[v] = sum(1 for m in markers if norm_label(m) in n)
    pre = load_yaml("templates/pre2019.yaml")["markers"]
    n_pre = sum(1 for m in pre if norm_label(m) in n)
    if max(score.values()) <= 1 and n_pre >= 2 and "本年新收" not in n:
        return "pre2019"
    if max(score.values()) > 0:
        if score["2021"] == score["2019"]:
            # only 表三 left to tell: the （六） sub-row about fee notices is 2021's
            return "2021" if "收费通知" in n else "2019"
        return max(score, key=lambda k: score[k])
    has_t3 = "本年新收" in n and ("予以公开" in n) and ("结转" in n)
    if has_t3:
        return "2021" if "收费通知" in n else "2019"
    if n_pre >= 2 and "政府信息公开" in n:
        return "pre2019"
    return None


def structure(report: Report) -> Report:
    if report.status != "ok":
        return report
    find_meta(report)
    report.sections = find_sections(report)
    version = detect_template(report)
    if version is None and report.meta.year is not None and report.meta.year <= PRE2019_LAST_YEAR \
            and is_report(report):
        # no table of the 2019/2021 layouts, none of the old statistics table's words either (a
        # report in prose only): for a year of the 2008–2018 regime, its format is that regime's
        version = "pre2019"
    report.meta.template = version
    if version in ("2021", "2019"):
        read_tables(report, version)
    elif version == "pre2019":
        report.notes.append("本报告为2019年以前（国务院令第492号时期）的格式，没有新版表二、表三、表四，只作文字审核，不提取表格字段。")
    if not is_report(report):
        report.meta.template = None
        return report.fail("not_a_report", NOT_A_REPORT)
    if version is None:
        # a report of 2019 on whose text holds none of the three tables: they may be pictures (a
        # portal that posts the tables as images) or left out — which, the text cannot tell
        report.notes.append("正文中未找到表二、表三、表四（可能以图片形式发布，或确实缺失），未能确定表格版式；"
                            "表格字段未提取，依赖表格的核对规则未运行，请人工查看原件。")
    return report


def is_report(report: Report) -> bool:
    if report.meta.template in ("2021", "2019") and report.fields:
        return True
    n_sections = len(report.sections)
    titled = report.meta.title is not None
    about = "政府信息公开" in report.text
    if report.meta.template == "pre2019":
        return titled or n_sections >= 3
    return about and ((titled and n_sections >= 2) or n_sections >= 4)
