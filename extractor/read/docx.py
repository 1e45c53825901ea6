"""DOCX: paragraphs and tables in document order; merged cells (gridSpan, vMerge) read once.

The document XML is read directly (python-docx repeats a merged cell once per grid position,
which would read its value twice). Sizes are checked before anything is inflated. What is read is
what Word shows (`_visible`): not deleted or moved-away text (runs, rows, cells; a paragraph whose
mark is deleted joins the next), not hidden text (run properties or styles), not a ruby's guide text,
one branch of alternate content, text boxes after the paragraph anchoring them; content controls and
custom XML around paragraphs, tables, rows and cells are read through. Content embedded as another
file (altChunk) is not read, and the report's notes say so.
"""

from __future__ import annotations

import html
import posixpath
import re
import zipfile
from collections.abc import Callable, Iterator
from io import BytesIO
from typing import Any, cast

from ..model import Block, Cell, Grid, Report
from .text import normalise

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_XML_BYTES = 64 * 1024 * 1024  # inflated size of word/document.xml we accept
MAX_RATIO = 200  # inflated/compressed: beyond this a member is a zip bomb


def read_docx(report: Report, data: bytes) -> Report:
    from lxml import etree

    from . import MESSAGES, ReadFailure

    try:
        z = zipfile.ZipFile(BytesIO(data))
        info = z.getinfo("word/document.xml")
    except (zipfile.BadZipFile, KeyError, ValueError) as e:
        raise ReadFailure("unreadable", MESSAGES["unreadable"].format(detail=f"DOCX 结构不完整（{e}）")) from e
    if info.file_size > MAX_XML_BYTES or info.file_size > MAX_RATIO * max(info.compress_size, 1) + 1_000_000:
        raise ReadFailure("unreadable", MESSAGES["unreadable"].format(
            detail=f"DOCX 正文解压后 {info.file_size} 字节，异常膨胀（疑为压缩炸弹），已拒绝读取"))
    xml = inflate(z, info, bomb=lambda n: ReadFailure("unreadable", MESSAGES["unreadable"].format(
        detail=f"DOCX 正文解压后超过 {n} 字节，异常膨胀（疑为压缩炸弹），已拒绝读取")))
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    styles = _hidden_styles(z, xml)
    try:
        root = etree.fromstring(xml if styles is not None else _lean(xml), parser=parser)
    except etree.XMLSyntaxError as e:
        raise ReadFailure("unreadable", MESSAGES["unreadable"].format(detail=f"DOCX 正文 XML 损坏（{e}）")) from e
    body = root.find(f"{W}body")
    if body is None:
        raise ReadFailure("unreadable", MESSAGES["unreadable"].format(detail="DOCX 缺少正文"))
    if styles is not None or next(root.iter(*_UNSEEN), None) is not None:
        _visible(root, styles)
    out = _Out(report)
    chunks = _Chunks(z)
    for el in body:
        tag = el.tag
        if tag == _P:
            out.paragraph(_para_text(el))
        elif tag == _TBL:
            out.table(el)
        elif tag in _WRAPPERS:  # content controls, custom XML, alternate content: around paragraphs and tables
            for sub in _within_wrapper(el, _BODY_TAGS):
                if sub.tag == _P:
                    out.paragraph(_para_text(sub))
                elif sub.tag == _TBL:
                    out.table(sub)
                else:
                    out.chunk(chunks.read(sub))
        elif tag == _ALT_CHUNK:
            out.chunk(chunks.read(el))
    report.text = normalise("".join(out.parts))
    report.blocks = out.blocks
    unread = sum(1 for _ in body.iter(_ALT_CHUNK)) - out.chunks_read
    if unread:
        report.notes.append(f"文档中有 {unread} 处嵌入的外部内容（altChunk：另存在文档包内的 RTF、Word 文档，或无法读取的"
                            " HTML/MHT，Word 打开时才并入正文），本工具未读取，其中的文字和表格不在审核范围内。")
    return report


