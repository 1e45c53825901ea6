#!/usr/bin/env python3
"""Speed and memory where a person waits and where a province runs, in one interleaved run.

    python bench/bench.py [--n 10] [--rounds 5] [--whole-runs 7] [--source] [--batch-n 200] [--batch-rounds 3]
                          [--file REPORT] [--shared ../shared/corpus]

Prints, each as the median over the rounds with its range (min–max):
  1. per format, the in-process check (read → structure → extract → rules) of every file against
     its yardstick, the two timed in turn file by file, round after round:
       txt / md / html / docx — jieba.lcut of the same text (the segmentation the claims need),
       pdf                    — pdfplumber's own text and table extraction of every page;
  2. the whole process for one report, `xxgk-audit check FILE` (python -m extractor.cli), against
     the jieba one-liner on the same file (`python -c "import jieba; jieba.lcut(open(FILE).read())"`),
     run in turn A B A B …, with the ratio pair by pair: wall time, and the CPU time (user + system)
     of the whole process tree — on a busy machine the wall time measures the neighbours too; the
     package byte-compiled first, as installed (`--source`: not);
  3. a batch of generated reports with 1 worker and with 2, in turn, with reports per second, the
     speed-up, and the peak memory of the whole process tree (PSS: shared pages split between the
     processes; bench/batch.py samples it); beside it, round by round, the machine's own ceiling
     (the bare per-file work in 1 process and in N forked ones) and the speed-up as a share of it;
  4. the prose model's leave-one-body-out figures, when bench/lobo.py is there.
The machine's load average is printed before and after: these machines are shared, so quote the
medians and ratios, not one run. Not a test: record the figures, don't assert them.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "corpus" / "tools"))  # the report generator (development package)
sys.path.insert(0, str(ROOT / "bench"))

FORMATS = ("txt", "md", "html", "docx", "pdf")
JIEBA_ONE_LINER = "import jieba,sys; jieba.lcut(open(sys.argv[1], encoding='utf-8', errors='replace').read())"


def spread(xs: list[float], fmt: str = "{:.2f}") -> str:
    return f"{fmt.format(statistics.median(xs))} ({fmt.format(min(xs))}–{fmt.format(max(xs))})"


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


# ---------------------------------------------------------------- 1. in process, per format


def pdfplumber_pass(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()


def sets(n: int, folder: Path, shared: Path) -> dict[str, list[Path]]:
    from xxgk_synth import generate

    out: dict[str, list[Path]] = {}
    if n:
        generate(folder, n=n, seed=9001, formats=("txt", "md", "html", "docx"))
        for fmt in ("txt", "md", "html", "docx"):
            out[f"gen-{fmt}"] = sorted(folder.glob(f"*.{fmt}"))
    out["gen-pdf"] = sorted((ROOT / "corpus" / "reports").glob("*.pdf"))  # shipped; LibreOffice is not needed
    if shared.is_dir():
        for f in sorted(shared.iterdir()):
            fmt = f.suffix.lstrip(".")
            if fmt in FORMATS and not f.name.startswith("template-"):
                out.setdefault(f"real-{fmt}", []).append(f)
    return {k: v for k, v in out.items() if v}


def in_process(groups: dict[str, list[Path]], rounds: int) -> None:
    import jieba

    from extractor.pipeline import process

    print(f"\n1. in-process check ÷ yardstick per format ({rounds} rounds, file by file in turn; {load()})")
    print(f"{'set':10} {'files':>5} {'yardstick':>24} {'check ms/file':>14} {'ratio: median (range)':>24}")
    first = next(iter(groups.values()))[0]
    process(first)  # start-up (jieba, spaCy, catalogue) is paid once per process: measured in 2.
    jieba.lcut("预热")
    for name, files in groups.items():
        fmt = name.split("-", 1)[1]
        if fmt == "pdf":
            label = "pdfplumber text+tables"
            bare: Callable[[Path], object] = pdfplumber_pass
        else:
            label = "jieba.lcut of its text"
            texts = {f: process(f, upto="read").text for f in files}
            bare = lambda f, texts=texts: jieba.lcut(texts[f])  # noqa: E731
        ratios, per_file = [], []
        for _ in range(rounds):
            t_tool = t_bare = 0.0
            for f in files:
                t = time.perf_counter()
                process(f)
                t_tool += time.perf_counter() - t
                t = time.perf_counter()
                bare(f)
                t_bare += time.perf_counter() - t
            ratios.append(t_tool / t_bare)
            per_file.append(1000 * t_tool / len(files))
        print(f"{name:10} {len(files):5} {label:>24} {statistics.median(per_file):14.1f} {spread(ratios):>24}",
              flush=True)


# ---------------------------------------------------------------- 2. the whole process


def _subreaper(on: bool) -> bool:
    """Makes this process the reaper of its orphaned descendants (Linux), so that the CPU time of a
    command's whole process tree — a fork server, and the workers it forks, outlive the command's
    own wait — is counted in this process's RUSAGE_CHILDREN once they are reaped here."""
    try:
        import ctypes

        return ctypes.CDLL(None, use_errno=True).prctl(36, int(on), 0, 0, 0) == 0  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        return False


