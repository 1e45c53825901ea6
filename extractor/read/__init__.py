"""Stage 1 — read: bytes of any published form → a `Report` with normalised text, blocks and raw grids.

`read(path)` never raises for a bad file: it returns a Report with status "error" and a Chinese
message (`Report.error`), keeping whatever could still be read. A file's own fault (damaged,
encrypted, scanned, hostile) is `unreadable`/`encrypted`/… ; an exception the tool's own code
raised is `internal_error` (the tool's fault, never "文件已损坏"), its traceback on stderr with
`--debug` ($XXGK_DEBUG). With $XXGK_STRICT set (the tests), such an exception is raised instead.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

from ..model import Report
from ..text import has_radicals, unify_radicals
from .sniff import EXTENSIONS, LOSSY_MARK, sniff

MAX_BYTES = 64 * 1024 * 1024  # larger files are not annual reports; refuse before reading them
#: text formats are refused at a lower size, before they are decoded (a report is some 10–100 KB of
#: text; a saved page with its images inlined may reach a few MB)
MAX_MARKUP_BYTES = {"txt": 16 * 1024 * 1024, "md": 16 * 1024 * 1024, "html": 32 * 1024 * 1024}
MAX_TEXT_CHARS = 1_000_000  # characters of text read from any format (the longest real report: ~50,000)

MESSAGES = {
    "empty": "文件为空（0 字节或没有任何文字），无法审核。",
    "not_a_document": "程序或数据文件（{suffix}），不是年度报告的发布格式，未审核；年度报告请提供 .txt .md .html .docx 或 .pdf 文件。",
    "unsupported_format": "无法识别的文件格式：既不是文本、HTML、DOCX，也不是 PDF（可能是 .doc/.wps 旧格式、图片或压缩包）。请另存为 DOCX 或 PDF 后重试。",
    "unreadable": "文件已损坏或不完整，无法读取：{detail}",
    "encrypted": "PDF 文件已加密（需要密码才能打开），无法读取文字。请提供未加密的版本。",
    "no_text_layer": "PDF 没有文字层（扫描件或图片），需先做 OCR 文字识别后才能审核。",
    "too_large": "文件过大（{size} 字节，超过 {limit} 字节上限），不像是年度报告，已跳过。",
    "too_long": "文件中的文字过长（{size} 字，超过 {limit} 字上限），不像是年度报告，已跳过。",
    "not_a_file": "不是普通文件（{kind}），无法审核。",
    "no_cmap": "PDF 文本层无法解码（字体缺少字符映射），读不出文字；请用原始文档重新导出 PDF，或做 OCR 文字识别后再审核。",
    "damaged_pdf": "文件已损坏或不完整，无法读取：PDF 结构损坏（交叉引用表指向错误位置），读不出文字（不是扫描件）。"
                   "请重新下载或导出该 PDF。",
    "os_error": "无法读取该文件：{detail}",
    "internal_error": "审核工具内部错误（这是本工具的缺陷，不是文件的问题）：{detail}。"
                      "加 --debug 重新运行可看到详细信息，请将该文件反馈给开发者。",
}
#: what a suffix says a file is when we do not read that kind (the file is still a result)
UNSUPPORTED = {
    ".doc": "旧版 Word 格式，请另存为 DOCX 后重试。",
    ".wps": "旧版 Word 格式，请另存为 DOCX 后重试。",
    ".dot": "旧版 Word 格式，请另存为 DOCX 后重试。",
    ".wpt": "旧版 Word 格式，请另存为 DOCX 后重试。",
    ".rtf": "RTF 格式暂不支持，请另存为 DOCX 后重试。",
    ".odt": "ODT 格式暂不支持，请另存为 DOCX 后重试。",
    ".docm": "含宏的 Word 文档（.docm）暂不支持，请另存为 DOCX 后重试。",
    ".ofd": "OFD 版式文件暂不支持，请导出为 PDF 后重试。",
    ".ceb": "CEB 版式文件暂不支持，请导出为 PDF 后重试。",
    ".xls": "电子表格不是年度报告的发布格式，未审核。",
    ".xlsx": "电子表格不是年度报告的发布格式，未审核。",
    ".et": "电子表格不是年度报告的发布格式，未审核。",
    ".ods": "电子表格不是年度报告的发布格式，未审核。",
    ".ppt": "演示文稿不是年度报告的发布格式，未审核。",
    ".pptx": "演示文稿不是年度报告的发布格式，未审核。",
    ".dps": "演示文稿不是年度报告的发布格式，未审核。",
    ".jpg": "图片需先做 OCR 文字识别后才能审核。",
    ".jpeg": "图片需先做 OCR 文字识别后才能审核。",
    ".png": "图片需先做 OCR 文字识别后才能审核。",
    ".gif": "图片需先做 OCR 文字识别后才能审核。",
    ".bmp": "图片需先做 OCR 文字识别后才能审核。",
    ".tif": "图片需先做 OCR 文字识别后才能审核。",
    ".tiff": "图片需先做 OCR 文字识别后才能审核。",
    ".rar": "RAR 压缩包暂不支持，请解压后审核（或改用 ZIP）。",
    ".7z": "7z 压缩包暂不支持，请解压后审核（或改用 ZIP）。",
    ".tar": "TAR 压缩包暂不支持，请解压后审核（或改用 ZIP）。",
    ".gz": "GZ 压缩包暂不支持，请解压后审核（或改用 ZIP）。",
}
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .xls, .wps, .ppt
#: program and data files: never a published report, whatever text they hold (a folder's every file is
#: a result; a script quoting report sentences must not be audited as a report). Decided by the name,
#: before the content is sniffed — unlike the kinds above, which are sniffed first (a .doc that is
#: really an HTML page is read as one).
NOT_DOCUMENTS = frozenset({
    ".json", ".jsonl", ".yaml", ".yml", ".toml", ".ini", ".cfg", ".csv", ".tsv", ".sql", ".db", ".sqlite",
    ".py", ".pyc", ".js", ".ts", ".css", ".sh", ".bat", ".ps1", ".exe", ".dll", ".so", ".jar", ".class",
})


def read_bytes(data: bytes, source: str, suffix: str = "", on_hash: Callable[[str], None] | None = None) -> Report:
    report = Report(source=source, sha256=hashlib.sha256(data).hexdigest())
    if on_hash is not None:
        on_hash(report.sha256)
    if len(data) > MAX_BYTES:
        return report.fail("unreadable", MESSAGES["too_large"].format(size=len(data), limit=MAX_BYTES))
    if not data.strip():
        report.meta.format = EXTENSIONS.get(suffix.lower())
        return report.fail("empty", MESSAGES["empty"])
    if suffix.lower() in NOT_DOCUMENTS:
        return report.fail("unsupported_format", MESSAGES["not_a_document"].format(suffix=suffix.lower()))
    data = _unicode_bom(data)
    fmt = sniff(data, suffix)
    report.meta.format = fmt if fmt != "binary" else None
    limit = MAX_MARKUP_BYTES.get(fmt)
    if limit is not None and len(data) > limit:
        return report.fail("unreadable", MESSAGES["too_large"].format(size=len(data), limit=limit))
    try:
        if fmt in ("txt", "md"):
            from .text import read_text

            read_text(report, data, fmt)
        elif fmt == "html":
            from .html import read_html

            read_html(report, data)
        elif fmt == "docx":
            from .docx import read_docx

            read_docx(report, data)
        elif fmt == "pdf":
            from .pdf import read_pdf

            read_pdf(report, data)
        else:
            return report.fail("unsupported_format", unsupported_message(suffix, data))
    except ReadFailure as e:
        if fmt == "pdf" and e.code == "no_text_layer" and _damaged_pdf(data):
            return report.fail("unreadable", MESSAGES["damaged_pdf"])
        return report.fail(e.code, e.message)
    except (MemoryError, RecursionError) as e:
        return report.fail("unreadable", MESSAGES["unreadable"].format(detail=type(e).__name__))
    except Exception as e:  # a reader must never crash a batch: say whose fault it is
        if not file_fault(e):
            return internal_error(report, e)
        return report.fail("unreadable", MESSAGES["unreadable"].format(detail=f"{type(e).__name__}: {e}"[:300]))
    if report.text:
        from .text import fold_digits

        report.text = fold_digits(report.text)
        if has_radicals(report.text):  # pasted from a PDF's text layer, in any format
            _unify_radicals(report)
    if fmt == "pdf" and report.status == "ok":
        undecoded = _undecoded_share(report.text)
        if undecoded > 0.3:
            report.text, report.blocks, report.grids = "", [], []
            return report.fail("unreadable", MESSAGES["no_cmap"])
        if undecoded > 0.02:
            report.notes.append(f"PDF 有约{undecoded:.0%}的文字无法解码（字体缺少字符映射），这部分文字未能审核。")
    enc = report.meta.encoding or ""
    if LOSSY_MARK in enc:
        report.notes.append(f"文件编码为 {enc.split('（')[0]}，有{enc.split('（')[1].rstrip('）')}，已替换为�"
                            "（文件可能损坏或被截断），其余文字照常审核。")
    if report.status == "ok" and not report.text.strip():
        return report.fail("empty", MESSAGES["empty"])
    if report.status == "ok" and len(report.text) > MAX_TEXT_CHARS:
        size = len(report.text)
        report.text, report.blocks, report.grids = "", [], []  # nothing downstream reads it
        return report.fail("unreadable", MESSAGES["too_long"].format(size=size, limit=MAX_TEXT_CHARS))
    return report


def _unify_radicals(report: Report) -> None:
    """The report's text and its grids' cells with the characters for their radical forms (⾏政许可
    → 行政许可), as a PDF's own text is read: a text copied out of a PDF keeps them, and no label,
    heading or claim of it would be found."""
    report.text = unify_radicals(report.text)
    report.page_title = unify_radicals(report.page_title) if report.page_title else report.page_title
    for grid in report.grids:
        for row in grid.rows:
            for cell in row:
                cell.text = unify_radicals(cell.text)


_CID = re.compile(r"\(cid:\d+\)")
_JUNK = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ue000-\uf8ff\ufffd]")


def _undecoded_share(text: str) -> float:
    """The share of a PDF's text that its fonts could not map to characters: pdfminer writes such a
    glyph as (cid:N); other readers give control or private-use characters."""
    visible = len(text) - text.count(" ") - text.count("\n")
    if visible <= 0:
        return 0.0
    cid = sum(len(m) for m in _CID.findall(text))
    return (cid + len(_JUNK.findall(text))) / visible


_STARTXREF = re.compile(rb"startxref\s+(\d+)")


def _damaged_pdf(data: bytes) -> bool:
    """A PDF read as having no text whose structure is broken but which uses fonts: damaged (its
    cross-reference table points nowhere), not a scan."""
    if b"/Font" not in data:
        return False
    found = _STARTXREF.findall(data[-4096:])
    if not found:
        return True
    off = int(found[-1])
    head = data[off:off + 32].lstrip()
    return not (head.startswith(b"xref") or re.match(rb"\d+\s+\d+\s+obj", head) is not None)


def unsupported_message(suffix: str, data: bytes = b"") -> str:
    """What to tell the user of a file we do not read: by its name, else by its content."""
    msg = UNSUPPORTED.get(suffix.lower())
    if msg is None and data[:8] == _OLE2:
        msg = "旧版 Office 格式（.doc/.wps/.xls 等），请另存为 DOCX 后重试。"
    return msg or MESSAGES["unsupported_format"]


def _unicode_bom(data: bytes) -> bytes:
    """UTF-16/32 text with a byte-order mark as UTF-8, before the format is sniffed (a page saved as
    UTF-16 is still a page). Other bytes are returned unchanged."""
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc, errors="replace").encode("utf-8")
            except (UnicodeError, LookupError):  # pragma: no cover - "replace" does not raise
                return data
    return data


# ---------------------------------------------------------------- whose fault


_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _libraries() -> tuple[str, ...]:
    import sysconfig

    paths = sysconfig.get_paths()
    return tuple(os.path.abspath(paths[k]) + os.sep for k in ("stdlib", "platstdlib", "purelib", "platlib")
                 if paths.get(k))


def file_fault(e: BaseException) -> bool:
    """True when an exception came from a library parsing the file (pdfminer, lxml, zipfile…: a
    damaged or hostile file); False when the tool's own code raised it (a bug: `internal_error`).
    Decided by the innermost frame: in a library's (or Python's) own folder, the file's fault."""
    module = type(e).__module__ or ""
    if module.split(".")[0] not in ("builtins", "extractor", __name__.split(".")[0]):
        return True  # a library's own error type (zlib.error, BadZipFile, lxml's, pdfminer's…)
    if isinstance(e, (UnicodeError, EOFError)):
        return True
    tb = e.__traceback__
    last = None
    while tb is not None:
        last = tb.tb_frame.f_code.co_filename
        tb = tb.tb_next
    if last is None:
        return False
    if last.endswith((".pyx", ".pxi", ".pxd")):  # compiled (Cython) libraries: lxml
        return True
    where = os.path.abspath(last)
    if where.startswith(_PACKAGE + os.sep):
        return False
    parts = where.split(os.sep)
    return "site-packages" in parts or "dist-packages" in parts or where.startswith(_libraries())