def inflate(z: zipfile.ZipFile, info: zipfile.ZipInfo, bomb: Callable[[int], Exception],
            limit: int = MAX_XML_BYTES, ratio: int = MAX_RATIO) -> bytes:
    """A zip member's bytes, inflated with a cap — whatever its header says: past `limit` bytes, or
    `ratio` times the compressed size (plus 1 MB), `bomb(cap)` is raised before more is inflated. A
    header that understates the size cannot let more through (zipfile ends the member at that size,
    and its CRC then fails); a member the archive cannot inflate is `unreadable`."""
    from . import MESSAGES, ReadFailure

    cap = min(limit, ratio * max(info.compress_size, 1) + 1_000_000)
    try:
        with z.open(info) as fh:
            # one call: the member ends at the size its header gives (zipfile stops there and checks
            # the CRC), so no more than that, or than one byte past the cap, is inflated
            out = fh.read(min(cap, info.file_size) + 1)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError) as e:
        raise ReadFailure("unreadable", MESSAGES["unreadable"].format(detail=f"压缩内容无法解压（{e}）")) from e
    except zlib_error() as e:
        raise ReadFailure("unreadable", MESSAGES["unreadable"].format(detail=f"压缩内容损坏（{e}）")) from e
    if len(out) > cap:
        raise bomb(cap)
    return out


#: an element with no content that is none of those the reader looks at (run and paragraph
#: properties: fonts, sizes, spacing, justification …)
#: (`vanish`, hidden text, is kept: `_visible` takes the hidden runs out; so are `del` and
#: `moveFrom`, a paragraph mark deleted or moved away: its paragraph joins the next)
_OTHER = rb"(?!(?:t(?:ab|bl|r(?:Pr)?|c(?:Pr)?)?|b(?:r|ody)|cr|p|gridSpan|gridBefore|vMerge|vanish|sdt(?:Content)?|del|moveFrom)[\s/>])"
#: (the names written as a trie: most property names fail at their first letter or two, where a
#: plain list of seventeen alternatives was tried in turn for every empty element)
#: (attributes without a slash: a failed match gives back no slash to try again; an element
#: with a slash in a value is not taken out, nor what holds it)
_EMPTY = rb"<w:" + _OTHER + rb"[^<>/]*/>"
_W_DECLARED = b'xmlns:w="' + W[1:-1].encode() + b'"'
_RPR = rb"<w:rPr>(?:" + _EMPTY + rb")*</w:rPr>"
#: run, paragraph and table properties, the table's grid, cell borders: empty elements (table
#: properties: or elements of empty elements). One literal start per alternative, no backreference
#: but the one the table properties' inner elements need: the cost is the scan.
_PROPERTIES = re.compile(
    rb"<w:pPr>(?:" + _EMPTY + rb"|" + _RPR + rb")*</w:pPr>|" + _RPR
    + rb"|<w:tcBorders>(?:" + _EMPTY + rb")*</w:tcBorders>|<w:tblGrid>(?:" + _EMPTY + rb")*</w:tblGrid>"
    + rb"|<w:tblPr>(?:" + _EMPTY + rb"|<w:(" + _OTHER + rb"[A-Za-z0-9]+)>(?:" + _EMPTY + rb")*</w:\1>)*</w:tblPr>")


#: a cell's and a row's empty layout properties (width, vertical alignment, shading, no-wrap, fit,
#: row kept on one page) wherever they stand: a quarter of a table's elements, none read. The cell's
#: tcPr itself stays (its gridSpan and vMerge are read, and where it stands is checked).
_CELL_PROPERTIES = re.compile(rb"<w:(?:tcW|vAlign|shd|noWrap|tcFitText|hideMark|cantSplit)\b[^<>/]*/>")


def _lean(xml: bytes) -> bytes:
    """The document without its run, paragraph and table properties and cell borders made only of
    empty elements, or of elements of empty elements (half the elements of a generated document,
    or of one LibreOffice saved; a third of the time to parse it). Nothing the reader looks at is
    inside them (a text element holds no elements), so the text, the paragraphs and the grids are
    those of the whole document. Unchanged where `w:` may not be this namespace (declared other than
    once) or a pattern could cut into text (CDATA)."""
    if b"<![CDATA[" in xml or xml.count(b"xmlns:w=") != 1 or _W_DECLARED not in xml:
        return xml
    return _CELL_PROPERTIES.sub(b"", _PROPERTIES.sub(b"", xml))


def zlib_error() -> type[Exception]:
    import zlib

    return zlib.error


