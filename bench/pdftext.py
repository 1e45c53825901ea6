#!/usr/bin/env python3
"""Reports that reach an auditor as the TEXT someone copied or converted out of a PDF.

    python bench/pdftext.py [--pdfs /tmp/xxgk-pdfs] [--out /tmp/xxgk-pdftext] [--ways a,b]
                            [--kinds pdfium,plumber] [--only x.pdf,y.pdf] [--no-write]
                            [--score] [--issues] [--held-out]

bench/pdfs.py prints the real html/md reports of the corpus into PDFs several ways
(`<pdfs>/<way>/<name>.pdf`, beside a copy of the gold). The tool reads those PDFs well; this
measures what it makes of the text a person gets from them, the kinds of text:

  pdfium          pypdfium2's full text of every page in order, pages joined with a newline: what
                  "select all, copy" in a PDF viewer gives (running headers and footers, page
                  numbers and the cells of a table one per line or several on a line, as the PDF
                  drew them);
  plumber-layout  pdfplumber `extract_text(layout=True)` per page: the page's columns aligned
                  with runs of spaces, as `pdftotext -layout` does;
  plumber         pdfplumber `extract_text()`: one line per visual line, cells split by a space.

Each text is written as `<out>/<way>/<kind>/<name>.txt` (UTF-8), beside a copy of the report's
gold whose "file" names the .txt (score.py finds a report's gold by the "file" field of the gold
files in --gold, and the file itself in --raw; both are this folder). All of it lies outside the
repository. With --score each folder is scored like bench/pdfs.py does (fields exact, wrong values,
claims P/R, files read; with --issues also score.py issues — a batch check per folder) and one
table is printed; --held-out scores the held-out bodies' files (pingtan-gyz, pingtan-lyy) alone
in a second table. Not a test: a measuring instrument (its figures go in the report of a change).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pdfs import ROOT, WAYS, issues_line, row, score, tally

KINDS = ("pdfium", "plumber-layout", "plumber")
HELD_OUT = ("pingtan-gyz-", "pingtan-lyy-")


def pdfium_text(pdf: Path) -> str:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        pages = []
        for i in range(len(doc)):
            page = doc[i]
            tp = page.get_textpage()
            pages.append(tp.get_text_range())
            tp.close()
            page.close()
    finally:
        doc.close()
    return "\n".join(pages)


def _plumber(pdf: Path, layout: bool) -> str:
    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # fonts without a FontBBox: noise, not failure
    with pdfplumber.open(str(pdf)) as doc:
        return "\n".join((p.extract_text(layout=True) if layout else p.extract_text()) or "" for p in doc.pages)


TEXTS: dict[str, Callable[[Path], str]] = {
    "pdfium": pdfium_text,
    "plumber-layout": lambda p: _plumber(p, True),
    "plumber": lambda p: _plumber(p, False),
}


def write(pdfs: Path, out: Path, way: str, kind: str, only: set[str] | None) -> int:
    src = pdfs / way
    folder = out / way / kind
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    n = 0
    for gpath in sorted(src.glob("*.gold.json")):
        g = json.loads(gpath.read_text(encoding="utf-8"))
        pdf = src / g["file"]
        if not pdf.exists() or (only and pdf.name not in only):
            continue
        text = TEXTS[kind](pdf).replace("\r\n", "\n").replace("\r", "\n")
        name = f"{pdf.stem}.txt"
        (folder / name).write_text(text, encoding="utf-8")
        (folder / gpath.name).write_text(json.dumps(dict(g, file=name), ensure_ascii=False, indent=1),
                                         encoding="utf-8")
        n += 1
    return n


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pdfs", type=Path, default=Path(tempfile.gettempdir()) / "xxgk-pdfs",
                    help="bench/pdfs.py's output: <pdfs>/<way>/<name>.pdf and gold copies")
    ap.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "xxgk-pdftext")
    ap.add_argument("--ways", default="chromium-a4,soffice-docx")
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--only", default="", help="PDF file names")
    ap.add_argument("--no-write", action="store_true", help="score the texts already written")
    ap.add_argument("--score", action="store_true", help="fields, claims (and files read) per folder")
    ap.add_argument("--issues", action="store_true", help="with --score: also score.py issues")
    ap.add_argument("--held-out", action="store_true", help="with --score: a second table, held-out bodies only")
    args = ap.parse_args()
    if args.out.resolve().is_relative_to(ROOT):
        sys.exit("--out must lie outside the repository")
    ways = [w for w in args.ways.split(",") if w]
    kinds = [k for k in args.kinds.split(",") if k]
    for w in ways:
        if w not in WAYS:
            sys.exit(f"unknown way {w!r}; the ways: {', '.join(WAYS)}")
    for k in kinds:
        if k not in KINDS:
            sys.exit(f"unknown kind {k!r}; the kinds: {', '.join(KINDS)}")
    only = {s for s in args.only.split(",") if s} or None
    if not args.no_write:
        for w in ways:
            if not (args.pdfs / w).is_dir():
                print(f"{w}: no PDFs in {args.pdfs / w} (run bench/pdfs.py first)")
                continue
            for k in kinds:
                print(f"{w}/{k}: {write(args.pdfs, args.out, w, k, only)} texts", flush=True)
    if not args.score:
        return
    names = {f"{Path(n).stem}.txt" for n in only} if only else None
    tables = [("all", names)]
    if args.held_out:
        held: set[str] = set()
        for w in ways:
            for k in kinds:
                held |= {p.name for p in (args.out / w / k).glob("*.txt") if p.name.startswith(HELD_OUT)}
        if names is not None:
            held &= names
        tables.append(("held-out", held))
    for title, sel in tables:
        print(f"\n{title}:")
        print("| way / kind | files read | fields exact | wrong values | claims P / R | issues found / false errors |")
        print("| --- | --- | --- | --- | --- | --- |")
        for w in ways:
            for k in kinds:
                folder = args.out / w / k
                if not folder.is_dir():
                    continue
                t = tally(folder, sel)
                issues = "-"
                if args.issues:
                    text = score("issues", folder, sel)
                    (args.out / f"{w}.{k}.{title}.issues.txt").write_text(text, encoding="utf-8")
                    issues = issues_line(text)
                print(row(f"{w} / {k}", t, issues), flush=True)


if __name__ == "__main__":
    main()
