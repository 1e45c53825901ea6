#!/usr/bin/env python3
"""Batch throughput and memory: `check` over thousands of generated reports, 1 worker against N.

    python bench/batch.py [--n 10000] [--small 100] [--pdf 20] [--workers 1,2] [--corpus DIR] [--keep]

1. Generates N reports (one file each, formats in turn: txt, md, html, docx; plus `--pdf` PDFs made
   with LibreOffice when it is installed) into `--corpus` (reused when already there), and a folder
   with the first `--small` of them.
2. Runs `xxgk-audit check FOLDER --output-dir OUT` (per-report issue lists, summary, store: what
   an auditor runs) with each `--workers` value, on the small folder and on the whole corpus, and
   samples the memory of the whole process tree (the command, its fork server, its workers) every
   0.1 s from /proc: the peak of the summed RSS (shared pages counted once per process: an upper
   bound) and of the summed PSS (shared pages split between the processes: what the tree really
   holds), and the peak RSS of the command itself.
3. Prints reports per second, the peaks, and the speed-up of each worker count over one worker;
   and, for scale, the machine's own ceiling: the same per-file work (read + rules) in N
   independent processes against one, with no pool, store or output at all.

Not a test: the numbers depend on the machine and what else runs on it; record them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "corpus" / "tools"))  # the report generator (development package)

FORMATS = ("txt", "md", "html", "docx")


# ---------------------------------------------------------------- the corpus


def _render(job: tuple[int, int, str]) -> int:
    import random

    from xxgk_synth import random_report, render_bytes, render_options

    start, count, folder = job
    for k in range(start, start + count):
        spec = random_report(random.Random(2024 * 100_003 + k).randrange(2**31), name=f"r{k:05d}")
        fmt = FORMATS[k % len(FORMATS)]
        (Path(folder) / f"r{k:05d}.{fmt}").write_bytes(render_bytes(spec, fmt, render_options(k)))
    return count


def corpus(folder: Path, n: int, pdf: int) -> list[Path]:
    stamp = folder / ".complete"
    if stamp.exists() and stamp.read_text() == f"{n} {pdf}":
        return sorted(p for p in folder.iterdir() if not p.name.startswith("."))
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    t = time.perf_counter()
    n_text = n - pdf if shutil.which("soffice") else n
    step = 500
    with ProcessPoolExecutor(max_workers=os.cpu_count()) as pool:
        list(pool.map(_render, [(s, min(step, n_text - s), str(folder)) for s in range(0, n_text, step)]))
    if n_text < n:
        from xxgk_synth.corpus import specs, write

        made = write(specs(n=pdf, seed=99, prefix="p"), folder, ["pdf"])
        for w in made:
            for fmt, p in w.files.items():
                if fmt != "pdf":
                    p.unlink()
            if w.gold is not None:
                w.gold.unlink()
    stamp.write_text(f"{n} {pdf}")
    files = sorted(p for p in folder.iterdir() if not p.name.startswith("."))
    print(f"generated {len(files)} files in {time.perf_counter() - t:.0f}s → {folder}")
    return files


def subset(files: list[Path], folder: Path, k: int) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    step = max(1, len(files) // k) | 1  # odd: the formats come in turn, so every one is among them
    for p in files[::step][:k]:
        os.link(p, folder / p.name)
    return folder


# ---------------------------------------------------------------- memory of a process tree


def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat", "rb") as fh:
                ppid = int(fh.read().rsplit(b")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        kids.setdefault(ppid, []).append(int(d))
    return kids


def _tree(pid: int) -> list[int]:
    kids = _children()
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(kids.get(p, []))
    return out


def _kb(path: str, key: bytes) -> int:
    try:
        with open(path, "rb") as fh:
            for line in fh:
                if line.startswith(key):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


class Sampler(threading.Thread):
    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.rss = self.pss = self.main = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            pids = _tree(self.pid)
            rss = sum(_kb(f"/proc/{p}/status", b"VmRSS:") for p in pids)
            pss = sum(_kb(f"/proc/{p}/smaps_rollup", b"Pss:") for p in pids)
            self.rss, self.pss = max(self.rss, rss), max(self.pss, pss)
            self.main = max(self.main, _kb(f"/proc/{self.pid}/status", b"VmRSS:"))
            self.stop.wait(0.1)


def run_check(folder: Path, workers: int, out: Path) -> dict[str, float]:
    shutil.rmtree(out, ignore_errors=True)
    n = sum(1 for p in folder.iterdir() if not p.name.startswith("."))
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "extractor.cli", "check", str(folder), "--output-dir", str(out),
                             "--workers", str(workers)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)
    sampler = Sampler(proc.pid)
    sampler.start()
    _out, err = proc.communicate()
    sampler.stop.set()
    sampler.join()
    secs = time.perf_counter() - t
    phases = [ln for ln in err.splitlines() if "用时" in ln]
    return {"files": n, "workers": workers, "seconds": secs, "rps": n / secs, "rss": sampler.rss / 1024,
            "pss": sampler.pss / 1024, "main": sampler.main / 1024, "code": proc.returncode,
            "phases": " | ".join(p.split("  ")[0] + " " + p.rsplit("用时", 1)[1].strip() for p in phases)}


# ---------------------------------------------------------------- the machine's ceiling


def _bare(files: list[str]) -> float:
    from extractor.batch.work import read_and_check

    t = time.perf_counter()
    for f in files:
        read_and_check(f, f)
    return time.perf_counter() - t


def ceiling(files: list[Path], workers: int) -> tuple[float, float]:
    """Reports/s of the bare per-file work in one process, and in `workers` independent processes
    forked from a warm, frozen parent (the most the machine gives)."""
    import gc

    from extractor.batch import warm  # noqa: F401  (warms this process)

    names = [str(f) for f in files]
    gc.collect()
    gc.freeze()
    one = len(names) / _bare(names)
    t = time.perf_counter()
    pids = []
    for _k in range(workers):
        pid = os.fork()
        if pid == 0:
            _bare(names)
            os._exit(0)
        pids.append(pid)
    for pid in pids:
        os.waitpid(pid, 0)
    return one, workers * len(names) / (time.perf_counter() - t)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--small", type=int, default=100)
    ap.add_argument("--pdf", type=int, default=20)
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--corpus", type=Path, default=Path(tempfile.gettempdir()) / "xxgk-bench")
    ap.add_argument("--keep", action="store_true", help="keep the output folders")
    ap.add_argument("--runs", default="small,full", help="which folders to check: small, full or both")
    args = ap.parse_args()
    cores = len(os.sched_getaffinity(0))
    workers = [int(w) for w in args.workers.split(",")]
    if cores not in workers:
        workers.append(cores)  # the default: all cores
    print(f"machine: {cores} cores; load average {os.getloadavg()[0]:.2f}; Python {sys.version.split()[0]}")
    files = corpus(args.corpus / f"n{args.n}", args.n, args.pdf)
    small = subset(files, args.corpus / f"small{args.small}", args.small)
    work = Path(tempfile.mkdtemp(prefix="xxgk-bench-out-"))
    rows = []
    folders = {"small": small, "full": args.corpus / f"n{args.n}"}
    for folder in (folders[r] for r in args.runs.split(",")):
        for w in workers:
            r = run_check(folder, w, work / f"{folder.name}-w{w}")
            rows.append(r)
            print(f"{r['files']:>6} files  workers {w}  {r['seconds']:7.1f}s  {r['rps']:6.1f} reports/s  "
                  f"peak RSS tree {r['rss']:6.0f} MB  PSS tree {r['pss']:6.0f} MB  command {r['main']:5.0f} MB  "
                  f"[{r['phases']}] exit {r['code']}", flush=True)
    print()
    for n in sorted({r["files"] for r in rows}):
        base = next(r for r in rows if r["files"] == n and r["workers"] == 1)
        for r in rows:
            if r["files"] == n and r["workers"] != 1:
                print(f"{n:>6} files: {r['workers']} workers / 1 worker = {r['rps'] / base['rps']:.2f}x")
    sample = files[:: max(1, len(files) // 200) | 1][:200]
    one, many = ceiling(sample, cores)
    print(f"machine ceiling (bare read + rules, {len(sample)} files, no pool/store/output): 1 process "
          f"{one:.1f} reports/s, {cores} processes {many:.1f} reports/s = {many / one:.2f}x")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    else:
        print(f"outputs kept in {work}")


if __name__ == "__main__":
    main()
