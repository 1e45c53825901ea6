#!/usr/bin/env python3
"""DOCX files as an office writes them, made from the real reports, with their gold beside them.

    python bench/docxs.py [--shared ../shared/corpus] [--out /tmp/xxgk-docx] [--formats html,txt] [--only a.html,b.txt]

Our only real .docx is the blank official form. LibreOffice (`soffice --headless`) opens each real
report (an HTML page keeps its tables: merged cells, nested layout tables; a text file gives
paragraphs) and saves it as Word 2007 XML; beside each X.docx goes X.gold.json, the report's gold
with its "file" renamed. Score them as any folder of reports:

    python /work/shared/tools/score.py fields --raw /tmp/xxgk-docx --tool "python -m extractor.cli"

Writes only into --out (outside the repository); a report already converted is kept.

    python bench/docxs.py --compare OLD_CHECKOUT [--also DIR,DIR]

reads every DOCX there (--out, the --also folders, corpus/reports, the official form) with the DOCX
reader of another checkout (a copy of the code before a change, e.g. `git archive REV | tar -x -C
DIR`) and with this one, file by file in turn, and lists each file whose text, blocks, grids (every
cell), notes or failure differ, with the read time of each: the parity check of a reader change.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

FILTERS = {  # LibreOffice import filter per source format: an HTML page opened in Writer, not Writer/Web
    ".html": "HTML (StarWriter)",
    ".htm": "HTML (StarWriter)",
    ".txt": "Text (encoded):UTF8,LF,,,",
    ".md": "Text (encoded):UTF8,LF,,,",
}


def convert(src: Path, out: Path, timeout: float = 180) -> Path | None:
    """src saved as out/<stem>.docx by LibreOffice (a private profile, so that runs beside an open
    LibreOffice do not collide); None when it could not."""
    target = out / f"{src.stem}.docx"
    if target.exists():
        return target
    with tempfile.TemporaryDirectory(prefix="xxgk-soffice-") as tmp:
        cmd = ["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--norestore",
               f"--infilter={FILTERS[src.suffix.lower()]}", "--convert-to", "docx:MS Word 2007 XML",
               "--outdir", tmp, str(src)]
        try:
            subprocess.run(cmd, check=True, capture_output=True, timeout=timeout)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as e:
            print(f"{src.name}: {type(e).__name__}", file=sys.stderr)
            return None
        made = Path(tmp) / f"{src.stem}.docx"
        if not made.exists():
            print(f"{src.name}: LibreOffice wrote nothing", file=sys.stderr)
            return None
        shutil.move(str(made), target)
    return target


def _reading(mod: object, data: bytes) -> tuple:
    """What a DOCX reader module gives for `data`: everything later stages see, or its failure."""
    from extractor.model import Report

    try:
        r = mod.read_docx(Report(source="x.docx"), data)  # type: ignore[attr-defined]
    except Exception as e:  # a failure is compared too
        return ("raised", type(e).__name__, getattr(e, "code", None), getattr(e, "message", str(e)))
    return (r.text, [(b.kind, b.start, b.end, b.grid) for b in r.blocks], r.notes,
            [(g.index, [[(c.text, c.row, c.col, c.rowspan, c.colspan, c.origin) for c in row] for row in g.rows],
              g.row_spans, g.start, g.end) for g in r.grids])


def compare(old_root: Path, files: list[Path]) -> int:
    """Old reader (from `old_root`) against this one on `files`; the number of files that differ."""
    import importlib.util
    import time

    sys.path.insert(0, str(ROOT))
    from extractor.read import docx as new

    spec = importlib.util.spec_from_file_location("extractor.read.docx_before", old_root / "extractor" / "read" / "docx.py")
    if spec is None or spec.loader is None:
        sys.exit(f"no DOCX reader under {old_root}")
    old = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = old  # its relative imports resolve against this package
    spec.loader.exec_module(old)
    differ = 0
    t_old = t_new = 0.0
    for f in files:
        data = f.read_bytes()
        t = time.perf_counter()
        a = _reading(old, data)
        t_old += time.perf_counter() - t
        t = time.perf_counter()
        b = _reading(new, data)
        t_new += time.perf_counter() - t
        if a != b:
            differ += 1
            print(f"differs: {f}", flush=True)
    n = max(len(files), 1)
    print(f"{len(files)} DOCX, {differ} differ; read {1000 * t_old / n:.2f} ms/file before, {1000 * t_new / n:.2f} after")
    return differ


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--out", type=Path, default=Path("/tmp/xxgk-docx"))
    ap.add_argument("--formats", default="html,txt")
    ap.add_argument("--only", default="", help="comma-separated report file names")
    ap.add_argument("--compare", type=Path, help="a checkout whose DOCX reader this one is compared with")
    ap.add_argument("--also", default="", help="--compare: more folders of DOCX, comma-separated")
    args = ap.parse_args()
    if args.compare:
        folders = [args.out, ROOT / "corpus" / "reports", *(Path(d) for d in args.also.split(",") if d)]
        files = sorted(f for d in folders if d.is_dir() for f in d.glob("*.docx"))
        files += sorted(args.shared.glob("template-*.docx"))
        sys.exit(1 if compare(args.compare, files) else 0)
    if args.out.resolve().is_relative_to(ROOT):
        sys.exit("--out must be outside the repository")
    args.out.mkdir(parents=True, exist_ok=True)
    want = {f".{x.strip().lstrip('.')}" for x in args.formats.split(",")}
    only = set(filter(None, args.only.split(",")))
    done = 0
    for gold_path in sorted(args.shared.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        src = args.shared / gold["file"]
        if src.suffix.lower() not in want or not src.exists() or (only and src.name not in only):
            continue
        docx = convert(src, args.out)
        if docx is None:
            continue
        gold["file"] = docx.name
        (args.out / f"{src.stem}.gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
        done += 1
        print(f"{src.name} -> {docx}", flush=True)
    print(f"{done} reports as DOCX in {args.out}")


if __name__ == "__main__":
    main()
