#!/usr/bin/env python3
"""Speed of reading and extraction, per format, against the bare parse of the same files.

    python bench/bench.py [--n 40] [--pdf-n 8] [--corpus DIR] [--shared ../shared/corpus]

For each format it prints reports per second on one core for
  read     — reading + structure (the three tables mapped to canonical fields),
  extract  — read + prose claims (what `xxgk-audit extract` does),
and the ratio of each to the bare parse of the same files:
  txt/md   — jieba's own segmentation of the text (jieba.lcut),
  html     — lxml parsing the page,
  docx     — unzip + lxml parsing word/document.xml,
  pdf      — pdfplumber's own text and table extraction of every page.
It also prints extraction time against jieba's bare segmentation of the same text (the claims
budget: at most twice). Not a test: numbers depend on the machine; record them, don't assert.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def bare_txt(path: Path) -> None:
    import jieba

    jieba.lcut(path.read_text(encoding="utf-8", errors="replace"))


def bare_html(path: Path) -> None:
    import lxml.html

    lxml.html.document_fromstring(path.read_bytes())


def bare_docx(path: Path) -> None:
    from lxml import etree

    with zipfile.ZipFile(path) as z:
        etree.fromstring(z.read("word/document.xml"))


def bare_pdf(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()


BARE: dict[str, tuple[str, Callable[[Path], None]]] = {
    "txt": ("jieba.lcut", bare_txt),
    "md": ("jieba.lcut", bare_txt),
    "html": ("lxml parse", bare_html),
    "docx": ("unzip+lxml", bare_docx),
    "pdf": ("pdfplumber text+tables", bare_pdf),
}


def timed(fn: Callable[[Path], object], files: list[Path], rounds: int) -> float:
    """Median seconds per file over `rounds` passes."""
    per_pass = []
    for _ in range(rounds):
        t = time.perf_counter()
        for f in files:
            fn(f)
        per_pass.append((time.perf_counter() - t) / len(files))
    return statistics.median(per_pass)


def generate(folder: Path, n: int, pdf_n: int) -> dict[str, list[Path]]:
    from extractor.synth import generate as synth

    synth(folder / "a", n=n, seed=9001, formats=("txt", "md", "html", "docx"))
    out = {fmt: sorted((folder / "a").glob(f"*.{fmt}")) for fmt in ("txt", "md", "html", "docx")}
    if pdf_n:
        try:
            synth(folder / "p", n=pdf_n, seed=9002, formats=("pdf",))
            out["pdf"] = sorted((folder / "p").glob("*.pdf"))
        except Exception as e:  # no LibreOffice here: measure PDFs from the shared corpus only
            print(f"(no generated PDFs: {e})", file=sys.stderr)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=40, help="generated reports per format")
    ap.add_argument("--pdf-n", type=int, default=8, help="generated PDFs (LibreOffice is slow)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "corpus",
                    help="also measure the real reports here, when present")
    args = ap.parse_args()

    from extractor.extract.nlp import segment
    from extractor.pipeline import process

    with tempfile.TemporaryDirectory(prefix="xxgk-bench-") as tmp:
        sets = generate(Path(tmp), args.n, args.pdf_n)
        if args.shared.is_dir():
            for f in sorted(args.shared.iterdir()):
                fmt = f.suffix.lstrip(".")
                if fmt in BARE and not f.name.startswith("template-"):
                    sets.setdefault(f"real-{fmt}", []).append(f)
        # start-up (jieba's dictionary, spaCy, the model) is paid once per process: not measured
        process(next(iter(sets.values()))[0], upto="extract")
        segment("预热")
        print(f"{'set':10} {'files':>5} {'read r/s':>9} {'bare':>24} {'read/bare':>9} "
              f"{'extract r/s':>11} {'extract/bare':>12} {'extract/jieba':>13}")
        for name, files in sets.items():
            if not files:
                continue
            fmt = name.removeprefix("real-")
            bare_name, bare = BARE[fmt]
            rounds = args.rounds
            t_read = timed(lambda f: process(f, upto="structure"), files, rounds)
            t_extract = timed(lambda f: process(f, upto="extract"), files, rounds)
            t_bare = timed(bare, files, rounds)
            texts = {f: process(f, upto="read").text for f in files}
            t_jieba = timed(lambda f, texts=texts: _jieba(texts[f]), files, rounds)
            print(f"{name:10} {len(files):5} {1 / t_read:9.1f} {bare_name + f' {1 / t_bare:.0f}/s':>24} "
                  f"{t_read / t_bare:9.2f} {1 / t_extract:11.1f} {t_extract / t_bare:12.2f} {t_extract / t_jieba:13.2f}")


def _jieba(text: str) -> None:
    import jieba

    jieba.lcut(text)


if __name__ == "__main__":
    main()
