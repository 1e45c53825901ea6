"""HTML pages: whole saved portal pages, Word-pasted markup, GBK pages.

The visible text is rendered in document order; every leaf <table> becomes a `Grid` with
rowspan/colspan expanded (a table that holds other tables is page layout and is read as text).
Parsing never touches the network and never expands entities beyond HTML's own.
"""

from __future__ import annotations

import re
from typing import Any

from ..model import Block, Grid, Report
from .htmltable import MAX_CELLS, WS, cell_text, grid_cells
from .sniff import MOJIBAKE_NOTE, REPAIRED, declared_charset, decode
from .text import normalise

_SKIP = {"script", "style", "noscript", "template", "iframe", "svg", "object", "embed", "select", "button",
         "head", "title", "meta", "link", "input", "textarea", "map", "audio", "video", "canvas"}
_BLOCK = {"p", "div", "section", "article", "header", "footer", "nav", "aside", "main", "h1", "h2", "h3", "h4",
          "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "form", "fieldset", "address",
          "figure", "figcaption", "hr", "center", "caption", "tr", "table", "tbody", "thead", "tfoot", "body", "html"}
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_HIDDEN_HINT = re.compile(r"display|visibility|hidden", re.I)  # the page may hide something
# a cheap first cut in libxml2; the regex decides
_MAYBE_HIDDEN = ("//@style[contains(., 'isplay') or contains(., 'ISPLAY') or contains(., 'isibility')"
                 " or contains(., 'ISIBILITY')]/.. | //*[@hidden]")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
DEPTH = "HTML 标签嵌套超过 256 层（页面结构异常或为构造的恶意文件）"


def read_html(report: Report, data: bytes) -> Report:
    from lxml import etree

    text, enc = decode(data, declared_charset(data))
    report.meta.encoding = enc
    if enc.endswith(REPAIRED):
        report.notes.append(MOJIBAKE_NOTE)
    text = _XML_DECL.sub("", text)
    # plain lxml elements (no lxml.html element classes: cheaper to walk); no network, no entities
    parser = etree.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, huge_tree=False,
                              recover=True, collect_ids=False)
    try:
        root = etree.fromstring(text, parser=parser) if text.strip() else None
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        root = None
    too_deep = any("Excessive depth" in e.message for e in parser.error_log)
    if root is None or (too_deep and not "".join(root.itertext()).strip()):
        if too_deep:
            from . import MESSAGES, ReadFailure

            raise ReadFailure("unreadable", MESSAGES["unreadable"].format(detail=DEPTH))
        report.text = ""
        return report
    if too_deep:  # libxml2 stops at that depth: what follows is not read
        report.notes.append(f"{DEPTH}，该层级以下的内容未读取。")
    title = root.find(".//title")
    if title is not None and title.text:
        report.page_title = WS.sub(" ", title.text).strip()
    for m in root.iterfind(".//meta[@name]"):  # the portal's publication date (PubDate, publishdate …)
        if (m.get("name") or "").lower() in _PUB_META and _PUB_DATE.match(m.get("content") or ""):
            report.meta.published = _PUB_DATE.match(m.get("content") or "").group(0)  # type: ignore[union-attr]
            break
    _prepare(root, hidden=_may_hide(data))
    _Renderer(report).render(root)
    return report


_STYLE_BLOCK = re.compile(rb"<style\b.*?</style\s*>", re.S)
_HINTS = (b"display", b"visibility", b"hidden")


def _may_hide(data: bytes) -> bool:
    """Whether an element of the page may be hidden: a hint (what `_HIDDEN_HINT` looks for, in
    any case) outside the page's style sheets — CSS rules such as `li{display:inline-block}` hide
    no element, and looking for a hidden element costs as much as the rest of the reading.
    Searched in the page's bytes, lower-cased (the hints are ASCII, written as such in UTF-8, GBK
    and GB18030; a case-insensitive regex crawls over a page of Chinese). A page in a wide
    encoding (NUL bytes: UTF-16/32) is always searched."""
    if b"\x00" in data[:4096]:
        return True
    low = data.lower()
    if not any(h in low for h in _HINTS):
        return False
    return any(h in part for part in _STYLE_BLOCK.split(low) for h in _HINTS)


_PUB_META = {"pubdate", "publishdate", "firstpublishedtime", "articlepublishedtime", "dc.date", "dcterms.issued"}
_PUB_DATE = re.compile(r"(?:19|20)\d{2}-\d{1,2}-\d{1,2}")


