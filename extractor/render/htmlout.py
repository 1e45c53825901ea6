"""`check --format html`: one self-contained page per batch that an auditor can open and send on.

A summary table (one row per report, with its counts), then each report: its findings grouped
by part, and the report's own text with the evidence of every finding highlighted (a finding
links to its highlight and back). No script, font or stylesheet is fetched from anywhere.
"""

from __future__ import annotations

import html
from collections import Counter
from datetime import datetime
from itertools import pairwise
from typing import Any

from ..model import SEVERITY_RANK, Finding, Report
from .text import SEVERITY_LABEL, count_line, counts, grouped, section_name

CSS = """
:root{--err:#b42318;--errbg:#fee4e2;--warn:#b54708;--warnbg:#fef0c7;--info:#175cd3;--infobg:#d1e9ff;--line:#d0d5dd}
*{box-sizing:border-box}
body{font-family:"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;
margin:0;padding:1.5rem 2rem;color:#101828;line-height:1.6;background:#fff}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.2rem;margin:1.5rem 0 .5rem}h3{font-size:1rem;margin:1rem 0 .25rem}
.muted{color:#667085;font-size:.9rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f2f4f7}td.n{text-align:right;font-variant-numeric:tabular-nums}
tr.status-error td{background:#fff6f5}
.report{border-top:2px solid #344054;margin-top:2rem;padding-top:.5rem}
ol.findings{padding-left:1.5rem}
li.finding{margin:.4rem 0;padding:.3rem .5rem;border-left:4px solid var(--line)}
li.sev-error{border-color:var(--err)}li.sev-warning{border-color:var(--warn)}li.sev-info{border-color:var(--info)}
.badge{display:inline-block;font-size:.75rem;padding:0 .4rem;border-radius:.6rem;margin-right:.3rem;font-weight:600}
.badge.sev-error{background:var(--errbg);color:var(--err)}.badge.sev-warning{background:var(--warnbg);color:var(--warn)}
.badge.sev-info{background:var(--infobg);color:var(--info)}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85em}
.loc,.quote{font-size:.85rem;color:#475467}
.quote{border-left:3px solid var(--line);padding-left:.5rem;margin:.2rem 0}
table.rollup{border-collapse:collapse;margin:.3rem 0;font-size:.85rem}table.rollup td,table.rollup th{border:1px solid var(--line);padding:.1rem .5rem;text-align:left}table.rollup caption{text-align:left;color:#475467}
pre.text{white-space:pre-wrap;word-break:break-all;font-family:inherit;font-size:.9rem;background:#f9fafb;
border:1px solid var(--line);padding:1rem;max-height:60rem;overflow:auto}
mark{padding:0 .05rem;border-radius:.15rem}
mark.sev-error{background:var(--errbg);outline:1px solid var(--err)}
mark.sev-warning{background:var(--warnbg);outline:1px solid var(--warn)}
mark.sev-info{background:var(--infobg);outline:1px solid var(--info)}
:target{box-shadow:0 0 0 3px #7f56d9}
.err{color:var(--err)}
@media print{pre.text{max-height:none;overflow:visible}details{display:block}}
"""


def _e(s: object) -> str:
    return html.escape("" if s is None else str(s))


def _spans(r: Report) -> list[tuple[int, int, int]]:
    """(start, end, finding index) of every finding with a span, widened to something visible."""
    out = []
    n = len(r.text)
    for i, f in enumerate(r.findings):
        if f.start is None:
            continue
        a = max(0, min(f.start, n))
        b = max(a, min(f.end if f.end is not None else a, n))
        if b <= a:
            nl = r.text.find("\n", a)
            b = min(n, a + 40, nl if nl > a else n)
        if b > a:
            out.append((a, b, i))
    return out


def highlighted(r: Report, rid: str, sep: str = "-") -> str:
    """The report text with one <mark> per stretch covered by findings (the worst severity shows);
    anchors `{rid}{sep}e{n}`, references to findings `{rid}{sep}f{n}`."""
    text = r.text
    spans = _spans(r)
    cuts = sorted({0, len(text), *(a for a, _b, _i in spans), *(b for _a, b, _i in spans)})
    starts: dict[int, list[int]] = {}
    for a, _b, i in spans:
        starts.setdefault(a, []).append(i)
    parts = []
    for lo, hi in pairwise(cuts):
        seg = _e(text[lo:hi])
        anchors = "".join(f'<a id="{rid}{sep}e{i + 1}"></a>' for i in starts.get(lo, []))
        cover = [i for a, b, i in spans if a <= lo and hi <= b]
        if not cover:
            parts.append(anchors + seg)
            continue
        worst = max(cover, key=lambda i: SEVERITY_RANK[r.findings[i].severity])
        sev = r.findings[worst].severity
        title = "；".join(f"{r.findings[i].rule} {r.findings[i].message}" for i in cover)
        refs = " ".join(f"{rid}{sep}f{i + 1}" for i in cover)
        parts.append(f'{anchors}<mark class="sev-{sev}" data-findings="{refs}" title="{_e(title)}">{seg}</mark>')
    return "".join(parts)


