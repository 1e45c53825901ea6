"""`check --output-dir OUT`: OUT/reports/<name>.html, one report's page an auditor can hand over.

Self-contained (no script, font or stylesheet fetched; nothing but this file), printable:

1. the report: body, year, layout, format, pages, a link to the source file, the counts;
2. the findings, by part of the report, each with its code (linked to OUT/rules/CODE.html), the
   message, the cells it rests on (links down to the cells), the prose clause with its figure
   marked, the PDF pages;
3. 表二, 表三 and 表四 drawn from the template with its labels (rules/templates/*.yaml), every cell
   with the value the report printed; a cell a finding rests on is highlighted at the finding's
   severity and links back up to each of its findings;
4. the notes, and the report's text with the evidence of every finding marked.

`render(report, name)` gives the page; `name` is the report's place under OUT/reports (so the
links to OUT/rules and to the source can be made relative). Same report, same bytes.
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import replace
from functools import cache
from urllib.parse import quote

from .. import template as tmpl
from ..check.engine import fmt as _number
from ..model import SEVERITY_RANK, Claim, Finding, Report
from ..text import TABLE_NAMES
from .text import SEVERITY_LABEL, counts, grouped, section_name

LAYOUTS = {"2021": "2021年版格式（国办公开办函〔2021〕30号）", "2019": "2019年版格式（国办公开办函〔2019〕60号）",
           "pre2019": "2019年以前的旧格式"}

PAGE_CSS = """
:root{--err:#b42318;--errbg:#fee4e2;--warn:#b54708;--warnbg:#fef0c7;--info:#175cd3;--infobg:#d1e9ff;--line:#d0d5dd}
*{box-sizing:border-box}
body{font-family:"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;
margin:0 auto;max-width:80rem;padding:1.5rem 2rem;color:#101828;line-height:1.6;background:#fff}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.2rem;margin:1.5rem 0 .5rem;border-bottom:1px solid var(--line)}
h3{font-size:1rem;margin:1rem 0 .25rem}
.muted{color:#667085;font-size:.9rem}dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:.5rem 0}
dl.meta dt{color:#667085}dl.meta dd{margin:0}
.counts span{display:inline-block;margin-right:1rem;font-weight:600}
.c-error{color:var(--err)}.c-warning{color:var(--warn)}.c-info{color:var(--info)}
ol.findings{padding-left:1.8rem}
li.finding{margin:.5rem 0;padding:.3rem .6rem;border-left:4px solid var(--line)}
li.sev-error{border-color:var(--err)}li.sev-warning{border-color:var(--warn)}li.sev-info{border-color:var(--info)}
.badge{display:inline-block;font-size:.75rem;padding:0 .4rem;border-radius:.6rem;margin-right:.3rem;font-weight:600}
.badge.sev-error{background:var(--errbg);color:var(--err)}.badge.sev-warning{background:var(--warnbg);color:var(--warn)}
.badge.sev-info{background:var(--infobg);color:var(--info)}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85em}
.loc,.quote,.cells{font-size:.85rem;color:#475467}
.quote{border-left:3px solid var(--line);padding-left:.5rem;margin:.2rem 0}
.quote mark{background:var(--warnbg);font-weight:700}
.cells a{margin-right:.4rem}
table.grid{border-collapse:collapse;width:100%;font-size:.8rem;margin:.3rem 0 1rem}
table.grid th,table.grid td{border:1px solid #98a2b3;padding:.2rem .35rem;vertical-align:middle}
table.grid th{background:#f2f4f7;font-weight:600;text-align:center}
table.grid th.row{text-align:left;font-weight:normal;background:#f9fafb}
table.grid td.v{text-align:right;font-variant-numeric:tabular-nums;min-width:2.5rem}
td.v.blank{color:#98a2b3}td.v.absent{background:repeating-linear-gradient(45deg,#fff,#fff 4px,#f2f4f7 4px,#f2f4f7 8px)}
td.v.flag{font-weight:700}
td.v.sev-error{background:var(--errbg);outline:2px solid var(--err);outline-offset:-2px}
td.v.sev-warning{background:var(--warnbg);outline:2px solid var(--warn);outline-offset:-2px}
td.v.sev-info{background:var(--infobg);outline:2px solid var(--info);outline-offset:-2px}
td.v sup a{font-size:.65rem;margin-left:.15rem;text-decoration:none}
pre.text{white-space:pre-wrap;word-break:break-all;font-family:inherit;font-size:.85rem;background:#f9fafb;
border:1px solid var(--line);padding:1rem}
mark.sev-error{background:var(--errbg);outline:1px solid var(--err)}
mark.sev-warning{background:var(--warnbg);outline:1px solid var(--warn)}
mark.sev-info{background:var(--infobg);outline:1px solid var(--info)}
:target{box-shadow:0 0 0 3px #7f56d9}
.err{color:var(--err)}
@media print{body{max-width:none;padding:0}a{color:inherit;text-decoration:none}table.grid{page-break-inside:auto}
tr{page-break-inside:avoid}h2{page-break-after:avoid}}
"""


def _e(s: object) -> str:
    return html.escape("" if s is None else str(s))


@cache
def cell_id(key: str) -> str:
    """The element id of a table cell: its canonical key with the dots as dashes."""
    return "c-" + _NOT_ID.sub("-", key)


_NOT_ID = re.compile(r"[^0-9A-Za-z_-]")


def _up(name: str) -> str:
    """From OUT/reports/<name>.html back up to OUT/."""
    return "../" * (name.count("/") + 1)


def source_href(source: str, name: str, out_reports: str | None = None) -> str | None:
    """A relative link from the page to the source file (to the archive for `archive.zip!member`)."""
    path = source.split("!", 1)[0]
    if not path:
        return None
    if out_reports is None:
        return "file://" + quote(os.path.abspath(path))
    page_dir = os.path.dirname(os.path.join(out_reports, name))
    try:
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(page_dir))
    except ValueError:  # another drive (Windows)
        return "file://" + quote(os.path.abspath(path))
    return quote(rel.replace(os.sep, "/"))


# ---------------------------------------------------------------- findings


def _pages(f: Finding, r: Report) -> list[int]:
    if not r.meta.pages:
        return []
    pages: set[int] = set()
    for k in f.fields:
        fd = r.fields.get(k)
        if fd is not None and fd.page:
            pages.add(fd.page)
    for c in f.claims:
        p = r.page_at(c.start)
        if p:
            pages.add(p)
    if not pages and f.start is not None:
        p = r.page_at(f.start)
        if p:
            pages.add(p)
    return sorted(pages)


def _squeeze(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def marked_quote(quote_text: str, claims: list[Claim], r: Report) -> str:
    """The quoted sentence, escaped, with the figure of each claim marked (<mark>)."""
    q = quote_text
    spans: list[tuple[int, int]] = []
    for c in claims:
        clause = _squeeze(c.text)
        at = q.find(clause) if clause else -1
        if at < 0:
            continue
        num = ""
        if c.number_end > c.number_start and r.text:
            num = _squeeze(r.text[c.number_start:c.number_end])
        if not num:
            m = re.search(r"\d[\d,，.]*", clause)
            num = m.group(0) if m else ""
        # the figure's place within its clause
        rel = -1
        if num and c.number_start >= c.start:
            before = _squeeze(r.text[c.start:c.number_start]) if r.text else ""
            rel = clause.find(num, max(0, len(before) - 2))
        if rel < 0 and num:
            rel = clause.find(num)
        if rel >= 0:
            spans.append((at + rel, at + rel + len(num)))
    out, pos = [], 0
    for a, b in sorted(set(spans)):
        if a < pos:
            continue
        out.append(_e(q[pos:a]) + f"<mark>{_e(q[a:b])}</mark>")
        pos = b
    out.append(_e(q[pos:]))
    return "".join(out)


def _finding(f: Finding, i: int, r: Report, drawn: set[str], up: str) -> str:
    rule = _e(f.rule)
    out = [f'<li class="finding sev-{_e(f.severity)}" id="f{i}" data-rule="{rule}">'
           f'<span class="badge sev-{_e(f.severity)}">{_e(SEVERITY_LABEL.get(f.severity, f.severity))}</span>'
           f'<a href="{up}rules/{quote(f.rule)}.html"><code>{rule}</code></a> {_e(f.message)}']
    keys = list(dict.fromkeys(f.fields))
    cells = [k for k in keys if k in drawn]
    if cells:  # where to look, each place a link down to its cell in the tables below
        names = f.locations if len(f.locations) == len(keys) else [_cell_name(k, r) for k in keys]
        links = "；".join(f'<a href="#{cell_id(k)}" class="to-cell">{_e(n)}</a>' if k in drawn else _e(n)
                         for k, n in zip(keys, names, strict=True))
        out.append(f'<div class="cells">位置：{links}</div>')
    elif f.locations:
        out.append(f'<div class="loc">位置：{_e("；".join(f.locations))}</div>')
    if f.quote:
        out.append(f'<div class="quote">「{marked_quote(f.quote, f.claims, r)}」</div>')
    pages = _pages(f, r)
    if pages:
        out.append(f'<div class="loc">PDF 第{"、".join(map(str, pages))}页</div>')
    if f.start is not None:
        out.append(f'<div class="loc"><a href="#e{i}">在原文中查看</a></div>')
    for key, label in (("previous", "对照上年"), ("peer", "对照同年")):
        if f.data.get(key):
            out.append(f'<div class="loc">{label}：{_e(f.data[key])}</div>')
    out.append("</li>")
    return "".join(out)


def _cell_name(key: str, r: Report) -> str:
    fd = tmpl.field_def(key, r.meta.template)
    if fd is None:
        return key
    return fd.where


# ---------------------------------------------------------------- tables


class _Cells:
    """Which findings rest on each cell, and how a cell is drawn."""

    def __init__(self, r: Report, index: dict[int, int]) -> None:
        self.r = r
        self.by_key: dict[str, list[tuple[int, Finding]]] = {}
        for f in r.findings:
            for k in dict.fromkeys(f.fields):
                self.by_key.setdefault(k, []).append((index[id(f)], f))
        self.drawn: set[str] = set()

    def td(self, key: str) -> str:
        self.drawn.add(key)
        fd = self.r.fields.get(key)
        cls = ["v"]
        raw = (fd.raw or "").strip() if fd is not None else ""
        if fd is None:
            shown, cls = "", [*cls, "absent"]
            title = "报告中没有这一格"
        elif fd.value is None and fd.candidates:
            shown = "？"
            cls.append("blank")
            title = f"数字连写为“{raw}”，有{len(fd.candidates)}种拆分，未能确定这一格"
        elif fd.value is None:
            shown = raw if raw and len(raw) <= 4 else ("（空）" if not raw else "？")
            cls.append("blank")
            title = "空白单元格" if not raw else f"未能读作数字：{raw}"
        else:
            shown = _number(fd.value)
            title = "" if _same(raw, shown) else f"原文：{raw}" + (f"（{fd.note}）" if fd.note else "")
        found = self.by_key.get(key, [])
        refs = ""
        if found:
            worst = max(found, key=lambda t: SEVERITY_RANK.get(t[1].severity, 0))[1].severity
            cls += ["flag", f"sev-{worst}"]
            refs = "<sup>" + "".join(f'<a href="#f{i}" class="to-finding" title="{_e(f.rule + " " + f.message)}">'
                                      f"[{i}]</a>" for i, f in found) + "</sup>"
            title = "；".join(f"{f.rule} {f.message}" for _i, f in found)
        attrs = f' title="{_e(title)}"' if title else ""
        data = f' data-findings="{" ".join(f"f{i}" for i, _f in found)}"' if found else ""
        page = f' data-page="{fd.page}"' if fd is not None and fd.page else ""
        return f'<td id="{cell_id(key)}" class="{" ".join(cls)}"{data}{page}{attrs}>{_e(shown)}{refs}</td>'


def _same(raw: str, shown: str) -> bool:
    return raw == shown or _SEPARATORS.sub("", raw) in (shown, shown + ".0", shown + ".00")


_SEPARATORS = re.compile(r"[\s,，]")


def _t2(t: tmpl.Template, cells: _Cells) -> str:
    out = ['<table class="grid" id="t2"><caption class="muted">表二 主动公开政府信息情况</caption>']
    for b in t.t2_blocks:
        out.append(f'<tr><th colspan="{len(b.columns) + 1}">{_e(b.caption)}</th></tr>')
        out.append("<tr><th>信息内容</th>" + "".join(f"<th>{_e(c.label)}</th>" for c in b.columns) + "</tr>")
        for row in b.rows:
            out.append(f'<tr><th class="row">{_e(row.label)}</th>'
                       + "".join(cells.td(f"t2.{row.key}.{c.key}") for c in b.columns) + "</tr>")
    out.append("</table>")
    return "".join(out)


def _t3(t: tmpl.Template, cells: _Cells, merged_other: bool) -> str:
    cols = t.t3_columns
    person = [c for c in cols if c.key == "natural_person"]
    orgs = [c for c in cols if c.group]
    rest = [c for c in cols if c.key != "natural_person" and not c.group]
    out = ['<table class="grid" id="t3"><caption class="muted">表三 收到和处理政府信息公开申请情况</caption>',
           f'<tr><th colspan="2" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th>'
           f'<th colspan="{len(cols)}">申请人情况</th></tr>',
           "<tr>" + "".join(f'<th rowspan="2">{_e(c.label)}</th>' for c in person)
           + (f'<th colspan="{len(orgs)}">{_e(orgs[0].group)}</th>' if orgs else "")
           + "".join(f'<th rowspan="2">{_e(c.label)}</th>' for c in rest) + "</tr>",
           "<tr>" + "".join(f"<th>{_e(c.label)}</th>" for c in orgs) + "</tr>"]
    order = [*person, *orgs, *rest]
    keys = t.t3_row_keys(merged_other)
    labels = {r.key: r for r in t.t3_rows}
    labels[t.t3_other_merged.key] = t.t3_other_merged
    # the group column: 三、本年度办理结果 / （三）不予公开 … spans the rows of its group
    groups = [(labels[k].group or "") for k in keys]
    i = 0
    while i < len(keys):
        k = keys[i]
        row = labels[k]
        g = groups[i]
        tds = "".join(cells.td(f"t3.{k}.{c.key}") for c in order)
        if not g or g.startswith("三、"):
            out.append(f'<tr><th class="row" colspan="2">{_e(row.label)}</th>{tds}</tr>')
            i += 1
            continue
        n = 1
        while i + n < len(keys) and groups[i + n] == g:
            n += 1
        for j in range(n):
            kk = keys[i + j]
            tds = "".join(cells.td(f"t3.{kk}.{c.key}") for c in order)
            head = f'<th class="row" rowspan="{n}">{_e(g)}</th>' if j == 0 else ""
            out.append(f'<tr>{head}<th class="row">{_e(labels[kk].label)}</th>{tds}</tr>')
        i += n
    out.append("</table>")
    return "".join(out)


def _t4(t: tmpl.Template, cells: _Cells) -> str:
    outs = t.t4_outcomes
    recon = [g for g in t.t4_groups if g.key == "reconsideration"]
    lit = [g for g in t.t4_groups if g.key != "reconsideration"]
    out = ['<table class="grid" id="t4"><caption class="muted">表四 政府信息公开行政复议、行政诉讼情况</caption><tr>']
    out += [f'<th colspan="{len(outs)}" rowspan="2">{_e(g.label)}</th>' for g in recon]
    if lit:
        out.append(f'<th colspan="{len(outs) * len(lit)}">行政诉讼</th>')
    out.append("</tr><tr>")
    out += [f'<th colspan="{len(outs)}">{_e(g.label)}</th>' for g in lit]
    out.append("</tr><tr>")
    out += [f"<th>{_e(o.label)}</th>" for _g in [*recon, *lit] for o in outs]
    out.append("</tr><tr>")
    out += [cells.td(f"t4.{g.key}.{o.key}") for g in [*recon, *lit] for o in outs]
    out.append("</tr></table>")
    return "".join(out)


def tables(r: Report, cells: _Cells) -> str:
    version = r.meta.template if r.meta.template in tmpl.VERSIONS else None
    if version is None:
        return '<p class="muted">未识别出 2019 年版或 2021 年版格式，表格无法按模板绘制；数值见原文。</p>'
    t = tmpl.get(version)
    t3 = r.tables.get("t3")
    merged = bool(t3 and t3.merged_other) or any(k.startswith("t3.other.total.") for k in r.fields)
    parts = []
    for kind, draw in (("t2", lambda: _t2(t, cells)), ("t3", lambda: _t3(t, cells, merged)),
                       ("t4", lambda: _t4(t, cells))):
        info = r.tables.get(kind)
        name = TABLE_NAMES[kind]
        if info is None and not any(k.startswith(kind + ".") for k in r.fields):
            parts.append(f'<p class="muted">报告中未找到{name}。</p>')
            continue
        if info is not None and info.unread:
            parts.append(f'<p class="muted">{name}的数字未能逐格读出：{_e(info.unread)}</p>')
        grid = draw()
        if info is not None and info.pages and r.meta.pages:
            first, last = min(info.pages), max(info.pages)
            where = f"第{first}页" if first == last else f"第{first}—{last}页"
            grid = grid.replace("</caption>", f"（PDF {where}）</caption>", 1)
        parts.append(grid)
    other = [k for k in r.fields if k not in cells.drawn]
    if other:
        parts.append('<p class="muted">模板之外读出的单元格：'
                     + "、".join(f"{_e(k)}={_e(r.fields[k].raw)}" for k in other) + "</p>")
    return "\n".join(parts)


# ---------------------------------------------------------------- the page


def render(r: Report, name: str, out_reports: str | None = None) -> str:
    """The page of report `r`, to be written at OUT/reports/<name>.html (`out_reports`: that folder,
    for the relative link to the source file)."""
    from .htmlout import highlighted

    up = _up(name)
    m = r.meta
    title = f"{m.body or '（机关未识别）'} {m.year or '？'}年度" if r.status == "ok" else r.source
    href = source_href(r.source, name, out_reports)
    src = f'<a href="{_e(href)}">{_e(r.source)}</a>' if href else _e(r.source)
    head = [f"<header><p class=\"muted\"><a href=\"{up}index.html\">← 全部报告</a></p><h1>{_e(title)}</h1>",
            '<dl class="meta">', f"<dt>文件</dt><dd>{src}</dd>",
            f"<dt>格式</dt><dd>{_e(LAYOUTS.get(m.template or '', '格式未识别'))}；{_e(m.format or '')}"
            + (f"；共{m.pages}页" if m.pages else "") + "</dd>"]
    if m.title:
        head.append(f"<dt>标题</dt><dd>{_e(m.title)}</dd>")
    head.append(f"<dt>SHA-256</dt><dd><code>{_e(r.sha256 or '—')}</code></dd></dl></header>")
    body = list(head)
    if r.status != "ok":
        err = r.error
        body.append(f'<p class="err">无法审核［{_e(err.code if err else "error")}］{_e(err.message if err else "")}</p>')
        return _page(title, body)
    c = counts(r.findings)
    body.append('<section id="summary"><h2>审核结果</h2><p class="counts">'
                + "".join(f'<span class="c-{s}">{SEVERITY_LABEL[s]} {c.get(s, 0)}</span>'
                          for s in ("error", "warning", "info")) + "</p>")
    # number the findings in the order the page lists them (by part, the worst first)
    r = replace(r, findings=[f for _sec, fs in grouped(r.findings) for f in fs])
    index = {id(f): i for i, f in enumerate(r.findings, 1)}
    cells = _Cells(r, index)
    grids = tables(r, cells)  # drawn first: the findings link only to cells that are on the page
    if not r.findings:
        body.append("<p>未发现问题。</p>")
    for sec, fs in grouped(r.findings):
        body.append(f"<h3>{_e(section_name(sec))}</h3><ol class=\"findings\">")
        for f in fs:
            body.append(_finding(f, index[id(f)], r, cells.drawn, up).replace("<li ", f'<li value="{index[id(f)]}" ', 1))
        body.append("</ol>")
    body.append("</section>")
    body.append(f'<section id="tables"><h2>表格（按{_e(LAYOUTS.get(m.template or "", "模板"))}的行列标签绘制；'
                "标出的单元格即问题所在）</h2>" + grids + "</section>")
    if r.notes:
        body.append('<section id="notes"><h2>说明</h2><ul>' + "".join(f"<li>{_e(n)}</li>" for n in r.notes) + "</ul></section>")
    text = highlighted(r, "", sep="")
    body.append(f'<section id="text"><h2>报告原文（问题所在已标出）</h2><pre class="text">{text}</pre></section>')
    return _page(title, body)


def _page(title: str, body: list[str]) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{_e(title)} — 审核结果</title><style>{PAGE_CSS}</style></head><body>\n"
            + "\n".join(body) + "\n<footer class=\"muted\"><p>xxgk-audit 生成。规则说明见各规则代码的链接。</p></footer>"
            "\n</body></html>\n")