def _reap(deadline_s: float = 10.0) -> None:
    """Waits for the orphans adopted while the command ran (they end once its pipes close)."""
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        try:
            pid, _status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            time.sleep(0.005)


def timed(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds — user + system — of the command's whole process tree)."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - t
    _reap()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _bytecode(compiled: bool) -> str:
    """The package's modules compiled to bytecode, as installing the wheel does (pip compiles them);
    a checkout run with PYTHONDONTWRITEBYTECODE=1 would otherwise compile every module from source
    in every run (some 0.12 s of CPU), which an installed `xxgk-audit` never does."""
    if not compiled:
        import shutil

        for cache in (ROOT / "extractor").rglob("__pycache__"):
            shutil.rmtree(cache, ignore_errors=True)
        if os.environ.get("PYTHONDONTWRITEBYTECODE"):
            return "modules compiled from source in every run (--source, PYTHONDONTWRITEBYTECODE set)"
        return "--source, but PYTHONDONTWRITEBYTECODE is not set: the warm-up run writes the bytecode"
    import compileall

    compileall.compile_dir(str(ROOT / "extractor"), quiet=1)
    return "modules byte-compiled beforehand, as a wheel install does"


def whole_process(path: Path, runs: int, compiled: bool = True) -> None:
    a = [sys.executable, "-m", "extractor.cli", "check", str(path)]
    b = [sys.executable, "-c", JIEBA_ONE_LINER, str(path)]
    how = _bytecode(compiled)
    tree = _subreaper(True)
    print(f"\n2. whole process, one report ({path.name}, {len(path.read_bytes())} bytes), {runs} pairs in turn "
          f"after a warm-up ({load()}); CPU = user+sys of the whole process tree"
          + ("" if tree else " (no subreaper here: the tool's fork server is not counted)") + f"; {how}")
    ta, tb, ca, cb = [], [], [], []
    try:
        for k in range(runs + 1):
            for cmd, wall, cpu in ((a, ta, ca), (b, tb, cb)):
                w, c = timed(cmd)
                if k:
                    wall.append(w)
                    cpu.append(c)
    finally:
        if tree:
            _subreaper(False)
    print(f"   xxgk-audit check FILE   wall s {spread(ta)}   cpu s {spread(ca)}")
    print(f"   jieba one-liner         wall s {spread(tb)}   cpu s {spread(cb)}")
    print(f"   check ÷ one-liner       {spread([x / y for x, y in zip(ta, tb, strict=True)])}"
          f"   cpu {spread([x / y for x, y in zip(ca, cb, strict=True)])}")


# ---------------------------------------------------------------- 3. a batch


def batch(n: int, rounds: int) -> None:
    import batch as batchbench

    cores = len(os.sched_getaffinity(0))
    counts = sorted({1, 2, cores})
    folder = Path(tempfile.gettempdir()) / "xxgk-bench" / f"n{n}"
    files = batchbench.corpus(folder, n, 0)
    print(f"\n3. batch of {len(files)} generated reports, workers {counts} in turn, {rounds} rounds ({load()})")
    out = Path(tempfile.mkdtemp(prefix="xxgk-bench-out-"))
    rows: dict[int, list[dict[str, float]]] = {w: [] for w in counts}
    ceilings: list[float] = []
    for _ in range(rounds):
        for w in counts:
            rows[w].append(batchbench.run_check(folder, w, out / f"w{w}"))
        if cores > 1:
            ceilings.append(ceiling(files[:CEILING_FILES], cores))
    for w in counts:
        rs = rows[w]
        print(f"   {w} worker{'s' if w > 1 else ' '}  reports/s {spread([r['rps'] for r in rs], '{:.1f}')}  "
              f"peak PSS tree MB {spread([r['pss'] for r in rs], '{:.0f}')}  "
              f"peak RSS tree MB {spread([r['rss'] for r in rs], '{:.0f}')}")
    for w in counts[1:]:
        ups = [x["rps"] / y["rps"] for x, y in zip(rows[w], rows[1], strict=True)]
        print(f"   speed-up 1 → {w} workers  {spread(ups)}")
    if ceilings:
        ups = [x["rps"] / y["rps"] for x, y in zip(rows[cores], rows[1], strict=True)]
        print(f"   the machine's ceiling, same rounds: the bare per-file work (read + rules, no pool, store or "
              f"output) of {min(len(files), CEILING_FILES)} of the files in 1 process, then in {cores} forked "
              f"ones  {spread(ceilings)}; the batch's speed-up ÷ the ceiling, round by round  "
              f"{spread([u / c for u, c in zip(ups, ceilings, strict=True)])}")
    subprocess.run(["rm", "-rf", str(out)], check=False)


CEILING_FILES = 200


def ceiling(files: list[Path], cores: int) -> float:
    """The most `cores` processes give on this machine now: bench/batch.py's `ceiling` (the bare
    per-file work in one process, then in `cores` processes forked from a warm one), in a process of
    its own so that this one stays cold."""
    code = ("import sys; sys.path[:0] = sys.argv[1:3]; import batch; from pathlib import Path; "
            "one, many = batch.ceiling([Path(p) for p in sys.argv[4:]], int(sys.argv[3])); print(many / one)")
    p = subprocess.run([sys.executable, "-c", code, str(ROOT), str(ROOT / "bench"), str(cores), *map(str, files)],
                       capture_output=True, text=True, cwd=ROOT, check=True)
    return float(p.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------- 4. the model's figures


def lobo(shared: Path) -> None:
    hook = ROOT / "bench" / "lobo.py"
    if not hook.exists():
        print("\n4. prose model, leave one body out: bench/lobo.py not present")
        return
    print("\n4. prose model, leave one body out (bench/lobo.py)", flush=True)
    subprocess.run([sys.executable, str(hook), str(shared)], cwd=ROOT, check=False)


def default_file(shared: Path) -> Path:
    if shared.is_dir():
        txts = [p for p in shared.glob("*.txt") if not p.name.startswith("template-")]
        if txts:
            return max(txts, key=lambda p: p.stat().st_size)
    return ROOT / "corpus" / "reports" / "synth-0001.txt"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=10, help="generated reports per format (txt, md, html, docx)")
    ap.add_argument("--rounds", type=int, default=5, help="rounds of the in-process comparison")
    ap.add_argument("--whole-runs", type=int, default=7, help="pairs of whole-process runs")
    ap.add_argument("--file", type=Path, help="the report for the whole-process figure (default: the longest real .txt)")
    ap.add_argument("--source", action="store_true",
                    help="whole process: leave the modules uncompiled (not as installed: each run compiles them)")
    ap.add_argument("--batch-n", type=int, default=1000, help="reports in the batch (0: no batch figure; issue 14 measures 1,000)")
    ap.add_argument("--batch-rounds", type=int, default=5)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "corpus",
                    help="the real reports, measured too when present")
    ap.add_argument("--skip", default="", help="parts to leave out, e.g. 1,3")
    args = ap.parse_args()
    skip = set(args.skip.split(","))
    print(f"machine: {len(os.sched_getaffinity(0))} cores; Python {sys.version.split()[0]}; {load()}")
    with tempfile.TemporaryDirectory(prefix="xxgk-bench-") as tmp:
        if "1" not in skip:
            in_process(sets(args.n, Path(tmp), args.shared), args.rounds)
        if "2" not in skip:
            whole_process(args.file or default_file(args.shared), args.whole_runs, not args.source)
        if "3" not in skip and args.batch_n:
            batch(args.batch_n, args.batch_rounds)
        if "4" not in skip:
            lobo(args.shared)
    print(f"\nend: {load()}")


if __name__ == "__main__":
    main()