class _Out:
    def __init__(self, report: Report) -> None:
        self.report = report
        self.parts: list[str] = []
        self.pos = 0
        self.blocks: list[Block] = []
        self.chunks_read = 0

    def emit(self, s: str) -> None:
        self.parts.append(s)
        self.pos += len(s)

    def paragraph(self, text: str) -> None:
        if not text.strip():
            return
        start = self.pos
        self.emit(text)
        self.blocks.append(Block("text", start, self.pos))
        self.emit("\n")

    def content(self, box: Any) -> None:
        """What a layout table's cell holds, in order: each paragraph's lines as prose (as the
        cell's text would give them), each table as a table, content controls opened; anything else
        by its paragraphs."""
        for el in box:
            tag = el.tag
            if tag == _P:
                t = _line(el)
                for line in t.split("\n") if t else ():
                    self.paragraph(line)
            elif tag == _TBL:
                self.table(el)
            elif tag in _WRAPPERS:
                for sub in _within_wrapper(el, _BLOCK_TAGS):
                    self.content((sub,))
            elif tag != _TCPR:
                for p in el.iter(_P):
                    t = _line(p)
                    for line in t.split("\n") if t else ():
                        self.paragraph(line)

    def table(self, tbl: Any) -> None:
        raw = _grid_flat(tbl)  # None for a table inside it too: only then is it looked for
        nested = raw is None and tbl.find(f".//{_TBL}") is not None
        rows = _assemble(raw if raw is not None else _raw_rows(tbl))
        if not rows:
            return
        if nested:
            # a layout table: its cells' paragraphs are prose, the tables inside them tables
            for tr in _members(tbl, _TR):
                for tc in _members(tr, _TC):
                    self.content(tc)
            return
        if len(rows[0]) == 1:
            # a one-column box: its content is prose
            for row in rows:
                for c in row:
                    if c.origin:
                        for line in c.text.split("\n"):
                            self.paragraph(line)
            return
        self.grid(rows)

    def chunk(self, sub: Report | None) -> None:
        """An embedded HTML part (altChunk) read by the HTML reader, in its place: its prose lines
        as paragraphs, its grids as grids (as that reader laid them out), its notes kept."""
        if sub is None:
            return
        self.chunks_read += 1
        for b in sub.blocks:
            if b.kind == "grid" and b.grid is not None:
                if sub.grids[b.grid].rows:
                    self.grid(sub.grids[b.grid].rows)
            else:
                for line in sub.text[b.start:b.end].split("\n"):
                    self.paragraph(line)
        self.report.notes.extend(n for n in sub.notes if n not in self.report.notes)

    def grid(self, rows: list[list[Cell]]) -> None:
        start = self.pos
        g = Grid(len(self.report.grids), rows, start=start)
        for i, row in enumerate(rows):
            if i:
                self.emit("\n")
            r0 = self.pos
            self.emit("\t".join([c.text.replace("\n", " ") if c.origin else "" for c in row]))
            g.row_spans.append((r0, self.pos))
        g.end = self.pos
        self.emit("\n")
        self.report.grids.append(g)
        self.blocks.append(Block("grid", start, g.end, grid=g.index))


_T, _TAB, _BR, _CR, _TABS = f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}tabs"
_RUN_PARTS = (_T, _TAB, _BR, _CR, f"{W}delText", f"{W}instrText")
_P = f"{W}p"
_TBL = f"{W}tbl"
_SDT, _SDT_CONTENT = f"{W}sdt", f"{W}sdtContent"
_CUSTOM_XML = f"{W}customXml"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_ALT, _CHOICE, _FALLBACK = f"{MC}AlternateContent", f"{MC}Choice", f"{MC}Fallback"
#: elements around paragraphs and tables (in the body, a cell, a text box), rows or cells, read
#: through: content controls, custom XML, alternate content (one branch left by `_visible`)
_WRAPPERS = frozenset({_SDT, _CUSTOM_XML, _ALT})
_BLOCK_TAGS = (_P, _TBL)


def _within_wrapper(el: Any, tags: tuple[str, ...]) -> Iterator[Any]:
    """The elements of `tags` a wrapper holds, in order, through wrappers inside it."""
    tag = el.tag
    if tag == _SDT:
        inner = el.find(_SDT_CONTENT)
        children: Any = inner if inner is not None else ()
    elif tag == _ALT:
        children = el[0] if len(el) else ()
    else:
        children = el
    for c in children:
        if c.tag in tags:
            yield c
        elif c.tag in _WRAPPERS:
            yield from _within_wrapper(c, tags)


def _members(el: Any, tag: str) -> Iterator[Any]:
    """A table's rows or a row's cells, those inside wrappers (content controls, custom XML) too."""
    for c in el:
        if c.tag == tag:
            yield c
        elif c.tag in _WRAPPERS:
            yield from _within_wrapper(c, (tag,))