def _drop(el: Any) -> None:
    """Removes an element but keeps the text that follows it."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _prepare(root: Any, hidden: bool = True) -> None:
    """One pass in lxml before rendering: drop what is never visible (`hidden`: the page has some;
    searching every element's style costs more than the rest of the reading), and mark <br> line
    breaks so a cell's text can be read with itertext()."""
    from lxml import etree

    etree.strip_elements(root, *(t for t in _SKIP if t != "head"), with_tail=False)
    for el in _hidden(root) if hidden else ():
        _drop(el)
    for el in root.iter("br"):  # a line break inside a cell (paragraphs in a cell just run on)
        el.tail = "\n" + (el.tail or "")


def _hidden(root: Any) -> list[Any]:
    """The elements `_MAYBE_HIDDEN` selects whose hidden attribute or style hides them, in
    document order: one loop over the elements (a page pasted from Word has a style on most of
    them, and the XPath built a string of each)."""
    from lxml import etree

    out = []
    for el in root.iter(etree.Element):
        get = el.get
        if get("hidden") is not None:
            out.append(el)
            continue
        style = get("style")
        if style and ("isplay" in style or "ISPLAY" in style or "isibility" in style or "ISIBILITY" in style) \
                and _HIDDEN.search(style):
            out.append(el)
    return out


class _Renderer:
    def __init__(self, report: Report) -> None:
        self.report = report
        self.parts: list[str] = []
        self.pos = 0
        self.blocks: list[Block] = []
        self.line_start = 0
        self.line_has_text = False
        self.at_line_start = True

    # -- output
    def emit(self, s: str) -> None:
        if not s:
            return
        self.parts.append(s)
        self.pos += len(s)
        self.at_line_start = s.endswith("\n")

    def newline(self) -> None:
        if self.parts and not self.at_line_start:
            if self.line_has_text:
                self.blocks.append(Block("text", self.line_start, self.pos))
            self.emit("\n")
        self.line_start = self.pos
        self.line_has_text = False

    # -- walking (iterative: a page with 200,000 nested tags must not blow the stack)
    def render(self, root: Any) -> None:
        text, newline = self.text, self.newline
        # (element, 0) opens it; (element, 1) closes a block element, (element, 2) any other
        stack: list[tuple[Any, int]] = [(root, 0)]
        pop, push = stack.pop, stack.append
        while stack:
            el, closing = pop()
            if closing:
                if closing == 1:
                    newline()
                tail = el.tail
                if tail:
                    text(tail)
                continue
            raw = el.tag
            tag = raw.lower() if isinstance(raw, str) else ""
            if not tag or tag in _SKIP:
                tail = el.tail
                if tail:
                    text(tail)
                continue
            if tag == "br":
                newline()
                tail = el.tail
                if tail:
                    text(tail)
                continue
            if tag == "table" and el.find(".//table") is None:
                newline()
                self.table(el)
                newline()
                tail = el.tail
                if tail:
                    text(tail)
                continue
            if tag in _BLOCK or tag == "td" or tag == "th":
                newline()
            own = el.text
            if own:
                text(own)
            push((el, 1 if raw in _BLOCK else 2))
            if len(el):
                children = list(el)
                children.reverse()
                stack.extend([(child, 0) for child in children])
        newline()
        self.report.text = normalise("".join(self.parts))
        self.report.blocks = sorted(self.blocks, key=lambda b: b.start)

    def text(self, s: str) -> None:
        if s.isspace():
            if self.parts and not self.at_line_start and not self.parts[-1].endswith(" "):
                self.emit(" ")
            return
        s = WS.sub(" ", s.replace("\u00a0", " "))
        if self.at_line_start:
            s = s.lstrip()
        self.emit(s)
        self.line_has_text = True

    # -- tables
    def table(self, el: Any) -> None:
        rows = grid_cells(el)
        if not rows or sum(len(r) for r in rows) > MAX_CELLS:
            self.emit(" ".join(cell_text(td) for td in el.iter("td", "th")))
            return
        start = self.pos
        grid = Grid(len(self.report.grids), rows, start=start)
        for i, row in enumerate(rows):
            if i:
                self.emit("\n")
            r0 = self.pos
            self.emit("\t".join(c.text.replace("\n", " ") if c.origin else "" for c in row))
            grid.row_spans.append((r0, self.pos))
        grid.end = self.pos
        self.report.grids.append(grid)
        self.blocks.append(Block("grid", start, self.pos, grid=grid.index))
        self.line_start = self.pos
