"""Tiny PDFs built byte by byte for the tests: an image-only page, an encrypted file, a broken one."""

from __future__ import annotations

import os


def build(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    """A PDF whose objects are numbered 1..n in order, with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n".encode() + b"0000000000 65535 f \n"
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R ".encode() + trailer_extra + b" >>\n"
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _page(content: bytes) -> list[bytes]:
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Contents 4 0 R >>",
        f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream",
    ]


def image_only() -> bytes:
    """A page that draws but writes no text: what a scan looks like to a text extractor."""
    return build(_page(b"0 0 m 200 200 l S 10 10 100 100 re f"))


def encrypted() -> bytes:
    """Standard security handler with a user password that is not empty."""
    objs = _page(b"BT /F1 12 Tf 10 10 Td (x) Tj ET")
    o = os.urandom(32).hex().encode()
    u = os.urandom(32).hex().encode()
    objs.append(b"<< /Filter /Standard /V 1 /R 2 /O <" + o + b"> /U <" + u + b"> /P -44 >>")
    ident = os.urandom(16).hex().encode()
    return build(objs, b"/Encrypt 5 0 R /ID [<" + ident + b"> <" + ident + b">]")


def garbage() -> bytes:
    return b"%PDF-1.7\n" + os.urandom(4000)


def text_pages(pages: list[list[str]]) -> bytes:
    """One page per list, each string a line of Helvetica text (ASCII) from the top down."""
    n = len(pages)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n))
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i, lines in enumerate(pages):
        shown = b" ".join(b"(" + line.encode("ascii") + b") Tj T*" for line in lines)
        content = b"BT /F1 12 Tf 14 TL 20 760 Td " + shown + b" ET"
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] "
                    f"/Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>".encode())
        objs.append(f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream")
    return build(objs)