_R, _RUN_PR, _PPR, _TXBX = f"{W}r", f"{W}rPr", f"{W}pPr", f"{W}txbxContent"
_DEL, _MOVE_FROM, _VANISH = f"{W}del", f"{W}moveFrom", f"{W}vanish"
_RUBY, _RT, _CELL_DEL, _ALT_CHUNK = f"{W}ruby", f"{W}rt", f"{W}cellDel", f"{W}altChunk"
_RSTYLE, _PSTYLE, _STYLE, _BASED_ON = f"{W}rStyle", f"{W}pStyle", f"{W}style", f"{W}basedOn"
#: the elements of what Word does not show, or shows once of two: a document without any is read
#: as it is (looking costs nothing: lxml finds none of these names in the parsed document's
#: dictionary; a scan of its bytes cost a sixth of the read)
_UNSEEN = (_DEL, _MOVE_FROM, _VANISH, _ALT, _TXBX, _RT, _CELL_DEL)
_OFF = frozenset({"false", "0", "off"})
MAX_STYLES_BYTES = 8 * 1024 * 1024


def _on(el: Any) -> bool:
    """A toggle property (`<w:vanish/>`, `w:val="true"/"1"/"on"`) set; `"false"/"0"/"off"` not."""
    val = el.get(_VAL)
    return val is None or val.strip().lower() not in _OFF


class _Styles:
    """Which paragraph and character styles hide text (the nearest of the styles each is based on
    that says); the default paragraph style's id. Vanish is a toggle property (ECMA-376 17.7.3):
    a character style that hides flips the state its paragraph style gives, one that does not
    leaves it. `default_hidden`: the document defaults (docDefaults) hide text — the state of a
    paragraph whose styles do not say."""

    def __init__(self, para: dict[str, bool], char: dict[str, bool], default_para: str | None,
                 default_hidden: bool = False) -> None:
        self.para, self.char, self.default_para = para, char, default_para
        self.default_hidden = default_hidden


def _hidden_styles(z: zipfile.ZipFile, xml: bytes) -> _Styles | None:
    """The styles (word/styles.xml) that hide text, when the document uses one — a paragraph pasted
    from a web page is set in the hidden "z-窗体顶端" style; None when no style hides text, or none
    of those is used (then the run properties alone say what is hidden). A styles part that cannot
    be read hides nothing."""
    from lxml import etree

    from . import ReadFailure

    default_hidden = _defaults_hide(z)
    if b"Style w:val=" not in xml and not default_hidden:  # no paragraph or run names a style
        return None
    try:
        info = z.getinfo("word/styles.xml")
        data = inflate(z, info, bomb=lambda n: ReadFailure("unreadable", ""), limit=MAX_STYLES_BYTES)
    except (KeyError, ReadFailure):
        return None
    if b"vanish" not in data:
        return None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError:
        return None
    own: dict[tuple[str, str], tuple[bool | None, str | None]] = {}  # (kind, id): (vanish, based on)
    default_para = None
    for st in root.iter(_STYLE):
        kind, sid = st.get(f"{W}type") or "paragraph", st.get(f"{W}styleId")
        if sid is None or kind not in ("paragraph", "character"):
            continue
        rpr = st.find(_RUN_PR)
        v = rpr.find(_VANISH) if rpr is not None else None
        based = st.find(_BASED_ON)
        own[kind, sid] = (None if v is None else _on(v), None if based is None else based.get(_VAL))
        if kind == "paragraph" and st.get(f"{W}default") in ("1", "true", "on"):
            default_para = sid

    def resolved(kind: str, sid: str | None) -> bool:
        for _ in range(32):  # a chain of styles, a loop cut: the nearest that says
            if sid is None or (kind, sid) not in own:
                break
            hidden, sid = own[kind, sid]
            if hidden is not None:
                return hidden
        return default_hidden and kind == "paragraph"  # none says: the document defaults

    para = {sid: resolved(kind, sid) for kind, sid in own if kind == "paragraph"}
    char = {sid: resolved(kind, sid) for kind, sid in own if kind == "character"}
    if not any(para.values()) and not any(char.values()) and not default_hidden:
        return None
    hiding = {sid for sid, h in (*para.items(), *char.items()) if h}
    used = {html.unescape(m.decode("utf-8", "replace")) for m in _STYLE_REF.findall(xml)}
    if not hiding & used and not para.get(default_para or "") and not default_hidden:
        return None
    return _Styles(para, char, default_para, default_hidden)


_RPR_DEFAULT = re.compile(rb"<w:rPrDefault\b[^>]*>(.*?)</w:rPrDefault>", re.S)
_VANISH_SET = re.compile(rb"""<w:vanish\b(?:[^>]*?\bw:val\s*=\s*["']([^"']*)["'])?[^>]*>""")
_HEAD_BYTES = 65536


