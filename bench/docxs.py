#!/usr/bin/env python3
"""DOCX files as an office writes them, made from the real reports, with their gold beside them.

    python bench/docxs.py [--shared ../shared/corpus] [--out /tmp/xxgk-docx] [--formats html,txt] [--only a.html,b.txt]

Our only real .docx is the blank official form. LibreOffice (`soffice --headless`) opens each real
report (an HTML page keeps its tables: merged cells, nested layout tables; a text file gives
paragraphs) and saves it as Word 2007 XML; beside each X.docx goes X.gold.json, the report's gold
with its "file" renamed. Score them as any folder of reports:

    python /work/shared/tools/score.py fields --raw /tmp/xxgk-docx --tool "python -m extractor.cli"

Writes only into --out (outside the repository); a report already converted is kept.
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--out", type=Path, default=Path("/tmp/xxgk-docx"))
    ap.add_argument("--formats", default="html,txt")
    ap.add_argument("--only", default="", help="comma-separated report file names")
    args = ap.parse_args()
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
