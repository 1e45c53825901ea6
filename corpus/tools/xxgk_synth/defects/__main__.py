"""Write a gallery of every known defect: each as a defective report and its clean twin.

    python -m xxgk_synth.defects OUT [--only NAME,...] [--formats txt,html,docx,pdf]

OUT/<defect>/defective/ holds the report with the defect (and the partner reports a cross-report
defect needs), OUT/<defect>/clean/ its twin; each report comes with its truth file. OUT/defects.csv
lists each defect, the rule codes that must find it, and what is wrong. Run `xxgk-audit check` on
a folder to see the finding, e.g. `xxgk-audit check OUT/section_missing/defective`.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Sequence
from pathlib import Path

from ..corpus import write
from ..render import FORMATS
from . import REGISTRY

SEEDS = range(1, 200)


def first_seed(name: str) -> int | None:
    return next((s for s in SEEDS if REGISTRY[name].make(s, True) is not None), None)


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m xxgk_synth.defects", description=__doc__.split("\n\n")[0])
    p.add_argument("outdir", type=Path)
    p.add_argument("--only", default="", help="comma-separated defect names (default: all)")
    p.add_argument("--formats", default="txt", help=f"comma-separated, of {','.join(FORMATS)}")
    args = p.parse_args(argv)
    names = [n for n in args.only.split(",") if n] or sorted(REGISTRY)
    formats = [f for f in args.formats.split(",") if f]
    bad = [n for n in names if n not in REGISTRY] + [f for f in formats if f not in FORMATS]
    if bad:
        p.error(f"unknown {bad}; defects: {','.join(sorted(REGISTRY))}; formats: {','.join(FORMATS)}")
    rows = []
    for name in names:
        defect = REGISTRY[name]
        seed = first_seed(name)
        if seed is None:
            print(f"{name}: no seed below {SEEDS.stop} carries it", file=sys.stderr)
            continue
        fmts = [f for f in formats if f in defect.formats]
        for tag, defective in (("defective", True), ("clean", False)):
            specs = defect.make(seed, defective)
            assert specs is not None
            write(specs, args.outdir / name / tag, formats=fmts)
        rows.append([name, " ".join(sorted(defect.codes)), seed, defect.summary, f"{name}/defective", f"{name}/clean"])
        print(name, " ".join(sorted(defect.codes)), seed)
    args.outdir.mkdir(parents=True, exist_ok=True)
    with open(args.outdir / "defects.csv", "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["defect", "codes", "seed", "summary", "defective", "clean"])
        w.writerows(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