def _defaults_hide(z: zipfile.ZipFile) -> bool:
    """Do the document defaults (styles.xml's docDefaults, first in the part as Word and LibreOffice
    write it) set vanish: all text hidden where no style or run says otherwise? Only the head of the
    part is inflated for this."""
    try:
        with z.open("word/styles.xml") as fh:
            head = fh.read(4096)
            if b"<w:docDefaults" in head and b"</w:docDefaults>" not in head:
                head += fh.read(_HEAD_BYTES)
    except (KeyError, zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError, zlib_error()):
        return False
    if b"vanish" not in head:
        return False
    m = _RPR_DEFAULT.search(head)
    v = _VANISH_SET.search(m.group(1)) if m else None
    return v is not None and (v.group(1) is None or v.group(1).strip().lower() not in (b"false", b"0", b"off"))


_STYLE_REF = re.compile(rb'Style w:val="([^"]*)"')


def _visible(root: Any, styles: _Styles | None) -> None:
    """The document as Word shows it (its final view, hidden text not shown), in place:
    - alternate content: one branch, the first of its choices holding text, else its fallback
      (a text box is written in both: read twice before);
    - tracked changes: deleted runs (tabs and breaks in them too) and the old place of moved text
      (`w:moveFrom`, ordinary text elements: read twice before) taken out, rows and cells deleted
      taken out; insertions and the new place of moved text kept; a paragraph whose mark is deleted
      or moved away runs on into the next (`_join_next`);
    - ruby: the base text read, the guide text above it (`w:rt`, a reading in pinyin) not;
    - hidden text: runs whose properties set `vanish`, or whose paragraph and character styles do
      (see `_Styles`);
    - text boxes: their paragraphs and tables set after the paragraph that anchors them, in order
      (inside it they were read into its line, or made a table's cell irregular); a box inside a
      box after the paragraph of the box that anchors it."""
    for alt in list(root.iter(_ALT)):
        branches = [b for b in alt if b.tag == _CHOICE or b.tag == _FALLBACK]
        keep = next((b for b in branches if next(b.iter(_T), None) is not None), branches[0] if branches else None)
        for b in list(alt):
            if b is not keep:
                alt.remove(b)
        if keep is not None and keep is not alt[0]:
            alt.insert(0, keep)
    dead: list[Any] = []
    joined: list[Any] = []  # paragraphs whose mark is deleted or moved away, in document order
    for el in root.iter(_DEL, _MOVE_FROM):
        up = el.getparent()
        if up is None:
            continue
        if up.tag == _RUN_PR:  # the paragraph mark's properties: the mark deleted or moved
            ppr = up.getparent()
            para = ppr.getparent() if ppr is not None and ppr.tag == _PPR else None
            if para is not None and para.tag == _P:
                joined.append(para)
            continue
        dead.append(up.getparent() if up.tag == _TRPR else el)
    for el in root.iter(_RT, _CELL_DEL):
        up = el.getparent()
        if up is None:
            continue
        if el.tag == _RT:  # ruby: the guide text above the base text
            if up.tag == _RUBY:
                dead.append(el)
        elif up.tag == _TCPR:  # a cell deleted with changes tracked
            tc = up.getparent()
            if tc is not None and tc.tag == _TC:
                dead.append(tc)
    if styles is None:
        for v in root.iter(_VANISH):
            rpr = v.getparent()
            r = rpr.getparent() if rpr is not None else None
            if rpr.tag == _RUN_PR and r is not None and r.tag == _R and _on(v):
                dead.append(r)
    else:
        para_hidden: dict[Any, bool] = {}
        for r in root.iter(_R):
            rpr = r.find(_RUN_PR)
            v = rpr.find(_VANISH) if rpr is not None else None
            if v is not None:  # direct formatting: as it says
                hidden = _on(v)
            else:  # the paragraph style's state, flipped by the character style's
                p = next(r.iterancestors(_P), None)
                in_para = para_hidden.get(p)
                if in_para is None:
                    ppr = p.find(_PPR) if p is not None else None
                    ps = ppr.find(_PSTYLE) if ppr is not None else None
                    sid = ps.get(_VAL) if ps is not None else styles.default_para
                    in_para = para_hidden[p] = styles.para.get(sid or "", styles.default_hidden)
                rs = rpr.find(_RSTYLE) if rpr is not None else None
                hidden = in_para ^ (rs is not None and styles.char.get(rs.get(_VAL) or "", False))
            if hidden:
                dead.append(r)
    for el in dead:
        up = el.getparent()
        if up is not None:
            up.remove(el)
    # last first: a paragraph runs on into the next that is left, so that a chain of them is moved
    # into the paragraph that ends it one element at a time (first to last was quadratic)
    for para in reversed(joined):
        _join_next(para)
    # last first: a box's content goes right after its anchor, before that of the boxes after it
    # in the same paragraph (moved already), with the boxes inside it moved out already
    for box in reversed(list(root.iter(_TXBX))):
        at = next(box.iterancestors(_P), None)
        if at is None:
            continue
        for c in list(box):
            if c.tag in _BLOCK_TAGS or c.tag in _WRAPPERS:
                at.addnext(c)
                at = c


