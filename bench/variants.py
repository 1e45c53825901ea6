#!/usr/bin/env python3
"""Metamorphic sweep: the real reports rewritten as other portals and converters publish them,
without changing what any figure says, so their gold still holds.

    python bench/variants.py write [--shared ../shared/corpus] [--out /tmp/xxgk-variants]
                                   [--only a.txt,b.html] [--variants gb18030,crlf]
    python bench/variants.py score [--out /tmp/xxgk-variants] [--what fields,issues] [--variants …]
                                   [--cwd OTHER_CHECKOUT --tag before.]
    python bench/variants.py list

`write` transforms every .txt/.md/.html report of the shared corpus (PDF and DOCX are left to
their own readers' tests) into OUT/<variant>/<same file name>, one folder per transform, plus
OUT/original (the files unchanged, the baseline). A file the transform does not apply to (a rule
for HTML on a .txt) is written unchanged, so every folder is scored as a whole batch, as the
original is (last year's report of a body decides ambiguous digit runs); `write` says how many
files each transform changed. Nothing of the corpus enters the repository: the
files are made at run time, outside it.

`score` runs ../shared/tools/score.py over each folder against the corpus gold (score.py matches
gold by file name) and prints one table: fields exact and wrong values, claims P/R, issues found
and false errors, beside the same files unchanged.

Each transform changes only form: the characters of a figure (full-width digits, a thousands
separator), the bytes (GB18030, a BOM, CRLF), the layout (tabs, one cell per line, page headers, hard
wrapping, heading numbering) or the markup (thead/colgroup, <p><span>, &nbsp;, Word's MSO markup,
portal chrome, a table per sub-table). None adds, removes or changes a figure of the report.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent.parent / "shared" if (ROOT.parent.parent / "shared").is_dir() else ROOT.parent / "shared"
SUFFIXES = (".txt", ".md", ".html", ".htm")

# ---------------------------------------------------------------- text pieces of a file

_TAG_OR_ENTITY = re.compile(r"(<!--.*?-->|<script\b.*?</script\s*>|<style\b.*?</style\s*>|<[^>]*>|&#?\w+;)", re.S | re.I)


def on_text(src: str, suffix: str, fn: Callable[[str], str]) -> str:
    """`fn` applied to the visible text only: in HTML (and raw HTML inside Markdown) the tags,
    comments, scripts and entities are left as they are."""
    if suffix in (".html", ".htm") or (suffix == ".md" and "<t" in src):
        parts = _TAG_OR_ENTITY.split(src)
        return "".join(p if i % 2 else fn(p) for i, p in enumerate(parts))
    return fn(src)


def body_lines(src: str) -> tuple[str, str]:
    """A scraped text's metadata header (up to the 正文 rule) and its body: layout changes touch
    the body only (the header is the scraper's, not the report's)."""
    m = re.search(r"^=+ ?正文 ?=+\n", src, re.M)
    if m:
        return src[:m.end()], src[m.end():]
    return "", src


# ---------------------------------------------------------------- transforms

Transform = Callable[[str, str], "str | bytes | None"]


def gb18030(src: str, suffix: str) -> bytes:
    """The page or text saved in GBK/GB18030 (most older portals); an HTML page declares it."""
    if suffix in (".html", ".htm"):
        src, n = re.subn(r"(?i)(charset\s*=\s*[\"']?)utf-?8", r"\1gbk", src)
        if not n:
            src = re.sub(r"(?i)<head\b[^>]*>", lambda m: m.group(0) + '<meta charset="gbk">', src, count=1)
    return src.encode("gb18030")


def bom(src: str, suffix: str) -> bytes:
    return b"\xef\xbb\xbf" + src.encode("utf-8")


def crlf(src: str, suffix: str) -> bytes:
    return src.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8")


_FW = str.maketrans("0123456789", "０１２３４５６７８９")


def fullwidth_digits(src: str, suffix: str) -> str:
    """Every digit of the report typed full-width (an IME left in full-width mode), prose and tables."""
    head, body = body_lines(src)
    return head + on_text(body, suffix, lambda s: s.translate(_FW))


def nbsp_spaces(src: str, suffix: str) -> str | None:
    """Spaces written as no-break spaces (a converter's or editor's padding)."""
    head, body = body_lines(src)
    out = on_text(body, suffix, lambda s: re.sub(r"(?<=\S) (?=\S)", "\u00a0", s))
    return None if out == body else head + out


def ideographic_spaces(src: str, suffix: str) -> str | None:
    """Spaces between words and figures written as the ideographic space U+3000."""
    head, body = body_lines(src)
    out = on_text(body, suffix, lambda s: re.sub(r"(?<=\S) (?=\S)", "\u3000", s))
    return None if out == body else head + out


def parens_half(src: str, suffix: str) -> str | None:
    """（）written half-width ()."""
    head, body = body_lines(src)
    out = on_text(body, suffix, lambda s: s.replace("（", "(").replace("）", ")"))
    return None if out == body else head + out


def parens_full(src: str, suffix: str) -> str | None:
    """() written full-width （）."""
    head, body = body_lines(src)
    out = on_text(body, suffix, lambda s: re.sub(r"\(([^()\n]{0,60})\)", r"（\1）", s))
    return None if out == body else head + out


def colons_half(src: str, suffix: str) -> str | None:
    """：written half-width :."""
    head, body = body_lines(src)
    out = on_text(body, suffix, lambda s: s.replace("：", ":"))
    return None if out == body else head + out


# a count of four or more digits (not a year, a date, a phone number, a code, a decimal part)
_BIG = re.compile(r"(?<![\d.,，:：\-/A-Za-z_#%＃〔\[（(])([1-9]\d{3,6})(?=(?:\.\d+)?(?:[件条个次人篇项份家期场余多]|万元|元))")
_BIG_CELL = re.compile(r"^(\s*)([1-9]\d{3,6})((?:\.\d+)?\s*)$")


def _group(n: str, sep: str) -> str:
    out: list[str] = []
    while len(n) > 3:
        out.insert(0, n[-3:])
        n = n[:-3]
    return sep.join([n, *out])


#: the figures of the file being transformed, from its gold (set by `write`): a run of digits is
#: grouped only when it is one of them — a scraped row's cells run together (政府集中采购2273680元:
#: 2 projects, 273680 yuan) are not one number, and grouping them would change their meaning
FIGURES: set[str] = set()


def _thousands(src: str, suffix: str, sep: str) -> str | None:
    head, body = body_lines(src)

    def grouped(m: re.Match[str], g: int) -> str:
        return _group(m.group(g), sep) if m.group(g) in FIGURES else m.group(g)

    def prose(s: str) -> str:
        s = _BIG.sub(lambda m: grouped(m, 1), s)
        if suffix in (".html", ".htm", ".md"):  # a table cell that is a figure alone
            m = _BIG_CELL.match(s)
            if m and not (1990 <= int(m.group(2)) <= 2030):
                s = m.group(1) + grouped(m, 2) + m.group(3)
        return s

    out = on_text(body, suffix, prose)
    if suffix == ".md":  # pipe-table cells
        out = re.sub(r"(?<=\|)(\s*)([1-9]\d{3,6})(\s*)(?=\|)",
                     lambda m: m.group(0) if 1990 <= int(m.group(2)) <= 2030 or m.group(2) not in FIGURES
                     else m.group(1) + _group(m.group(2), sep) + m.group(3), out)
    return None if out == body else head + out


def thousands_comma(src: str, suffix: str) -> str | None:
    """Counts of four digits or more written with thousands separators: 1,234."""
    return _thousands(src, suffix, ",")


def thousands_fullwidth(src: str, suffix: str) -> str | None:
    """… with a full-width comma: 1，234."""
    return _thousands(src, suffix, "，")


def _txt_only(suffix: str) -> bool:
    return suffix == ".txt"


def tabs(src: str, suffix: str) -> str | None:
    """Table cells separated by tabs instead of spaces (a copy from a spreadsheet or Word)."""
    if not _txt_only(suffix):
        return None
    head, body = body_lines(src)
    out = re.sub(r"(?<=[\d\S]) +(?=\d)|(?<=\d) +(?=\S)", "\t", body)
    return None if out == body else head + out


def cell_lines(src: str, suffix: str) -> str | None:
    """Each table cell on its own line (a PDF-to-text of a table): figures separated by spaces or
    tabs go one per line."""
    if not _txt_only(suffix):
        return None
    head, body = body_lines(src)
    out = re.sub(r"(?<=\d)[ \t]+(?=\d)", "\n", body)
    out = re.sub(r"(?<=[^\s\d])[ \t]+(?=\d)|(?<=\d)[ \t]+(?=[^\s\d])", "\n", out) if out != body else out
    return None if out == body else head + out


_BANNER = "平潭综合实验区政府门户网站　政府信息公开专栏"


def page_headers(src: str, suffix: str) -> str | None:
    """Running page headers and footers (a portal banner, 第 N 页 共 M 页) every 40 lines, as a
    PDF-to-text or a printed-then-scanned page leaves them; a very long line is first cut at a
    sentence end so that pages fall inside it too."""
    if suffix not in (".txt", ".md"):
        return None
    head, body = body_lines(src)
    lines: list[str] = []
    for ln in body.split("\n"):
        while len(ln) > 1600:
            cut = ln.find("。", 1200)
            if cut < 0 or cut > 2400:
                break
            lines.append(ln[:cut + 1])
            ln = ln[cut + 1:]
        lines.append(ln)
    pages = max(1, (len(lines) + 39) // 40)
    out: list[str] = []
    for i in range(0, len(lines), 40):
        page = i // 40 + 1
        if i:
            out.append(_BANNER)
        out.extend(lines[i:i + 40])
        out.append(f"第 {page} 页 共 {pages} 页")
    return head + "\n".join(out)


_ASCII_RUN = re.compile(r"[A-Za-z0-9.,:/%_\-]+")


def wrap35(src: str, suffix: str) -> str | None:
    """Lines hard-wrapped at about 35 characters (a PDF's line ends, an e-mail client), never inside
    a run of Latin letters or digits (wrappers do not split words) nor inside a table line."""
    if suffix not in (".txt", ".md"):
        return None
    head, body = body_lines(src)
    out: list[str] = []
    changed = False
    for ln in body.split("\n"):
        if len(ln) <= 38 or "\t" in ln or ln.lstrip().startswith("|"):
            out.append(ln)
            continue
        changed = True
        while len(ln) > 38:
            cut = 35
            for m in _ASCII_RUN.finditer(ln, 0, 60):
                if m.start() < cut < m.end():
                    cut = m.start() if m.start() > 10 else m.end()
                    break
            out.append(ln[:cut])
            ln = ln[cut:]
        out.append(ln)
    return head + "\n".join(out) if changed else None


_PARTS = ("总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
          "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况", "政府信息公开工作存在的主要问题及改进情况",
          "其他需要报告的事项")
_NUM = "一二三四五六"
_HEADING = re.compile(r"([一二三四五六])、\s*(" + "|".join(sorted(map(re.escape, _PARTS), key=len, reverse=True)) + ")")


def _renumber(style: str) -> Transform:
    def fn(src: str, suffix: str) -> str | None:
        def sub(m: re.Match[str]) -> str:
            k = _NUM.index(m.group(1))
            lead = {"part": f"第{m.group(1)}部分　", "arabic": f"{k + 1}. ", "paren": f"（{m.group(1)}）"}[style]
            return lead + m.group(2)

        head, body = body_lines(src)
        out = on_text(body, suffix, lambda s: _HEADING.sub(sub, s))
        return None if out == body else head + out

    fn.__doc__ = f"The six parts' headings numbered {style} instead of 一、"
    return fn


def headings_bold(src: str, suffix: str) -> str | None:
    """The six parts' headings set as headings: <h3> in a page, ### in Markdown, 【】 in text."""
    head, body = body_lines(src)
    if suffix in (".html", ".htm"):
        out = on_text(body, suffix, lambda s: _HEADING.sub(lambda m: f"\0H{m.group(0)}\0/H", s))
        out = out.replace("\0H", "<h3><strong>").replace("\0/H", "</strong></h3>")
    elif suffix == ".md":
        out = _HEADING.sub(lambda m: f"\n### {m.group(0)}\n", body)
    else:
        out = _HEADING.sub(lambda m: f"\n【{m.group(0)}】\n", body)
    return None if out == body else head + out


# ---------------------------------------------------------------- HTML markup


def _html(suffix: str) -> bool:
    return suffix in (".html", ".htm")


_TD_OPEN = re.compile(r"(<t[dh]\b[^>]*>)(.*?)(</t[dh]\s*>)", re.S | re.I)


def thead_colgroup(src: str, suffix: str) -> str | None:
    """Each table's first row in <thead>, the rest in <tbody>, with a <colgroup> (editors' tables)."""
    if not _html(suffix) or "<table" not in src.lower():
        return None

    def one(m: re.Match[str]) -> str:
        inner = m.group(2)
        inner = re.sub(r"(?i)</?tbody\b[^>]*>", "", inner)
        rows = re.findall(r"(?is)<tr\b.*?</tr\s*>", inner)
        if len(rows) < 2:
            return m.group(0)
        width = max(len(re.findall(r"(?i)<t[dh]\b", r)) for r in rows)
        cols = "<colgroup>" + '<col style="width:80px">' * width + "</colgroup>"
        first = rows[0].replace("<td", "<th").replace("</td", "</th")
        return f"{m.group(1)}{cols}<thead>{first}</thead><tbody>{''.join(rows[1:])}</tbody>{m.group(3)}"

    return re.sub(r"(?is)(<table\b[^>]*>)(.*?)(</table\s*>)", one, src)


def p_span_cells(src: str, suffix: str) -> str | None:
    """Every cell's content wrapped in <p style=…><span style=…> (a rich-text editor's paste)."""
    if not _html(suffix) or "<td" not in src.lower():
        return None
    return _TD_OPEN.sub(lambda m: f'{m.group(1)}<p style="text-align:center;line-height:28px">'
                        f'<span style="font-family:仿宋_GB2312;font-size:16px">{m.group(2)}</span></p>{m.group(3)}', src)


def nbsp_cells(src: str, suffix: str) -> str | None:
    """Cells padded with &nbsp; on both sides (editors centre figures that way)."""
    if not _html(suffix) or "<td" not in src.lower():
        return None
    return _TD_OPEN.sub(lambda m: f"{m.group(1)}&nbsp;{m.group(2)}&nbsp;&nbsp;{m.group(3)}", src)


def mso_markup(src: str, suffix: str) -> str | None:
    """Word-pasted markup: class=MsoNormal paragraphs, <o:p></o:p>, lang spans, mso- styles."""
    if not _html(suffix):
        return None
    out = re.sub(r"(?i)<p\b([^>]*)>", r'<p class="MsoNormal"\1>', src)
    out = re.sub(r"(?i)</p\s*>", "<o:p></o:p></p>", out)
    out = _TD_OPEN.sub(lambda m: f'{m.group(1)}<p class="MsoNormal" align="center" style="mso-line-height-rule:exactly">'
                       f'<span lang="EN-US" style="mso-bidi-font-size:10.5pt">{m.group(2)}</span><o:p></o:p></p>{m.group(3)}',
                       out)
    return out if out != src else None


_CHROME_TOP = (
    '<div class="header"><div class="banner">平潭综合实验区党工委管委会门户网站</div>'
    '<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>'
    '<li><a href="/hdjl/">互动交流</a></li><li><a href="/bsfw/">办事服务</a></li></ul>'
    '<div class="tools">2025年1月20日 星期一 今天是第20天</div></div>'
    '<div class="crumbs">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; '
    '<a href="/zwgk/zfxxgk/">政府信息公开</a> &gt; 政府信息公开年报</div>'
    '<div class="meta">索引号：003584519/2025-00017　发布时间：2025-01-20 09:12　浏览次数：1024</div>'
)
_CHROME_BOTTOM = (
    '<div class="related"><h4>相关链接</h4><ul><li><a href="#">2016年政府信息公开工作年度报告</a> 2017-03-30</li>'
    '<li><a href="#">关于印发2017年政务公开工作要点的通知</a> 2017-05-12</li></ul></div>'
    '<div class="footer"><p>主办单位：平潭综合实验区党工委管委会办公室　联系电话：0591-86178888</p>'
    '<p>闽ICP备05010868号-1　闽公网安备 35012802000101号　网站标识码：3501280001</p>'
    '<p>您是第 1234567 位访问者　今日访问量 12345　建议使用1920×1080分辨率浏览</p></div>'
)


def portal_chrome(src: str, suffix: str) -> str | None:
    """The report inside a portal page: banner, navigation, breadcrumbs, a metadata line, related
    links and a footer full of numbers (ICP licence, visitor counts, phone, resolution)."""
    if not _html(suffix):
        return None
    m = re.search(r"(?i)<body\b[^>]*>", src)
    e = src.lower().rfind("</body")
    if not m or e < 0:
        return None
    return src[:m.end()] + _CHROME_TOP + '<div class="article">' + src[m.end():e] + "</div>" + _CHROME_BOTTOM + src[e:]


_PART_ROW = re.compile(r"^\s*(?:[一二三四五六七]、|行政复议|行政诉讼)")


def split_tables(src: str, suffix: str) -> str | None:
    """Each table printed as one <table> per sub-table: a new table starts at each row whose first
    cell opens a numbered group (一、…五、) and that no rowspan from above reaches into."""
    if not _html(suffix) or "<table" not in src.lower():
        return None

    def one(m: re.Match[str]) -> str:
        inner = re.sub(r"(?i)</?tbody\b[^>]*>", "", m.group(2))
        rows = re.findall(r"(?is)<tr\b.*?</tr\s*>", inner)
        if len(rows) < 6:
            return m.group(0)
        pieces: list[list[str]] = [[]]
        reach = 0  # the last row index a rowspan covers
        for i, r in enumerate(rows):
            cells = _TD_OPEN.findall(r)
            first = re.sub(r"<[^>]+>|&nbsp;", "", cells[0][1]).strip() if cells else ""
            if i > 2 and i > reach and _PART_ROW.match(first) and pieces[-1]:
                pieces.append([])
            pieces[-1].append(r)
            for td in re.findall(r"(?i)<t[dh]\b[^>]*>", r):
                rs = re.search(r"(?i)rowspan\s*=\s*[\"']?(\d+)", td)
                if rs:
                    reach = max(reach, i + int(rs.group(1)) - 1)
        if len(pieces) < 2:
            return m.group(0)
        return "".join(f"{m.group(1)}<tbody>{''.join(p)}</tbody>{m.group(3)}" for p in pieces)

    out = re.sub(r"(?is)(<table\b[^>]*>)(.*?)(</table\s*>)", one, src)
    return out if out != src else None


def _radical_forms() -> dict[int, str]:
    """Each character a font's radical glyph draws → that radical's code point (the inverse of the
    Kangxi radicals' and simplified radicals' NFKC and chart mappings)."""
    import unicodedata

    out: dict[int, str] = {}
    for code in range(0x2F00, 0x2FD6):
        out.setdefault(ord(unicodedata.normalize("NFKC", chr(code))), chr(code))
    for ch, code in (("见", 0x2EC5), ("贝", 0x2EC9), ("车", 0x2ECB), ("长", 0x2ED3), ("门", 0x2ED4), ("页", 0x2EDA),
                     ("风", 0x2EDB), ("马", 0x2EE2), ("齐", 0x2EEC)):
        out[ord(ch)] = chr(code)
    return out


def pdf_radicals(src: str, suffix: str) -> str | None:
    """Text pasted into the page or file from a PDF whose text layer holds radical forms for the
    characters its fonts draw with a radical's glyph (⾏ for 行, ⼀ for 一, ⻓ for 长): every such
    character of the visible text written as its radical, as Chromium's and some office exports'
    PDFs give it to a copy."""
    table = _radical_forms()
    return on_text(src, suffix, lambda t: t.translate(table))


VARIANTS: dict[str, Transform] = {
    "gb18030": gb18030,
    "bom": bom,
    "crlf": crlf,
    "fullwidth-digits": fullwidth_digits,
    "nbsp": nbsp_spaces,
    "ideographic-space": ideographic_spaces,
    "parens-half": parens_half,
    "parens-full": parens_full,
    "colons-half": colons_half,
    "thousands": thousands_comma,
    "thousands-fullwidth": thousands_fullwidth,
    "tabs": tabs,
    "cell-lines": cell_lines,
    "page-headers": page_headers,
    "wrap35": wrap35,
    "heading-part": _renumber("part"),
    "heading-arabic": _renumber("arabic"),
    "heading-paren": _renumber("paren"),
    "heading-bold": headings_bold,
    "html-thead": thead_colgroup,
    "html-pspan": p_span_cells,
    "html-nbsp": nbsp_cells,
    "html-mso": mso_markup,
    "html-chrome": portal_chrome,
    "html-split": split_tables,
    "pdf-radicals": pdf_radicals,
}


# ---------------------------------------------------------------- commands


def reports(shared: Path, only: set[str] | None) -> list[Path]:
    out = []
    for g in sorted(shared.glob("*.gold.json")):
        name = json.loads(g.read_text(encoding="utf-8"))["file"]
        p = shared / name
        if p.suffix.lower() in SUFFIXES and p.exists() and (only is None or name in only):
            out.append(p)
    return out


def _figure(v: object) -> str:
    """A gold value as the integer part it is written with (18651.06 → "18651")."""
    try:
        return str(int(float(str(v))))
    except ValueError:
        return str(v)


def write(shared: Path, out: Path, only: set[str] | None, names: list[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    files = reports(shared, only)
    golds = {p: json.loads((shared / (p.stem + ".gold.json")).read_text(encoding="utf-8")) for p in files}
    for name in ["original", *names]:
        folder = out / name
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.iterdir():
            old.unlink()
        n = 0
        for p in files:
            src = p.read_bytes().decode("utf-8")
            g = golds[p]
            FIGURES.clear()
            FIGURES.update(_figure(v) for v in [*g.get("fields", {}).values(),
                                                *(c.get("value") for c in g.get("claims", []))] if v is not None)
            res: str | bytes | None = None if name == "original" else VARIANTS[name](src, p.suffix.lower())
            # a file the transform leaves alone is still written: the batch (last year's report, the
            # same report in another format) is the same as the original's, only the form differs
            (folder / p.name).write_bytes(p.read_bytes() if res is None else
                                          res.encode("utf-8") if isinstance(res, str) else res)
            n += res is not None
        counts[name] = n
    return counts


def _score(what: str, folder: Path, shared: Path, tool: str, cwd: Path = ROOT) -> dict[str, object]:
    cmd = [sys.executable, str(shared.parent / "tools" / "score.py"), what, "--raw", str(folder),
           "--gold", str(shared), "--tool", tool]
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=cwd)
    text = p.stdout
    res: dict[str, object] = {f"out-{what}": text}
    if what == "fields":
        m = re.search(r"table fields exact: (\d+)/(\d+)", text)
        if m:
            res["fields"] = (int(m.group(1)), int(m.group(2)))
        m = re.search(r"claims precision ([\d.]+) recall ([\d.]+)", text)
        if m:
            res["claims"] = (float(m.group(1)), float(m.group(2)))
    else:
        m = re.search(r"real issues found: (\d+)/(\d+) = [\d.]+; false errors (\d+)", text)
        if m:
            res["issues"] = (int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return res


def wrong_values(folder: Path, shared: Path, tool: str, cwd: Path = ROOT) -> tuple[int, int]:
    """(fields with a value that differs from the gold, fields read as null where the gold has a
    value): score.py counts both as not exact; only the first is a wrong reading."""
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES)
    if not files:
        return 0, 0
    p = subprocess.run([*tool.split(), "extract", *map(str, files), "--format", "jsonl"],
                       capture_output=True, text=True, cwd=cwd)
    wrong = null = 0
    for line in p.stdout.splitlines():
        if not line.startswith("{"):
            continue
        r = json.loads(line)
        name = Path(str(r.get("source", ""))).name
        gp = shared / (Path(name).stem + ".gold.json")
        if not gp.exists():
            continue
        g = json.loads(gp.read_text(encoding="utf-8"))
        unc = set(g.get("uncertain_fields") or [])
        got = r.get("fields") or {}
        for k, v in g.get("fields", {}).items():
            if k in unc:
                continue
            c = got.get(k)
            val = c.get("value") if isinstance(c, dict) else c
            if val is None and v is not None:
                null += 1
            elif v is not None and val is not None and abs(float(val) - float(v)) > 1e-6:
                wrong += 1
    return wrong, null


def score(out: Path, shared: Path, names: list[str], whats: list[str], tool: str, cwd: Path = ROOT,
          tag: str = "") -> None:
    rows = []
    for name in ["original", *names]:
        folder = out / name
        if not folder.is_dir() or not any(folder.iterdir()):
            continue
        changed = sum(1 for p in folder.iterdir() if (out / "original" / p.name).exists()
                      and p.read_bytes() != (out / "original" / p.name).read_bytes())
        row: dict[str, object] = {"variant": name, "files": changed}
        if "fields" in whats:
            row.update(_score("fields", folder, shared, tool, cwd))
            row["wrong"], row["null"] = wrong_values(folder, shared, tool, cwd)
        if "issues" in whats:
            row.update(_score("issues", folder, shared, tool, cwd))
        (out / f"{name}.{tag}score.txt").write_text("\n".join(str(v) for k, v in row.items() if k.startswith("out-")), encoding="utf-8")
        rows.append(row)
        print(_line(row), flush=True)


def _line(row: dict[str, object]) -> str:
    f = row.get("fields")
    c = row.get("claims")
    i = row.get("issues")
    fs = f"{f[0]}/{f[1]}" if isinstance(f, tuple) else "-"
    cs = f"{c[0]:.3f}/{c[1]:.3f}" if isinstance(c, tuple) else "-"
    iss = f"{i[0]}/{i[1]} fe {i[2]}" if isinstance(i, tuple) else "-"
    return f"| {row['variant']} | {row['files']} | {fs} | {row.get('wrong', '-')} | {row.get('null', '-')} | {cs} | {iss} |"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("cmd", choices=["write", "score", "list"])
    ap.add_argument("--shared", type=Path, default=SHARED / "corpus")
    ap.add_argument("--out", type=Path, default=Path("/tmp/xxgk-variants"))
    ap.add_argument("--only", type=lambda s: set(s.split(",")), default=None)
    ap.add_argument("--variants", type=lambda s: s.split(","), default=list(VARIANTS))
    ap.add_argument("--what", type=lambda s: s.split(","), default=["fields", "issues"])
    ap.add_argument("--tool", default=f"{sys.executable} -m extractor.cli")
    ap.add_argument("--cwd", type=Path, default=ROOT, help="checkout whose code the tool runs (default: this one)")
    ap.add_argument("--tag", default="", help="score: prefix of the per-variant outputs OUT/<variant>.<tag>score.txt")
    a = ap.parse_args()
    if a.cmd == "list":
        for k, fn in VARIANTS.items():
            print(f"{k:20} {(fn.__doc__ or '').strip().splitlines()[0]}")
        return
    if a.cmd == "write":
        for k, n in write(a.shared, a.out, a.only, a.variants).items():
            print(f"{k:20} {n} files")
        return
    print("| variant | files changed | fields exact | wrong | null | claims P/R | issues found / false errors |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    score(a.out, a.shared, a.variants, a.what, a.tool, a.cwd, a.tag)


if __name__ == "__main__":
    main()
