"""A government-portal page holding the report: site chrome, an unrelated metadata table first,
then the report with its tables (real rowspan/colspan).

Options: `word_paste` writes the markup a Word paste leaves in a web editor (MsoNormal
paragraphs, numbers split over several <span>s, `&nbsp;` in empty cells, <o:p></o:p>);
`encoding="gbk"` encodes the page in GBK and says so in <meta charset>.
"""

from __future__ import annotations

import random
import re
from html import escape

from ..layout import Table, tables
from ..spec import ReportSpec

ENCODINGS = ("utf-8", "gbk")

_STYLE = """body{font-family:"Microsoft YaHei",SimSun,sans-serif;margin:0;background:#f4f4f4}
.top{background:#b5121b;color:#fff;padding:12px 40px}.top .site{font-size:24px;font-weight:bold}
.nav{list-style:none;margin:8px 0 0;padding:0}.nav li{display:inline-block;margin-right:24px}
.nav a{color:#fff;text-decoration:none}.crumb{padding:8px 40px;font-size:13px}
.main{background:#fff;margin:0 40px;padding:20px 40px}.meta{border-collapse:collapse;width:100%;font-size:13px}
.meta td{border:1px solid #ccc;padding:4px 8px}.article h1{text-align:center;font-size:22px}
.info{text-align:center;color:#666;font-size:13px}.content p{text-indent:2em;line-height:1.9}
.content table{border-collapse:collapse;margin:10px auto}.content td{border:1px solid #000;padding:3px;text-align:center}
.footer{text-align:center;font-size:12px;color:#555;padding:16px}"""


