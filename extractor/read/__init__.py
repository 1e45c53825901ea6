"""Stage 1 — read: bytes of any published form → a `Report` with normalised text, blocks and raw grids.

`read(path)` never raises for a bad file: it returns a Report with status "error" and a Chinese
message (`Report.error`), keeping whatever could still be read.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..model import Report
from .sniff import EXTENSIONS, sniff

MAX_BYTES = 64 * 1024 * 1024  # larger files are not annual reports; refuse before reading them
#: text formats are refused at a lower size, before they are decoded (a report is some 10–100 KB of
#: text; a saved page with its images inlined may reach a few MB)
MAX_MARKUP_BYTES = {"txt": 16 * 1024 * 1024, "md": 16 * 1024 * 1024, "html": 32 * 1024 * 1024}
MAX_TEXT_CHARS = 1_000_000  # characters of text read from any format (the longest real report: ~50,000)

MESSAGES = {
    "empty": "文件为空（0 字节或没有任何文字），无法审核。",
    "unsupported_format": "无法识别的文件格式：既不是文本、HTML、DOCX，也不是 PDF（可能是 .doc/.wps 旧格式、图片或压缩包）。请另存为 DOCX 或 PDF 后重试。",
    "unreadable": "文件已损坏或不完整，无法读取：{detail}",
    "encrypted": "PDF 文件已加密（需要密码才能打开），无法读取文字。请提供未加密的版本。",
    "no_text_layer": "PDF 没有文字层（扫描件或图片），需先做 OCR 文字识别后才能审核。",
    "too_large": "文件过大（{size} 字节，超过 {limit} 字节上限），不像是年度报告，已跳过。",
    "too_long": "文件中的文字过长（{size} 字，超过 {limit} 字上限），不像是年度报告，已跳过。",
}


def read_bytes(data: bytes, source: str, suffix: str = "") -> Report:
    report = Report(source=source, sha256=hashlib.sha256(data).hexdigest())
    if len(data) > MAX_BYTES:
        return report.fail("unreadable", MESSAGES["too_large"].format(size=len(data), limit=MAX_BYTES))
    if not data.strip():
        report.meta.format = EXTENSIONS.get(suffix.lower())
        return report.fail("empty", MESSAGES["empty"])
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
            return report.fail("unsupported_format", MESSAGES["unsupported_format"])
    except ReadFailure as e:
        return report.fail(e.code, e.message)
    except (MemoryError, RecursionError) as e:
        return report.fail("unreadable", MESSAGES["unreadable"].format(detail=type(e).__name__))
    except Exception as e:  # a reader must never crash a batch: report what went wrong
        return report.fail("unreadable", MESSAGES["unreadable"].format(detail=f"{type(e).__name__}: {e}"[:300]))
    if report.status == "ok" and not report.text.strip():
        return report.fail("empty", MESSAGES["empty"])
    if report.status == "ok" and len(report.text) > MAX_TEXT_CHARS:
        size = len(report.text)
        report.text, report.blocks, report.grids = "", [], []  # nothing downstream reads it
        return report.fail("unreadable", MESSAGES["too_long"].format(size=size, limit=MAX_TEXT_CHARS))
    return report


def read(path: str | Path, source: str | None = None) -> Report:
    p = Path(path)
    src = source if source is not None else str(path)
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            r = Report(source=src)
            return r.fail("too_large" if False else "unreadable",
                          MESSAGES["too_large"].format(size=size, limit=MAX_BYTES))
        data = p.read_bytes()
    except OSError as e:
        return Report(source=src).fail("unreadable", MESSAGES["unreadable"].format(detail=e.strerror or str(e)))
    return read_bytes(data, src, p.suffix)


class ReadFailure(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