def rollup_table(row: dict[str, Any], caption: str = "") -> str:
    """One figure of a roll-up (逐级汇总): the parent's figure, each child's, their sum and the gap."""
    cells = "".join(f"<tr><td>{_e(c.get('body'))}</td><td>{_e(c.get('value') if c.get('value') is not None else '空')}</td></tr>"
                    for c in row.get("children", []))
    return (f'<table class="rollup"><caption>{_e(caption)}{_e(row.get("label"))}</caption>'
            f"<tr><th>本级</th><th>{_e(row.get('parent'))}</th></tr>{cells}"
            f"<tr><th>下属合计</th><th>{_e(row.get('sum'))}</th></tr>"
            f"<tr><th>差额（本级－合计）</th><th>{_e(row.get('gap'))}</th></tr></table>")


def _finding(f: Finding, rid: str, i: int, has_span: bool) -> str:
    out = [f'<li class="finding sev-{f.severity}" id="{rid}-f{i}" data-rule="{f.rule}">'
           f'<span class="badge sev-{f.severity}">{SEVERITY_LABEL[f.severity]}</span>'
           f'<code>{_e(f.rule)}</code> {_e(f.message)}']
    if f.locations:
        out.append(f'<div class="loc">位置：{_e("；".join(f.locations))}</div>')
    if f.quote:
        out.append(f'<div class="quote">「{_e(f.quote)}」</div>')
    if has_span:
        out.append(f'<div class="loc"><a href="#{rid}-e{i}">在原文中查看</a></div>')
    for row in f.data.get("rollup") or []:  # 逐级汇总 (X809/X810): the parent, each child, the sum, the gap
        out.append(rollup_table(row))
    out.append("</li>")
    return "".join(out)


def report_html(r: Report, rid: str) -> str:
    m = r.meta
    out = [f'<article class="report" id="{rid}"><h2>{_e(m.body or r.source)}'
           f'{"　" + _e(m.year) + "年度" if m.year else ""}</h2>',
           f'<p class="muted">{_e(r.source)}　格式：{_e(m.format or "")}　模板：{_e(m.template or "未识别")}'
           f'　SHA-256：<code>{_e(r.sha256[:16])}…</code></p>']
    if r.status != "ok":
        err = r.error
        out.append(f'<p class="err">无法审核［{_e(err.code if err else "error")}］{_e(err.message if err else "")}</p>')
        out.append("</article>")
        return "\n".join(out)
    out.append(f"<p>{_e(count_line(counts(r.findings)))}</p>")
    with_span = {i for _a, _b, i in _spans(r)}
    index = {id(f): i + 1 for i, f in enumerate(r.findings)}
    if not r.findings:
        out.append("<p>未发现问题。</p>")
    for sec, fs in grouped(r.findings):
        out.append(f"<h3>{_e(section_name(sec))}</h3><ol class=\"findings\">")
        for f in fs:
            i = index[id(f)]
            out.append(_finding(f, rid, i, (i - 1) in with_span))
        out.append("</ol>")
    for note in r.notes:
        out.append(f'<p class="muted">※ {_e(note)}</p>')
    out.append(f'<details open><summary>报告原文（问题所在已标出）</summary><pre class="text">{highlighted(r, rid)}</pre>'
               "</details></article>")
    return "\n".join(out)


def page(reports: list[Report], title: str = "政府信息公开工作年度报告审核结果") -> str:
    rows = []
    total: Counter[str] = Counter()
    rules: Counter[str] = Counter()
    for k, r in enumerate(reports, 1):
        c = counts(r.findings)
        total.update(c)
        rules.update(f.rule for f in r.findings)
        status = "ok" if r.status == "ok" else "error"
        state = "" if r.status == "ok" else f'<span class="err">无法审核：{_e(r.error.code if r.error else "")}</span>'
        rows.append(
            f'<tr class="status-{status}"><td><a href="#r{k}">{_e(r.meta.body or r.source)}</a>'
            f'<div class="muted">{_e(r.source)}</div>{state}</td><td class="n">{_e(r.meta.year or "")}</td>'
            f'<td>{_e(r.meta.template or "")}</td><td class="n">{c.get("error", 0)}</td>'
            f'<td class="n">{c.get("warning", 0)}</td><td class="n">{c.get("info", 0)}</td></tr>')
    by_rule = "、".join(f"<code>{_e(code)}</code>×{n}" for code, n in sorted(rules.items()))
    now = datetime.now().strftime("%Y-%m-%d %H:%M")
    body = [
        f"<header><h1>{_e(title)}</h1>",
        f'<p class="muted">共{len(reports)}份报告；{_e(count_line(total))}；生成于{now}（xxgk-audit）。</p></header>',
        '<section id="summary"><h2>汇总</h2><table><thead><tr><th>报告</th><th>年度</th><th>模板</th>'
        "<th>错误</th><th>警告</th><th>提示</th></tr></thead><tbody>",
        *rows,
        "</tbody></table>",
        f'<p class="muted">按规则：{by_rule or "无"}</p></section>',
        *(report_html(r, f"r{k}") for k, r in enumerate(reports, 1)),
    ]
    return ("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{_e(title)}</title><style>{CSS}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n")