_BODY_TAGS = (_P, _TBL, _ALT_CHUNK)
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_HTML_START = re.compile(rb"<(?:!doctype\s+html|html|head|body|p|div|table|h[1-6])\b", re.I)
MAX_CHUNK_BYTES = 16 * 1024 * 1024


class _Chunks:
    """The parts altChunk elements name (word/_rels/document.xml.rels), read as HTML when they are
    HTML, or MHT (a web archive: its HTML part); None for any other (RTF, a Word document, a part
    missing, external or too large), which the report's notes then count as not read. A part is
    read once however often it is named, and no more than `MAX_CHUNK_BYTES` of parts are taken in
    all (a document naming one part a thousand times is not read a thousand times)."""

    def __init__(self, z: zipfile.ZipFile) -> None:
        self.z = z
        self.rels: dict[str, str] | None = None
        self.seen: dict[str, tuple[Report | None, int]] = {}  # path: (what it gave, its size)
        self.budget = MAX_CHUNK_BYTES

    def _targets(self) -> dict[str, str]:
        from lxml import etree

        from . import ReadFailure

        rels: dict[str, str] = {}
        try:
            info = self.z.getinfo("word/_rels/document.xml.rels")
            data = inflate(self.z, info, bomb=lambda n: ReadFailure("unreadable", ""), limit=MAX_STYLES_BYTES)
            root = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False))
        except (KeyError, ReadFailure, etree.XMLSyntaxError):
            return rels
        for rel in root.iter(_REL):
            rid, target = rel.get("Id"), rel.get("Target")
            if rid and target and rel.get("TargetMode") != "External":
                path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("word", target))
                rels[rid] = path
        return rels

    def read(self, el: Any) -> Report | None:
        from . import ReadFailure
        from .html import read_html

        if self.rels is None:
            self.rels = self._targets()
        path = self.rels.get(el.get(_R_ID) or "")
        if path is None:
            return None
        if path not in self.seen:
            sub: Report | None = None
            size = 0
            try:
                info = self.z.getinfo(path)
                data = inflate(self.z, info, bomb=lambda n: ReadFailure("unreadable", ""), limit=max(self.budget, 1))
                size = len(data)
                page = _chunk_html(data)
                if page is not None:
                    sub = read_html(Report(source=path), page)
            except (KeyError, ReadFailure):
                sub = None
            self.seen[path] = (sub, size)
        sub, size = self.seen[path]
        if sub is None or size > self.budget:
            return None
        self.budget -= size
        return sub


def _chunk_html(data: bytes) -> bytes | None:
    """An altChunk part's HTML: the part itself, or an MHT's HTML part (decoded from its transfer
    encoding and charset; as UTF-8 with a BOM, which the HTML reader takes over any meta charset);
    None for anything else."""
    import codecs

    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        data = codecs.BOM_UTF8 + data.decode("utf-16", errors="replace").encode("utf-8")
    head = data[:4096]
    if re.match(rb"\s*(?:MIME-Version|Content-Type)\s*:", head, re.I) and b"multipart" in head.lower():
        import email

        msg = email.message_from_bytes(data)
        for part in msg.walk():
            if part.get_content_type() != "text/html":
                continue
            payload = part.get_payload(decode=True)
            if not isinstance(payload, bytes):
                return None
            charset = part.get_content_charset()
            if charset:
                try:
                    return codecs.BOM_UTF8 + payload.decode(charset).encode("utf-8")
                except (LookupError, UnicodeDecodeError):
                    pass
            return payload
        return None
    if head.lstrip().startswith((b"{\\rtf", b"PK")) or _HTML_START.search(head) is None:
        return None
    return data