def strict() -> bool:
    return bool(os.environ.get("XXGK_STRICT"))


def internal_error(report: Report, e: BaseException, where: str = "") -> Report:
    """The result of a bug in the tool (never the file's fault); the traceback goes to stderr with
    --debug ($XXGK_DEBUG). In strict mode ($XXGK_STRICT, the tests) the exception is raised."""
    if strict():
        raise e
    if os.environ.get("XXGK_DEBUG"):
        sys.stderr.write(f"[xxgk-audit] {report.source}{('（' + where + '）') if where else ''}：\n")
        sys.stderr.write("".join(traceback.format_exception(type(e), e, e.__traceback__)))
    detail = f"{where + '：' if where else ''}{type(e).__name__}: {e}"[:200]
    return report.fail("internal_error", MESSAGES["internal_error"].format(detail=detail))


# ---------------------------------------------------------------- files


_KINDS = ((stat.S_ISDIR, "目录"), (stat.S_ISFIFO, "命名管道"), (stat.S_ISCHR, "字符设备"), (stat.S_ISBLK, "块设备"),
          (stat.S_ISSOCK, "套接字"))


def file_kind(mode: int) -> str:
    for test, name in _KINDS:
        if test(mode):
            return name
    return "特殊文件"


def read_file(path: str | Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file, at most `limit` + 1 of them (the caller sees it is too large).
    Never blocks on a FIFO or reads a device: the file is opened without waiting and must be a
    regular file once open. Raises ReadFailure with the Chinese message otherwise."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as e:
        raise ReadFailure("unreadable", MESSAGES["os_error"].format(detail=os_message(e))) from e
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise ReadFailure("unreadable", MESSAGES["not_a_file"].format(kind=file_kind(st.st_mode)))
        if st.st_size > limit:
            raise ReadFailure("unreadable", MESSAGES["too_large"].format(size=st.st_size, limit=limit))
        chunks = []
        got = 0
        while got <= limit:
            block = os.read(fd, min(1 << 20, limit + 1 - got))
            if not block:
                break
            chunks.append(block)
            got += len(block)
        return b"".join(chunks)
    except OSError as e:
        raise ReadFailure("unreadable", MESSAGES["os_error"].format(detail=os_message(e))) from e
    finally:
        os.close(fd)


OS_ERRORS = {"ENOENT": "文件不存在（或是指向不存在文件的链接）", "EACCES": "没有读取权限", "EPERM": "没有读取权限",
             "EISDIR": "这是目录", "ELOOP": "链接循环", "ENAMETOOLONG": "文件名过长", "EIO": "磁盘读取错误",
             "ENXIO": "设备不存在", "ENOSPC": "磁盘已满", "EDQUOT": "超出磁盘配额", "EROFS": "只读文件系统",
             "EFBIG": "文件超出系统允许的大小（磁盘已满或受限）", "ENOTDIR": "路径中有一部分不是目录"}


def os_message(e: OSError) -> str:
    import errno

    name = errno.errorcode.get(e.errno or 0, "")
    return OS_ERRORS.get(name, e.strerror or type(e).__name__) + (f"（{name}）" if name else "")


def read(path: str | Path, source: str | None = None, on_hash: Callable[[str], None] | None = None) -> Report:
    p = Path(path)
    src = source if source is not None else str(path)
    try:
        data = read_file(p)
    except ReadFailure as e:
        return Report(source=src).fail(e.code, e.message)
    return read_bytes(data, src, p.suffix, on_hash)


def read_member(path: str | Path, member: str, source: str, on_hash: Callable[[str], None] | None = None) -> Report:
    """A member of a zip archive (`archive.zip!member`): the archive read like any file, the member
    inflated as a stream with the caps of a DOCX member (whatever its header says)."""
    import zipfile
    from io import BytesIO

    from .docx import inflate

    try:
        data = read_file(Path(path))
        with zipfile.ZipFile(BytesIO(data)) as z:
            info = z.getinfo(member)
            body = inflate(z, info, limit=MAX_BYTES, bomb=lambda n: ReadFailure("unreadable", MESSAGES["unreadable"].format(
                detail=f"压缩包成员解压后超过 {n} 字节，异常膨胀（疑为压缩炸弹），已拒绝读取")))
    except ReadFailure as e:
        return Report(source=source).fail(e.code, e.message)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError) as e:
        return Report(source=source).fail("unreadable", MESSAGES["unreadable"].format(detail=f"压缩包已损坏（{e}）"))
    return read_bytes(body, source, os.path.splitext(member)[1], on_hash)


class ReadFailure(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
