"""One report's issue list in Markdown (`check --output-dir`: `<report>.md` beside `<report>.json`).

The same content as the text format, for people who open files rather than terminals: the body,
year and layout, the counts, then the findings by part of the report, each with its code, the
Chinese message, where to look and the sentence it rests on. No date or machine-dependent value:
the same report gives the same bytes.
"""

from __future__ import annotations

from ..model import Report
from .text import SEVERITY_LABEL, count_line, counts, grouped, section_name

LAYOUTS = {"2021": "2021年版格式（国办公开办函〔2021〕30号）", "2019": "2019年版格式（国办公开办函〔2019〕60号）",
           "pre2019": "2019年以前的旧格式"}


def _md(s: object) -> str:
    """Text safe inside a Markdown line: no stray emphasis, table bars or line breaks."""
    text = "" if s is None else str(s)
    for ch in ("\\", "`", "*", "_", "[", "]", "<", ">", "|", "#"):
        text = text.replace(ch, "\\" + ch)
    return " ".join(text.split())


def report_md(r: Report) -> str:
    m = r.meta
    title = f"{m.body or '（机关未识别）'} {m.year or '？'}年度" if r.status == "ok" else r.source
    lines = [f"# {_md(title)}", "", f"- 文件：`{r.source.replace('`', '')}`", f"- SHA-256：`{r.sha256 or '—'}`"]
    if r.status != "ok":
        err = r.error
        lines += ["", f"**无法审核［{err.code if err else 'error'}］** {_md(err.message if err else '')}", ""]
        return "\n".join(lines)
    lines += [f"- 格式：{LAYOUTS.get(m.template or '', '格式未识别')}；{m.format or ''}",
              f"- 结果：{count_line(counts(r.findings))}", ""]
    if not r.findings:
        lines += ["未发现问题。", ""]
    for sec, fs in grouped(r.findings):
        lines += [f"## {section_name(sec)}", ""]
        for i, f in enumerate(fs, 1):
            lines.append(f"{i}. **{SEVERITY_LABEL[f.severity]} {f.rule}** {_md(f.message)}")
            if f.locations:
                lines.append(f"   - 位置：{_md('；'.join(f.locations))}")
            if f.quote:
                q = f.quote if len(f.quote) <= 160 else f.quote[:157] + "……"
                lines.append(f"   - 原文：「{_md(q)}」")
            for key, label in (("previous", "对照上年"), ("peer", "对照同年")):
                if f.data.get(key):
                    lines.append(f"   - {label}：`{str(f.data[key]).replace('`', '')}`")
        lines.append("")
    if r.notes:
        lines += ["## 说明", ""]
        lines += [f"- {_md(n)}" for n in r.notes]
        lines.append("")
    return "\n".join(lines)
