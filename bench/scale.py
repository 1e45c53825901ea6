#!/usr/bin/env python3
"""Cost against report length: one report repeated k times (its text; for HTML the body inside
one page; for DOCX the paragraphs and tables inside one document body), each stage timed, and the cost per copy — flat when every stage is linear.

    python bench/scale.py REPORT [--k 1,8,16,32,64] [--rounds 3]

Not a test: the machine's load moves the figures; a per-copy cost that grows with k is the sign
of a loop that walks everything before it again (a quadratic one).
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def repeat(data: bytes, suffix: str, k: int) -> bytes:
    if suffix == ".docx":  # the body's paragraphs and tables k times, the section properties once
        import io
        import zipfile

        src = zipfile.ZipFile(io.BytesIO(data))
        xml = src.read("word/document.xml")
        a, b = xml.find(b"<w:body>") + len(b"<w:body>"), xml.rfind(b"</w:body>")
        last = xml.rfind(b"<w:sectPr", a, b)  # the body's own section properties, when last
        if last != -1 and b"</w:p>" not in xml[last:b] and b"</w:tbl>" not in xml[last:b]:
            b = last
        xml = xml[:a] + xml[a:b] * k + xml[b:]
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
            for info in src.infolist():
                out.writestr(info.filename, xml if info.filename == "word/document.xml" else src.read(info))
        return buf.getvalue()
    if suffix in (".html", ".htm"):
        m = re.search(rb"<body[^>]*>(.*)</body>", data, re.S | re.I)
        if m:
            return data[: m.start(1)] + b"\n".join([m.group(1)] * k) + data[m.end(1) :]
    return b"\n".join([data] * k)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("report", type=Path)
    ap.add_argument("--k", default="1,8,16,32,64")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    from extractor.check import check
    from extractor.extract import extract
    from extractor.pipeline import process, run_stages
    from extractor.read import read_bytes

    if args.report.suffix.lower() == ".pdf":
        sys.exit("txt, md, html or docx: a PDF cannot be repeated by joining its bytes")
    data = args.report.read_bytes()
    process(args.report)  # start-up is not measured
    print(f"{'k':>4} {'chars':>8} {'read':>7} {'structure':>9} {'extract':>8} {'check':>7} {'ms per copy':>12}")
    for k in (int(x) for x in args.k.split(",")):
        blob = repeat(data, args.report.suffix.lower(), k)
        runs = []
        for _ in range(args.rounds):
            t0 = time.perf_counter()
            r = read_bytes(blob, "x" + args.report.suffix, args.report.suffix)
            t1 = time.perf_counter()
            run_stages(r, "structure")
            t2 = time.perf_counter()
            extract(r)
            t3 = time.perf_counter()
            check(r)
            t4 = time.perf_counter()
            runs.append((t1 - t0, t2 - t1, t3 - t2, t4 - t3, len(r.text)))
        med = [statistics.median(x[i] for x in runs) for i in range(4)]
        print(f"{k:4} {runs[0][4]:8} {med[0]:7.3f} {med[1]:9.3f} {med[2]:8.3f} {med[3]:7.3f} "
              f"{1000 * sum(med) / k:12.1f}", flush=True)


if __name__ == "__main__":
    main()