def _join_next(para: Any) -> None:
    """A paragraph whose mark is deleted (or moved away) runs on into the next paragraph, as Word
    shows it: its content (not its properties) goes to the start of the next paragraph, after that
    one's properties, and it is taken out. Markup between them that is no block (bookmarks, proofing
    marks) is passed over; before a table, a content control or the end of its container there is
    no paragraph to join, and it stays as it is."""
    up = para.getparent()
    nxt = para.getnext()
    while nxt is not None and nxt.tag != _P and nxt.tag != _TBL and nxt.tag not in _WRAPPERS:
        nxt = nxt.getnext()
    if nxt is None or nxt.tag != _P or up is None:
        return
    anchor = next((c for c in nxt if c.tag != _PPR), None)  # its content's first element
    for c in [c for c in para if c.tag != _PPR]:
        if anchor is None:
            nxt.append(c)
        else:
            anchor.addprevious(c)
    up.remove(para)


def _para_text(p: Any) -> str:
    out: list[str] = []
    for el in p.iter(*_RUN_PARTS):
        tag = el.tag
        if tag == _T:
            out.append(el.text or "")
        elif tag == _TAB:
            if el.getparent().tag != _TABS:  # a tab stop of the paragraph's properties is no character
                out.append("\t")
        elif tag == _BR or tag == _CR:
            out.append("\n")
        # deleted text and field instructions are not visible
    return "".join(out)


def _cell_text(tc: Any) -> str:
    return "\n".join(t for t in map(_line, tc.iter(_P)) if t)


_VAL = f"{W}val"
_TR, _TRPR, _GRID_BEFORE, _TC, _TCPR, _GRID_SPAN, _VMERGE = (
    f"{W}tr", f"{W}trPr", f"{W}gridBefore", f"{W}tc", f"{W}tcPr", f"{W}gridSpan", f"{W}vMerge")


def _int(el: Any, default: int = 1) -> int:
    if el is None:
        return default
    try:
        return max(1, min(int(el.get(_VAL, default)), 64))
    except (TypeError, ValueError):
        return default


def _grid(tbl: Any, nested: bool | None = None) -> list[list[Cell]]:
    """The table's rows of cells, spans expanded. Read in one pass over the table's elements
    (`_grid_flat`); a table whose markup is not the plain tr/tc/p nesting (content controls around
    rows, cells or paragraphs, text boxes, stray runs) is read by walking it (`_grid_tree`): the
    same cells either way."""
    raw = _grid_flat(tbl, nested)
    if raw is None:
        raw = _raw_rows(tbl)
    return _assemble(raw)


_FLAT_TAGS = (_TBL, _TR, _GRID_BEFORE, _TC, _GRID_SPAN, _VMERGE, _P, _T, _TAB, _BR, _CR)


#: per row: (col, span, text, vmerge) of each cell, and the column after the row's last cell
Raw = list[tuple[list[tuple[int, int, str, str | None]], int]]


def _grid_flat(tbl: Any, nested: bool | None = None) -> Raw | None:
    """What `_raw_rows` reads, from one filtered iteration over the table's elements (tags
    compared in libxml2, one Python object per element of interest). Every element is checked to
    sit where the plain nesting puts it (tr in the table, tc in its row, p in its cell, text in the
    paragraph last begun, the first tcPr/trPr holding the span); None at the first that does not,
    or when a table nests in the table (a layout table; `nested` when the caller knows, else met
    in the same iteration: the table's tree is not searched a second time): such a table is walked
    instead."""
    if nested:
        return None
    raw: Raw = []
    row: list[tuple[int, int, str, str | None]] = []
    tr = tc = None
    col = 0
    span = 1
    vmerge: str | None = None
    seen_span = seen_vmerge = False
    lines: list[str] = []
    parts: list[str] = []
    p = None
    for el in tbl.iter(*_FLAT_TAGS):
        tag = el.tag
        if tag == _T:
            if el.getparent().getparent() is not p and not _within(el, p):
                return None
            parts.append(el.text or "")
        elif tag == _P:
            if tc is None or el.getparent() is not tc:
                return None
            if p is not None:  # _keep, inline: once a paragraph
                t = "".join(parts).replace("\u3000", " ").strip()
                if t:
                    lines.append(t)
            parts = []
            p = el
        elif tag == _TC:
            if tr is None or el.getparent() is not tr:
                return None
            if tc is not None:  # the cell before ends
                if p is not None:
                    _keep(lines, parts)
                row.append((col, span, "\n".join(lines), vmerge))
                col += span
            tc = el
            span, vmerge, seen_span, seen_vmerge = 1, None, False, False
            lines = []
            p = None
        elif tag == _TR:
            if el.getparent() is not tbl:
                return None
            if tc is not None:  # the row's last cell ends
                if p is not None:
                    _keep(lines, parts)
                row.append((col, span, "\n".join(lines), vmerge))
                col += span
            if tr is not None:
                raw.append((row, col))
            tr, tc, row, col, p = el, None, [], 0, None
        elif tag == _TAB or tag == _BR or tag == _CR:
            if not _within(el, p):
                return None
            if tag != _TAB:
                parts.append("\n")
            elif el.getparent().tag != _TABS:  # a tab, not a tab stop
                parts.append("\t")
        elif tag == _GRID_SPAN or tag == _VMERGE:
            pr = el.getparent()
            if tc is None or pr.tag != _TCPR or pr.getparent() is not tc or tc.find(_TCPR) is not pr:
                return None
            if tag == _GRID_SPAN:
                if seen_span:
                    return None
                seen_span, span = True, _int(el)
            else:
                if seen_vmerge:
                    return None
                seen_vmerge, vmerge = True, el.get(_VAL) or "continue"
        elif tag == _TBL:
            if el is not tbl:  # a table inside it
                return None
        else:  # gridBefore: in the row's first trPr, before its first cell
            pr = el.getparent()
            if (tr is None or tc is not None or row or col or pr.tag != _TRPR or pr.getparent() is not tr
                    or tr.find(_TRPR) is not pr or pr.find(_GRID_BEFORE) is not el):
                return None
            col = _int(el, 0)
    if tc is not None:
        if p is not None:
            _keep(lines, parts)
        row.append((col, span, "\n".join(lines), vmerge))
        col += span
    if tr is not None:
        raw.append((row, col))
    return raw


