"""`check --format text`: what an auditor reads in a terminal.

Per report: the body, year and layout, then the findings grouped by the part of the report they
concern (全文 for the report as a whole), each with its code, the Chinese message, where to look
(表三「…」行「…」列, as the report labels it) and the sentence it rests on.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

from ..model import SEVERITY_RANK, Finding, Report

NUMERALS = "一二三四五六"
SECTION_TITLES = {1: "总体情况", 2: "主动公开政府信息情况", 3: "收到和处理政府信息公开申请情况",
                  4: "政府信息公开行政复议、行政诉讼情况", 5: "存在的主要问题及改进情况", 6: "其他需要报告的事项"}
SEVERITY_LABEL = {"error": "错误", "warning": "警告", "info": "提示"}
_COLOR = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_RESET = "\033[0m"
_DIM = "\033[2m"
_BOLD = "\033[1m"


# C0 and C1 control characters (escape sequences start with ESC or CSI), and the bidirectional
# overrides that reorder what a terminal shows: never printed from a report's text
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(s: object, one_line: bool = False) -> str:
    """Text from a report (or a file name) made safe for a terminal: control characters (but line
    breaks and tabs) removed — a report cannot move the cursor, recolour or erase what is printed;
    `one_line` (names): line breaks as spaces, so a name cannot fake a line of findings."""
    out = _CONTROL.sub("", str(s))
    return out.replace("\n", " ").replace("\t", " ") if one_line else out


def section_name(number: int | None) -> str:
    if number is None or number not in SECTION_TITLES:
        return "全文"
    return f"{NUMERALS[number - 1]}、{SECTION_TITLES[number]}"


def counts(findings: Iterable[Finding]) -> Counter[str]:
    return Counter(f.severity for f in findings)


def count_line(c: Counter[str]) -> str:
    return "，".join(f"{SEVERITY_LABEL[s]}{c.get(s, 0)}" for s in ("error", "warning", "info"))


def grouped(findings: list[Finding]) -> list[tuple[int | None, list[Finding]]]:
    """Findings by section, report-wide first, then 一 … 六; within one, by severity then position."""
    by: dict[int | None, list[Finding]] = {}
    for f in findings:
        by.setdefault(f.section if f.section in SECTION_TITLES else None, []).append(f)
    order = sorted(by, key=lambda s: -1 if s is None else s)
    return [(s, sorted(by[s], key=lambda f: (-SEVERITY_RANK[f.severity], f.start if f.start is not None else -1,
                                             f.rule))) for s in order]


def render_report(r: Report, color: bool = False, show_info: bool = True) -> str:
    """One report for the terminal; info-level notes only with `show_info` (they stay counted)."""

    def c(code: str, s: str) -> str:
        return f"{code}{s}{_RESET}" if color else s

    lines = [c(_BOLD, f"══ {clean(r.source, one_line=True)}")]
    m = r.meta
    if r.status != "ok":
        err = r.error
        lines.append(c(_COLOR["error"], f"   无法审核［{err.code if err else 'error'}］{clean(err.message) if err else ''}"))
        return "\n".join(lines) + "\n\n"
    layout = {"2021": "2021年版格式（国办公开办函〔2021〕30号）", "2019": "2019年版格式（国办公开办函〔2019〕60号）",
              "pre2019": "2019年以前的旧格式"}.get(m.template or "", "格式未识别")
    lines.append(f"   {clean(m.body or '（机关未识别）', one_line=True)}　{m.year or '？'}年度　{layout}　{m.format or ''}")
    shown = r.findings if show_info else [f for f in r.findings if f.severity != "info"]
    hidden = len(r.findings) - len(shown)
    lines.append(f"   {count_line(counts(r.findings))}" + (f"（{hidden}条提示未显示，加 --show-info 显示）" if hidden else ""))
    if not r.findings:
        lines.append("   未发现问题。")
    for sec, fs in grouped(shown):
        lines.append("")
        lines.append(c(_BOLD, f"  【{section_name(sec)}】"))
        for f in fs:
            tag = f"{SEVERITY_LABEL[f.severity]} {f.rule}"
            lines.append(f"   {c(_COLOR[f.severity], tag)}  {clean(f.message)}")
            if f.locations:
                lines.append(c(_DIM, f"         位置：{clean('；'.join(f.locations))}"))
            if f.quote:
                q = f.quote if len(f.quote) <= 160 else f.quote[:157] + "……"
                lines.append(c(_DIM, f"         原文：「{clean(q)}」"))
            if f.data.get("previous"):
                lines.append(c(_DIM, f"         对照：{clean(f.data['previous'])}"))
    for note in r.notes:
        lines.append(c(_DIM, f"   ※ {clean(note)}"))
    return "\n".join(lines) + "\n\n"


def render_summary(reports: list[Report]) -> str:
    ok = [r for r in reports if r.status == "ok"]
    c = counts(f for r in ok for f in r.findings)
    with_errors = sum(1 for r in ok if any(f.severity == "error" for f in r.findings))
    return summary_line(len(reports), len(reports) - len(ok), c, with_errors)


def summary_line(total: int, bad: int, c: Counter[str], with_errors: int) -> str:
    """The last line of `check`: the batch in numbers (from counts, so a batch need not be kept)."""
    s = f"共审核{total}份报告：{count_line(c)}；{with_errors}份报告有错误"
    if bad:
        s += f"；{bad}份无法读取"
    return s + "。\n"


#: one roll-up (逐级汇总) of a batch: parent body, year, the X809/X810 table row, how the links were made
Rollup = tuple[str, int, dict[str, Any], str]


def rollup_lines(rows: list[Rollup]) -> str:
    """The batch's roll-up tables in the text output: per parent and year, each figure of the parent
    against the sum of its children's reports of the same year and the gap (each child's figure is
    in the X809/X810 findings and OUT/rollup.csv)."""
    out = ["逐级汇总（本级报告的数字与同一年度下属机关报告之和）："]
    last: tuple[str, int] | None = None
    for body, year, row, how in rows:
        if (body, year) != last:
            last = (body, year)
            kids = len(row.get("children") or [])
            out.append(f"  {clean(body, True)} {year}年度：{kids}个下属机关" + (f"（上下级关系{clean(how, True)}）" if how else ""))
        exact = "" if row.get("exact", True) else "（不含无法拆分的格）"
        parent = "空" if row.get("parent") is None else row["parent"]
        gap = "无法确定" if row.get("gap") is None else row["gap"]
        out.append(f"    {clean(row.get('label'), True)}：本级 {parent}，下属合计 {row.get('sum')}{exact}，差额 {gap}")
    return "\n".join(out) + "\n"
