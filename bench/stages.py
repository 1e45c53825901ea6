#!/usr/bin/env python3
"""CPU time per stage of the in-process check, per format, beside jieba.lcut of the same text.

    python bench/stages.py [--n 10] [--rounds 5] [--shared ../shared/corpus] [--profile FMT]

For every set (generated txt/md/html/docx, real txt/html/md/docx) prints the median over the rounds
of time.process_time() spent in read, structure, extract (with the prose evidence), check, their
total, jieba.lcut of the text, and total ÷ jieba. CPU time is less sensitive than wall time to the
other processes of a shared machine. `--profile SET` runs cProfile over that set instead and prints
the functions sorted by cumulative time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "corpus" / "tools"))
sys.path.insert(0, str(ROOT / "bench"))  # bench.py: the sets of reports

STAGES = ("read", "structure", "extract", "check")


def sets(n: int, folder: Path, shared: Path) -> dict[str, list[Path]]:
    """bench.py's sets of reports (the same generated ones, the same real ones), without the PDFs:
    these stages are measured against jieba."""
    from bench import sets as all_sets

    return {k: v for k, v in all_sets(n, folder, shared).items() if not k.endswith("-pdf")}


def staged(path: Path) -> dict[str, float]:
    from extractor.check import check
    from extractor.extract import extract
    from extractor.read import read
    from extractor.structure import structure
    from extractor.structure.evidence import Evidence, ambiguous_rows, prose_figures, resolve

    t: dict[str, float] = {}
    c = time.process_time()
    r = read(path)
    t["read"] = time.process_time() - c
    c = time.process_time()
    structure(r)
    t["structure"] = time.process_time() - c
    c = time.process_time()
    extract(r)
    if r.status == "ok" and ambiguous_rows(r):
        resolve(r, Evidence(prose=prose_figures(r)))
    t["extract"] = time.process_time() - c
    c = time.process_time()
    check(r)
    t["check"] = time.process_time() - c
    return t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=10)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--profile", default="")
    ap.add_argument("--only", default="", help="comma-separated sets")
    ap.add_argument("--top", type=int, default=60)
    ap.add_argument("--sample", default="", help="like --profile, with pyinstrument (when importable)")
    args = ap.parse_args()
    import jieba

    from extractor.pipeline import process
    from extractor.read import read

    with tempfile.TemporaryDirectory(prefix="xxgk-stages-") as tmp:
        groups = sets(args.n, Path(tmp), args.shared)
        if args.only:
            groups = {k: v for k, v in groups.items() if k in args.only.split(",")}
        first = next(iter(groups.values()))[0]
        process(first)
        jieba.lcut("预热")
        if args.sample:
            from pyinstrument import Profiler

            files = groups[args.sample]
            sampler = Profiler(interval=0.0002)
            sampler.start()
            for _ in range(args.rounds):
                for f in files:
                    process(f)
            sampler.stop()
            print(sampler.output_text(unicode=True, show_all=False))
            return
        if args.profile:
            import cProfile
            import pstats

            files = groups[args.profile]
            for f in files:
                process(f)
            prof = cProfile.Profile()
            prof.enable()
            for _ in range(args.rounds):
                for f in files:
                    process(f)
            prof.disable()
            pstats.Stats(prof).sort_stats("cumulative").print_stats(args.top)
            return
        print(f"{'set':10} {'files':>5} " + " ".join(f"{s:>9}" for s in STAGES)
              + f" {'total':>9} {'jieba':>9} {'ratio':>6}   (CPU ms per file, median of {args.rounds} rounds)")
        for name, files in groups.items():
            texts = {f: read(f).text for f in files}
            per: dict[str, list[float]] = {s: [] for s in (*STAGES, "total", "jieba")}
            for _ in range(args.rounds):
                acc = dict.fromkeys(STAGES, 0.0)
                tj = 0.0
                for f in files:
                    for s, v in staged(f).items():
                        acc[s] += v
                    c = time.process_time()
                    jieba.lcut(texts[f])
                    tj += time.process_time() - c
                for s in STAGES:
                    per[s].append(1000 * acc[s] / len(files))
                per["total"].append(1000 * sum(acc.values()) / len(files))
                per["jieba"].append(1000 * tj / len(files))
            ratios = [a / b for a, b in zip(per["total"], per["jieba"], strict=True)]
            print(f"{name:10} {len(files):5} " + " ".join(f"{statistics.median(per[s]):9.1f}" for s in STAGES)
                  + f" {statistics.median(per['total']):9.1f} {statistics.median(per['jieba']):9.1f}"
                  + f" {statistics.median(ratios):6.2f}", flush=True)


if __name__ == "__main__":
    main()