def _keep(lines: list[str], parts: list[str]) -> None:
    """A cell's paragraph ends: its text (ideographic spaces as spaces, trimmed) is a line, if any."""
    t = "".join(parts).replace("\u3000", " ").strip()
    if t:
        lines.append(t)


def _line(p: Any) -> str:
    """A paragraph's text as a line of a cell or a frame (ideographic spaces as spaces, trimmed)."""
    return _para_text(p).replace("\u3000", " ").strip()


def _within(el: Any, p: Any) -> bool:
    """Is `el` inside paragraph `p` (not in another paragraph, or outside any)?"""
    if p is None:
        return False
    a = el.getparent()
    while a is not None:
        if a is p:
            return True
        if a.tag in _CONTAINERS:
            return False
        a = a.getparent()
    return False


_CONTAINERS = frozenset({_P, _TC, _TR, _TBL})


def _raw_rows(tbl: Any) -> Raw:
    raw: Raw = []
    for tr in _members(tbl, _TR):
        row = []
        col = 0
        trpr = tr.find(_TRPR)
        if trpr is not None:
            col += _int(trpr.find(_GRID_BEFORE), 0)
        for tc in _members(tr, _TC):
            pr = tc.find(_TCPR)
            span = _int(pr.find(_GRID_SPAN)) if pr is not None else 1
            vm = pr.find(_VMERGE) if pr is not None else None
            vmerge = None if vm is None else (vm.get(_VAL) or "continue")
            row.append((col, span, _cell_text(tc), vmerge))
            col += span
        raw.append((row, col))
    return raw


def _grid_tree(tbl: Any) -> list[list[Cell]]:
    """The table read by walking its tree (the reference `_grid_flat` is tested against)."""
    return _assemble(_raw_rows(tbl))


def _assemble(raw: Raw) -> list[list[Cell]]:
    """Rows of cells `width` wide: a cell repeated over the columns it spans; a vMerge
    continuation extends the cell above downwards (this position only repeats it); a position no
    cell reaches is an empty cell."""
    width = max((end for _, end in raw), default=0)
    grid: list[list[Cell]] = []
    for r, (row, _) in enumerate(raw):
        line: list[Cell | None] = [None] * width
        for col, span, text, vmerge in row:
            if span == 1 and vmerge is None and col < width:  # most cells: one position, their own
                line[col] = Cell(text, r, col, 1, 1, True)
                continue
            stop = min(col + span, width)
            if vmerge == "continue" and r > 0:
                prev = grid[r - 1]
                for c in range(col, stop):
                    above = prev[c]
                    line[c] = Cell(above.text, r, c, above.rowspan + 1, above.colspan, False)
                continue
            for c in range(col, stop):
                line[c] = Cell(text, r, c, 1, span, c == col)
        if not all(line):  # a position no cell reaches (a Cell is always true)
            grid.append([cell if cell is not None else Cell("", r, c) for c, cell in enumerate(line)])
        else:
            grid.append(cast("list[Cell]", line))
    return grid
