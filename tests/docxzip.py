"""A DOCX with its document rewritten (the tests that write Word's markup into generated reports)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable


def rezip(data: bytes, rewrite: Callable[[bytes], bytes]) -> bytes:
    """`data` (a DOCX) with word/document.xml replaced by `rewrite` of it; every other member as it was."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            b = src.read(info)
            out.writestr(info.filename, rewrite(b) if info.filename == "word/document.xml" else b)
    return buf.getvalue()