class _Paste:
    """Word-paste markup: text runs in <span>s, some numbers split across two of them."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def runs(self, text: str) -> str:
        out = []
        for part in re.split(r"(\d{2,})", text):
            if not part:
                continue
            if part.isdigit() and len(part) > 1 and self.rng.random() < 0.5:
                cut = self.rng.randint(1, len(part) - 1)
                out.append(
                    f'{part[:cut]}</span><span lang="EN-US" style="font-family:仿宋_GB2312">{part[cut:]}'
                )
            else:
                out.append(escape(part, quote=False))
        return '<span style="font-family:仿宋_GB2312;font-size:16.0pt">' + "".join(out) + "</span>"

    def para(self, text: str, indent: bool = True) -> str:
        style = ' style="text-indent:32.0pt;line-height:28.0pt"' if indent else ""
        return f'<p class="MsoNormal"{style}>{self.runs(text)}<span lang="EN-US"><o:p></o:p></span></p>'

    def blank(self) -> str:
        return '<p class="MsoNormal"><span lang="EN-US"><o:p>&nbsp;</o:p></span></p>'

    def cell(self, text: str) -> str:
        if not text:
            return '<p class="MsoNormal" align="center"><span lang="EN-US">&nbsp;<o:p></o:p></span></p>'
        if text.isdigit() and self.rng.random() < 0.1:  # a value padded with a non-breaking space
            return f'<p class="MsoNormal" align="center">{self.runs(text)}<span lang="EN-US">&nbsp;<o:p></o:p></span></p>'
        return "".join(
            f'<p class="MsoNormal" align="center" style="text-align:center">{self.runs(line)}'
            f'<span lang="EN-US"><o:p></o:p></span></p>'
            for line in text.split("\n")
        )


def _table(t: Table, paste: _Paste | None) -> str:
    cls = (
        ' class="MsoNormalTable" border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse;border:none"'
        if paste
        else ' border="1" cellspacing="0" cellpadding="4"'
    )
    rows = []
    for r in range(t.n_rows):
        tds = []
        for c in t.row_cells(r):
            attrs = ""
            if c.rowspan > 1:
                attrs += f' rowspan="{c.rowspan}"'
            if c.colspan > 1:
                attrs += f' colspan="{c.colspan}"'
            if paste:
                width = sum(t.widths[c.col : c.col + c.colspan]) // 15
                attrs += f' width="{width}" valign="center" style="border:solid windowtext 1.0pt;padding:0cm 5.4pt"'
                body = paste.cell(c.text)
            else:
                body = escape(c.text, quote=False).replace("\n", "<br/>")
            tds.append(f"<td{attrs}>{body}</td>")
        rows.append("<tr>" + "".join(tds) + "</tr>")
    return f"<table{cls}><tbody>\n" + "\n".join(rows) + "\n</tbody></table>"


def _chrome_meta(spec: ReportSpec, rng: random.Random) -> str:
    index = f"{rng.randint(10**8, 10**9 - 1)}/{spec.year + 1}-{rng.randint(1, 99999):05d}"
    cells = [
        ("索引号", index, "主题分类", "政府信息公开年报"),
        ("发布机构", spec.body, "发文日期", spec.publish_date),
        ("文号", "", "有效性", "有效"),
    ]
    rows = "".join(
        f"<tr><td>{a}</td><td>{escape(b)}</td><td>{c}</td><td>{escape(d)}</td></tr>" for a, b, c, d in cells
    )
    rows += f'<tr><td>名称</td><td colspan="3">{escape(spec.title)}</td></tr>'
    return f'<table class="meta"><tbody>{rows}</tbody></table>'


def render(spec: ReportSpec, word_paste: bool = False, encoding: str = "utf-8") -> bytes:
    if encoding not in ENCODINGS:
        raise ValueError(f"unknown encoding {encoding!r}; one of {', '.join(ENCODINGS)}")
    rng = random.Random(spec.seed * 7 + 1)
    paste = _Paste(rng) if word_paste else None
    tabs = tables(spec, wrap=word_paste)
    site = f"{spec.region}人民政府"

    def para(text: str, indent: bool = True) -> str:
        return paste.para(text, indent) if paste else f"<p>{escape(text, quote=False)}</p>"

    content = [para(p) for p in spec.preamble]
    for s in spec.sections:
        content.append(
            para(s.title, False).replace("<p", '<p style="font-weight:bold"', 1)
            if not paste
            else f'<h2 style="font-size:16pt">{paste.runs(s.title)}</h2>'
        )
        content += [para(p) for p in s.paragraphs]
        if s.table:
            content.append(_table(tabs[s.table], paste))
            if paste:
                content.append(paste.blank())
        content += [para(p) for p in s.after]
    content += [f'<p style="text-align:right">{escape(line)}</p>' for line in spec.closing]
    charset = "gbk" if encoding == "gbk" else "utf-8"
    nav = "".join(
        f'<li><a href="/{i}/">{n}</a></li>'
        for i, n in enumerate(["首页", "政务公开", "政务服务", "互动交流", f"走进{spec.region}"])
    )
    page = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="{charset}">
<meta name="SiteName" content="{escape(site)}">
<meta name="ColumnName" content="政府信息公开年报">
<title>{escape(spec.title)}_{escape(site)}</title>
<style>{_STYLE}</style>
</head>
<body>
<div class="top"><div class="site">{escape(site)}</div><ul class="nav">{nav}</ul></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/nb/">政府信息公开年报</a></div>
<div class="main">
{_chrome_meta(spec, rng)}
<div class="article">
<h1>{escape(spec.title)}</h1>
<div class="info">发布时间：{spec.publish_date}　来源：{escape(spec.body)}　浏览次数：<span id="hits">{rng.randint(50, 5000)}</span></div>
<div class="content">
{chr(10).join(content)}
</div>
</div>
<div class="tools">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
</div>
<div class="footer"><p>主办：{escape(site)}办公室　联系电话：0{rng.randint(310, 999)}-{rng.randint(2000000, 8999999)}</p>
<p>网站标识码：{rng.randint(10**9, 10**10 - 1)}　备案序号：ICP备{rng.randint(10**7, 10**8 - 1)}号</p></div>
</body>
</html>
"""
    return page.encode(charset, errors="xmlcharrefreplace")
