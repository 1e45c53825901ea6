"""`check --output-dir OUT`: OUT/index.html (every report of the batch) and OUT/rules/CODE.html.

index.html lists every report with its counts by severity (reports with errors highlighted), each
linking to its page (OUT/reports/<name>.html) and JSON; filters by severity, rule and body and a
search box (a few lines of inline script: without it, or on paper, every row shows); the counts per
rule, each rule's name linked to its page under OUT/rules; and a place for the roll-up tables of a
batch (`rollups`: HTML made by the checks of a hierarchy, put in as given).

OUT/rules/CODE.html: one page per rule of the catalogue — what it checks, why, its public basis,
its message, its parameters. Everything escaped; nothing fetched; same batch, same bytes.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from .text import SEVERITY_LABEL, count_line

TITLE = "政府信息公开工作年度报告批量审核结果"

INDEX_CSS = """
:root{--err:#b42318;--errbg:#fee4e2;--warn:#b54708;--warnbg:#fef0c7;--info:#175cd3;--infobg:#d1e9ff;--line:#d0d5dd}
*{box-sizing:border-box}
body{font-family:"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;
margin:0 auto;max-width:90rem;padding:1.5rem 2rem;color:#101828;line-height:1.6;background:#fff}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.2rem;margin:1.5rem 0 .5rem;border-bottom:1px solid var(--line)}
.muted{color:#667085;font-size:.9rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f2f4f7}td.n{text-align:right;font-variant-numeric:tabular-nums}
tr.has-error td{background:#fff6f5}tr.has-error td.e{color:var(--err);font-weight:700}
tr.status-error td{background:#fffaeb}
td.w{color:var(--warn)}td.i{color:var(--info)}
.err{color:var(--err)}
form.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;margin:.5rem 0;padding:.5rem;
background:#f9fafb;border:1px solid var(--line)}
form.filters label{font-size:.9rem}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85em}
.badge{display:inline-block;font-size:.75rem;padding:0 .4rem;border-radius:.6rem;font-weight:600}
.sev-error{background:var(--errbg);color:var(--err)}.sev-warning{background:var(--warnbg);color:var(--warn)}
.sev-info{background:var(--infobg);color:var(--info)}
dl.rule dt{font-weight:600;margin-top:.6rem}dl.rule dd{margin:0 0 0 1rem;white-space:pre-wrap}
@media print{form.filters{display:none}body{max-width:none;padding:0}}
"""

SCRIPT = """
(function(){
  var f=document.getElementById('filters'); if(!f) return;
  var rows=[].slice.call(document.querySelectorAll('#reports tbody tr'));
  var shown=document.getElementById('shown');
  function apply(){
    var sev=f.sev.value, rule=f.rule.value, body=f.body.value, q=f.q.value.trim().toLowerCase(), n=0;
    rows.forEach(function(tr){
      var ok=true, d=tr.dataset;
      if(sev==='error') ok=+d.errors>0; else if(sev==='warning') ok=+d.warnings>0;
      else if(sev==='info') ok=+d.infos>0; else if(sev==='clean') ok=d.status==='ok'&&+d.errors+ +d.warnings+ +d.infos===0;
      else if(sev==='unread') ok=d.status!=='ok';
      if(ok&&rule) ok=(' '+d.rules+' ').indexOf(' '+rule+' ')>=0;
      if(ok&&body) ok=d.body===body;
      if(ok&&q) ok=tr.textContent.toLowerCase().indexOf(q)>=0;
      tr.hidden=!ok; if(ok) n++;
    });
    shown.textContent=n;
  }
  f.addEventListener('input',apply); f.addEventListener('change',apply);
  [].forEach.call(document.querySelectorAll('a.filter-rule'),function(a){
    a.addEventListener('click',function(ev){ev.preventDefault(); f.rule.value=a.dataset.rule; apply();
      document.getElementById('reports').scrollIntoView();});
  });
  apply();
})();
"""


def _e(s: object) -> str:
    return html.escape("" if s is None else str(s))


@dataclass
class IndexRow:
    """One report of the batch as the index shows it."""

    name: str  # its place under OUT/reports (without .html/.json)
    source: str
    body: str | None
    year: int | None
    template: str | None
    status: str
    error_code: str | None
    errors: int
    warnings: int
    infos: int
    rules: dict[str, int] = field(default_factory=dict)  # code → findings of that rule
    sha256: str = ""  # of the file's bytes (summary.csv)


def _href(name: str, ext: str) -> str:
    return _e(quote(f"reports/{name}.{ext}"))


def _row(r: IndexRow) -> str:
    cls = "status-error" if r.status != "ok" else ("has-error" if r.errors else "status-ok")
    state = "" if r.status == "ok" else f'<div class="err">无法审核：{_e(r.error_code)}</div>'
    rules = " ".join(sorted(r.rules))
    codes = "、".join(f"{_e(c)}×{n}" if n > 1 else _e(c) for c, n in sorted(r.rules.items()))
    return (f'<tr class="{cls}" data-status="{_e(r.status)}" data-errors="{r.errors}" data-warnings="{r.warnings}" '
            f'data-infos="{r.infos}" data-rules="{_e(rules)}" data-body="{_e(r.body or "")}">'
            f'<td><a href="{_href(r.name, "html")}">{_e(r.body or r.source)}</a><div class="muted">{_e(r.source)}</div>'
            f"{state}</td><td class=\"n\">{_e(r.year or '')}</td><td>{_e(r.template or '')}</td>"
            f'<td class="n e">{r.errors}</td><td class="n w">{r.warnings}</td><td class="n i">{r.infos}</td>'
            f'<td class="muted">{codes}</td><td><a href="{_href(r.name, "json")}">JSON</a> '
            f'<a href="{_href(r.name, "md")}">MD</a></td></tr>')


def index(rows: Iterable[IndexRow], rollups: str = "", title: str = TITLE, suppressed: str = "") -> str:
    """The batch's index page. `rollups`: HTML of the roll-up tables (made by the hierarchy checks),
    shown in its own section; empty: the section says there is none."""
    from ..check.catalogue import catalogue

    rows = list(rows)
    cat = catalogue()
    total: Counter[str] = Counter()
    by_rule: Counter[str] = Counter()
    reports_by_rule: Counter[str] = Counter()
    bad = with_errors = 0
    for r in rows:
        total.update({"error": r.errors, "warning": r.warnings, "info": r.infos})
        by_rule.update(r.rules)
        reports_by_rule.update(set(r.rules))
        bad += r.status != "ok"
        with_errors += r.status == "ok" and r.errors > 0
    bodies = sorted({r.body for r in rows if r.body})
    head = (f"共{len(rows)}份报告；{count_line(total)}；{with_errors}份报告有错误"
            + (f"；{bad}份无法读取" if bad else "") + "。" + suppressed)
    out = [f"<header><h1>{_e(title)}</h1><p class=\"muted\">{_e(head)}每份报告的页面画出了表二、表三、表四，"
           "并标出问题所在的单元格；summary.csv 为同一汇总表。</p></header>"]
    out.append('<form class="filters" id="filters" onsubmit="return false">'
               '<label>级别 <select name="sev"><option value="">全部报告</option><option value="error">有错误</option>'
               '<option value="warning">有警告</option><option value="info">有提示</option>'
               '<option value="clean">未发现问题</option><option value="unread">无法读取</option></select></label>'
               '<label>规则 <select name="rule"><option value="">全部规则</option>'
               + "".join(f'<option value="{_e(c)}">{_e(c)} {_e(cat[c].name) if c in cat else ""}</option>'
                         for c in sorted(by_rule))
               + '</select></label><label>机关 <select name="body"><option value="">全部机关</option>'
               + "".join(f'<option value="{_e(b)}">{_e(b)}</option>' for b in bodies)
               + '</select></label><label>搜索 <input type="search" name="q" placeholder="机关、文件名、规则代码"></label>'
               f'<span class="muted">显示 <span id="shown">{len(rows)}</span> / {len(rows)} 份</span></form>')
    out.append('<section><h2>报告</h2><table id="reports"><thead><tr><th>报告</th><th>年度</th><th>模板</th>'
               "<th>错误</th><th>警告</th><th>提示</th><th>规则</th><th>数据</th></tr></thead><tbody>")
    out.extend(_row(r) for r in rows)
    out.append("</tbody></table></section>")
    out.append('<section id="by-rule"><h2>按规则</h2><table><thead><tr><th>代码</th><th>规则</th><th>级别</th>'
               "<th>问题数</th><th>涉及报告</th></tr></thead><tbody>")
    for code in sorted(by_rule, key=lambda c: (list(cat).index(c) if c in cat else 999, c)):
        spec = cat.get(code)
        name = f'<a href="rules/{quote(code)}.html">{_e(spec.name)}</a> <span class="muted">{_e(spec.summary)}</span>' \
            if spec else ""
        sev = f'<span class="badge sev-{_e(spec.severity)}">{_e(SEVERITY_LABEL[spec.severity])}</span>' if spec else ""
        out.append(f'<tr><td><a class="filter-rule" data-rule="{_e(code)}" href="#reports"><code>{_e(code)}</code></a></td>'
                   f'<td>{name}</td><td>{sev}</td><td class="n">{by_rule[code]}</td>'
                   f'<td class="n">{reports_by_rule[code]}</td></tr>')
    if not by_rule:
        out.append('<tr><td colspan="5">没有发现问题。</td></tr>')
    out.append('</tbody></table><p class="muted"><a href="rules/index.html">全部规则</a></p></section>')
    out.append('<section id="rollups"><h2>汇总表（按上下级机关）</h2>'
               + (rollups or '<p class="muted">本批报告中没有上下级机关（由名称或配置项 hierarchy 的层级文件判断），没有汇总表。</p>')
               + "</section>")
    return _page(title, out, script=True)


def _page(title: str, body: list[str], script: bool = False) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{_e(title)}</title><style>{INDEX_CSS}</style></head><body>\n" + "\n".join(body)
            + (f"\n<script>{SCRIPT}</script>" if script else "") + "\n</body></html>\n")


def rule_page(code: str) -> str:
    """OUT/rules/CODE.html: one rule of the catalogue, as `xxgk-audit rules CODE` explains it."""
    from ..check.catalogue import FAMILIES, catalogue
    from .rulesout import NEEDS

    s = catalogue()[code]
    items = [("检查什么", s.summary), ("说明", s.explanation), ("依据", s.basis), ("提示语", s.message)]
    items += [(f"提示语（{k}）", v) for k, v in s.variants.items()]
    if s.needs:
        items.append(("前提", "；".join(NEEDS.get(n, n) for n in s.needs)))
    if s.params:
        items.append(("参数（可在配置文件 [tool.xxgk-audit.params." + code + "] 中调整）",
                      "；".join(f"{k} = {v}" for k, v in s.params.items())))
    body = ['<p class="muted"><a href="../index.html">← 审核结果</a>　<a href="index.html">全部规则</a></p>',
            f'<h1><code>{_e(s.code)}</code> {_e(s.name)} <span class="badge sev-{_e(s.severity)}">'
            f"{_e(SEVERITY_LABEL[s.severity])}</span></h1>",
            f'<p class="muted">{_e(s.family)} {_e(FAMILIES.get(s.family, ""))}</p><dl class="rule">']
    body += [f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in items]
    body.append(f"</dl><p class=\"muted\">命令行：<code>xxgk-audit rules {_e(code)}</code>（含通过与不通过的示例）；"
                f"<code>--ignore {_e(code)}</code> 不运行这条规则。</p>")
    return _page(f"{s.code} {s.name}", body)


def rules_index() -> str:
    from ..check.catalogue import FAMILIES, catalogue

    body = ['<p class="muted"><a href="../index.html">← 审核结果</a></p><h1>规则目录</h1><table><thead><tr>'
            "<th>代码</th><th>规则</th><th>级别</th><th>检查什么</th></tr></thead><tbody>"]
    family = None
    for code, s in catalogue().items():
        if s.family != family:
            family = s.family
            body.append(f'<tr><th colspan="4">{_e(family)} {_e(FAMILIES.get(family, ""))}</th></tr>')
        body.append(f'<tr><td><code>{_e(code)}</code></td><td><a href="{quote(code)}.html">{_e(s.name)}</a></td>'
                    f'<td><span class="badge sev-{_e(s.severity)}">{_e(SEVERITY_LABEL[s.severity])}</span></td>'
                    f"<td>{_e(s.summary)}</td></tr>")
    body.append("</tbody></table>")
    return _page("规则目录", body)


def write_site(out: Path, rows: Iterable[IndexRow], rollups: str = "", suppressed: str = "") -> None:
    """OUT/index.html and OUT/rules/ (every rule's page), each written atomically. `suppressed`: a
    sentence on the findings a baseline left out, for the head of the index."""
    from ..batch.outdir import flush_all, write_atomic
    from ..check.catalogue import catalogue

    write_atomic(out / "rules" / "index.html", rules_index(), durable=False)
    for code in catalogue():
        write_atomic(out / "rules" / f"{code}.html", rule_page(code), durable=False)
    flush_all()  # the pages the index links to, on disk before it
    write_atomic(out / "index.html", index(rows, rollups, suppressed=suppressed))
