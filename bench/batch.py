#!/usr/bin/env python3
"""Batch throughput and memory: `check` over thousands of generated reports, 1 worker against N.

    python bench/batch.py [--n 10000] [--small 100] [--pdf 20] [--workers 1,2] [--corpus DIR] [--keep]
    python bench/batch.py --folders A,B --format jsonl --workers 2 --no-ceiling [--timeline]

1. Generates N reports (one file each, formats in turn: txt, md, html, docx; plus `--pdf` PDFs made
   with LibreOffice when it is installed) into `--corpus` (reused when already there), and a folder
   with the first `--small` of them.
2. Runs `xxgk-audit check FOLDER --output-dir OUT` (per-report issue lists, summary, store: what
   an auditor runs) with each `--workers` value, on the small folder and on the whole corpus, and
   samples the memory of the whole process tree (the command, its fork server, its workers) every
   0.5 s from /proc: the peak of the summed RSS (shared pages counted once per process: an upper
   bound) and of the summed PSS (shared pages split between the processes: what the tree really
   holds), and the peak RSS of the command itself.
   It also samples each process's CPU (/proc/<pid>/schedstat: on a CPU, waiting for one, asleep):
   the parent's CPU per file against the workers' — with as many workers as cores, what the parent
   spends comes out of the workers' share, so it bounds the speed-up whatever else runs on the
   machine — and how long the workers slept waiting for work (`--timeline`: CPU by role, per second).
3. Prints reports per second, the peaks, and the speed-up of each worker count over one worker;
   and, for scale, the machine's own ceiling: the same per-file work (read + rules) in N
   independent processes against one, with no pool, store or output at all.

Not a test: the numbers depend on the machine and what else runs on it; record them.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


def _kids(pid: int) -> list[int] | None:
    """A process's children from /proc/<pid>/task/*/children (a few reads, where the kernel has
    it), or None: the sampler must not take, on a machine it measures, the CPU of listing all /proc."""
    out: list[int] = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children", "rb") as fh:
                out.extend(int(x) for x in fh.read().split())
    except FileNotFoundError:
        return [] if not os.path.exists(f"/proc/{pid}") else None
    except (OSError, ValueError):
        return []
    return out


def _tree(pid: int) -> list[int]:
    if os.path.exists(f"/proc/{pid}/task/{pid}/children"):
        out, todo = [], [pid]
        while todo:
            p = todo.pop()
            out.append(p)
            found = _kids(p)
            if found is None:
                break
            todo.extend(found)
        else:
            return out
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


def _stat(pid: int) -> tuple[int, float] | None:
    """(parent pid, user + system CPU seconds) of a process, from /proc/<pid>/stat."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            rest = fh.read().rsplit(b")", 1)[1].split()
        return int(rest[1]), (int(rest[11]) + int(rest[12])) / _TICK
    except (OSError, ValueError, IndexError):
        return None


def _schedstat(pid: int) -> tuple[float, float]:
    """(seconds on a CPU, seconds runnable but waiting for one) of a process (/proc/<pid>/schedstat)."""
    try:
        with open(f"/proc/{pid}/schedstat", "rb") as fh:
            run, wait = fh.read().split()[:2]
        return int(run) / 1e9, int(wait) / 1e9
    except (OSError, ValueError):
        return 0.0, 0.0


def _role(pid: int, main: int, ppid: int, roles: dict[int, str]) -> str:
    """main (the command), forkserver (a child of the command; workers are forked from it and keep its
    command line), worker, tracker (multiprocessing's resource tracker) or other."""
    if pid == main:
        return "main"
    if roles.get(ppid) == "forkserver":
        return "worker"
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            cmd = fh.read()
    except OSError:
        cmd = b""
    if b"resource_tracker" in cmd:
        return "tracker"
    if b"forkserver" in cmd and ppid == main:
        return "forkserver"
    return "worker" if ppid == main else "other"


_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


@dataclass
class Proc:
    role: str
    first: float  # wall clock when first seen
    last: float = 0.0  # wall clock when last seen
    cpu: float = 0.0  # seconds on a CPU (schedstat), as last seen
    queued: float = 0.0  # seconds runnable, waiting for a CPU (the machine busy), as last seen
    cpu0: float = 0.0  # CPU seconds it had when first seen (a worker forked from the warm fork server: 0)

    @property
    def idle(self) -> float:
        """Seconds it slept: neither on a CPU nor waiting for one (a worker: waiting for work)."""
        return max(0.0, self.last - self.first - (self.cpu - self.cpu0) - self.queued)


class Sampler(threading.Thread):
    """Samples the process tree of a command every `every` seconds: the peaks of its memory (summed
    RSS and PSS) and, per process, CPU time and time asleep (/proc/<pid>/schedstat: on a CPU, waiting
    for one; the rest of its life it slept — for a worker, waiting for work)."""

    def __init__(self, pid: int, every: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.every = every
        self.rss = self.pss = self.main = 0
        self.procs: dict[int, Proc] = {}
        self.stop = threading.Event()
        self.first_worker: float | None = None  # when the first worker appeared
        self.main_cpu_at_start = 0.0  # the command's CPU seconds when the first worker appeared
        self.t0 = time.perf_counter()
        self.pss_one: dict[str, int] = {}  # role → the peak PSS of one process of it (KB)
        self.timeline: list[tuple[float, dict[str, float]]] = []  # (seconds since start, CPU s by role)

    def run(self) -> None:
        k = 0
        while not self.stop.is_set():
            now = time.perf_counter()
            pids = _tree(self.pid)
            roles = {p: x.role for p, x in self.procs.items()}
            for p in pids:
                st = _stat(p)
                if st is None:
                    continue
                run, queued = _schedstat(p)
                x = self.procs.get(p)
                if x is None:
                    x = self.procs[p] = Proc(_role(p, self.pid, st[0], roles), now, cpu0=run)
                elif st[0] == self.pid and x.role != "forkserver":  # seen between its fork and its exec
                    x.role = _role(p, self.pid, st[0], roles)
                elif roles.get(st[0]) == "forkserver":
                    x.role = "worker"
                roles[p] = x.role
                if x.role == "worker" and self.first_worker is None:
                    self.first_worker = now
                    self.main_cpu_at_start = self.procs[self.pid].cpu if self.pid in self.procs else 0.0
                x.last, x.cpu, x.queued = now, run, queued
            self.timeline.append((now - self.t0, self.cpu()))
            # memory every 0.5 s: reading a process's smaps_rollup walks its page tables under its
            # memory lock (~1-2 ms each); ten times a second for four processes it took 4-8% of a
            # core from the two workers it measured (speed-up 1.80 unsampled, 1.70 sampled). The
            # batch's memory is flat, so the peak is not missed at this rate.
            if k % 10 == 0:
                rss = sum(_kb(f"/proc/{p}/status", b"VmRSS:") for p in pids)
                each = {p: _kb(f"/proc/{p}/smaps_rollup", b"Pss:") for p in pids}
                pss = sum(each.values())
                self.rss, self.pss = max(self.rss, rss), max(self.pss, pss)
                for p, kb in each.items():  # the largest single worker, and the command itself
                    role = roles.get(p)
                    if role in ("worker", "main"):
                        self.pss_one[role] = max(self.pss_one.get(role, 0), kb)
                self.main = max(self.main, _kb(f"/proc/{self.pid}/status", b"VmRSS:"))
            k += 1
            self.stop.wait(self.every)

    def cpu(self) -> dict[str, float]:
        """CPU seconds by role; the workers' time asleep and alive (seconds, summed over workers)."""
        out: dict[str, float] = {"main": 0.0, "forkserver": 0.0, "worker": 0.0, "idle": 0.0, "alive": 0.0,
                                 "queued": 0.0, "workers": 0}
        for x in self.procs.values():
            key = x.role if x.role in out else "forkserver"
            out[key] += x.cpu - (x.cpu0 if x.role == "worker" else 0.0)
            if x.role == "worker":
                out["idle"] += x.idle
                out["alive"] += x.last - x.first
                out["queued"] += x.queued
                out["workers"] += 1
        return out


_WRAP = """import atexit, json, resource, runpy, sys
def _dump():
    r = resource.getrusage(resource.RUSAGE_SELF)
    with open({path!r}, "w") as fh:
        json.dump([r.ru_utime + r.ru_stime, r.ru_maxrss], fh)
atexit.register(_dump)
sys.argv = ["xxgk-audit", *sys.argv[1:]]
runpy.run_module("extractor.cli", run_name="__main__", alter_sys=True)
"""


def run_check(folder: Path, workers: int, out: Path, fmt: str | None = None) -> dict[str, Any]:
    """`check FOLDER` with `workers`: with `--output-dir out` (what an auditor runs), or, with `fmt`,
    `--format fmt` to /dev/null and no OUT (the store a temporary one)."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)
    n = sum(1 for p in folder.iterdir() if not p.name.startswith("."))
    usage = out / "rusage.json"
    args = ["check", str(folder), "--workers", str(workers)]
    args += ["--format", fmt] if fmt else ["--output-dir", str(out / "OUT")]
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", _WRAP.format(path=str(usage)), *args], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    sampler = Sampler(proc.pid)
    sampler.start()
    _out, err = proc.communicate()
    sampler.stop.set()
    sampler.join()
    secs = time.perf_counter() - t
    cpu = sampler.cpu()
    try:
        main_cpu = float(json.loads(usage.read_text())[0])  # exact: the command's own, at exit
    except (OSError, ValueError, IndexError):
        main_cpu = cpu["main"]
    startup = sampler.main_cpu_at_start
    phases = [ln for ln in err.splitlines() if "用时" in ln]
    return {"files": n, "workers": workers, "seconds": secs, "rps": n / secs, "rss": sampler.rss / 1024,
            "pss": sampler.pss / 1024, "main": sampler.main / 1024, "code": proc.returncode,
            "pss_worker": sampler.pss_one.get("worker", 0) / 1024, "pss_main": sampler.pss_one.get("main", 0) / 1024,
            "main_cpu": main_cpu, "main_startup": startup, "main_per_file": (main_cpu - startup) / max(n, 1),
            "worker_cpu": cpu["worker"], "worker_per_file": cpu["worker"] / max(n, 1),
            "forkserver_cpu": cpu["forkserver"], "idle": cpu["idle"], "alive": cpu["alive"], "queued": cpu["queued"],
            "n_workers": cpu["workers"], "first_worker": (sampler.first_worker or t) - t,
            "timeline": timeline(sampler), "err": err[-2000:] if proc.returncode not in (0, 1) else "",
            "phases": " | ".join(p.split("  ")[0] + " " + p.rsplit("用时", 1)[1].strip() for p in phases)}


def timeline(sampler: Sampler, step: float = 1.0) -> str:
    """CPU seconds used in each `step` of wall time, by role: where only one core worked."""
    lines, last, t_next = [], {"main": 0.0, "forkserver": 0.0, "worker": 0.0}, step
    for t, c in sampler.timeline:
        if t >= t_next:
            lines.append(f"{t_next - step:6.1f}s  parent {c['main'] - last['main']:4.2f}  "
                         f"forkserver {c['forkserver'] - last['forkserver']:4.2f}  "
                         f"workers {c['worker'] - last['worker']:4.2f}  ({int(c['workers'])} so far)")
            last = dict(c)
            t_next += step
    return "\n".join(lines)


def describe(r: dict[str, Any]) -> str:
    """One line: throughput, memory, and where the CPU went (the parent's share per file bounds the
    speed-up on a machine with as many cores as workers)."""
    share = r["main_per_file"] / r["worker_per_file"] if r["worker_per_file"] else 0.0
    idle = r["idle"] / r["alive"] if r["alive"] else 0.0
    # with as many workers as cores, the parent's CPU comes out of the workers' share: the most
    # n workers can give over one is n / (1 + parent/workers), less the time they sleep
    bound = r["workers"] / (1 + share) * (1 - idle) if r["workers"] > 1 else 1.0
    return (f"{r['files']:>6} files  workers {r['workers']}  {r['seconds']:7.1f}s  {r['rps']:6.1f} reports/s  "
            f"peak PSS tree {r['pss']:5.0f} MB (one worker {r['pss_worker']:3.0f}, command {r['pss_main']:3.0f})  "
            f"RSS tree {r['rss']:5.0f} MB  command RSS {r['main']:4.0f} MB  "
            f"CPU ms/file: parent {1000 * r['main_per_file']:.1f} (+{r['main_startup']:.1f}s start), "
            f"workers {1000 * r['worker_per_file']:.0f}; parent/workers {share:.3f} (bound {bound:.2f}x)  "
            f"workers asleep {idle:.1%} of {r['alive']:.0f}s ({r['n_workers']} processes), "
            f"waited for a CPU {r['queued']:.0f}s; first worker after {r['first_worker']:.1f}s, "
            f"fork server CPU {r['forkserver_cpu']:.1f}s, parent CPU {r['main_cpu']:.1f}s  exit {r['code']}")


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
    ap.add_argument("--folders", default="", help="check these folders (comma-separated) instead of generating")
    ap.add_argument("--format", default=None, help="`--format F` to /dev/null, no OUT (default: --output-dir)")
    ap.add_argument("--rounds", type=int, default=1, help="runs of each (folder, workers), interleaved")
    ap.add_argument("--timeline", action="store_true", help="print CPU seconds per second of each run, by role")
    ap.add_argument("--no-ceiling", action="store_true", help="skip the machine's ceiling")
    ap.add_argument("--keep", action="store_true", help="keep the output folders")
    ap.add_argument("--runs", default="small,full", help="which folders to check: small, full or both")
    args = ap.parse_args()
    cores = len(os.sched_getaffinity(0))
    workers = [int(w) for w in args.workers.split(",")]
    if cores not in workers:
        workers.append(cores)  # the default: all cores
    print(f"machine: {cores} cores; load average {os.getloadavg()[0]:.2f}; Python {sys.version.split()[0]}")
    if args.folders:
        chosen = [Path(f) for f in args.folders.split(",")]
        files = sorted(p for p in chosen[0].iterdir() if not p.name.startswith("."))
    else:
        files = corpus(args.corpus / f"n{args.n}", args.n, args.pdf)
        small = subset(files, args.corpus / f"small{args.small}", args.small)
        folders = {"small": small, "full": args.corpus / f"n{args.n}"}
        chosen = [folders[r] for r in args.runs.split(",")]
    work = Path(tempfile.mkdtemp(prefix="xxgk-bench-out-"))
    rows = []
    for _round in range(args.rounds):
        for folder in chosen:
            for w in workers:
                r = run_check(folder, w, work / f"{folder.name}-w{w}", args.format)
                rows.append(r)
                print(describe(r) + (f"  [{r['phases']}]" if r["phases"] else ""), flush=True)
                if args.timeline:
                    print(r["timeline"])
                if r["err"]:
                    print(r["err"])
    print()
    for n in sorted({r["files"] for r in rows}):
        base = [r for r in rows if r["files"] == n and r["workers"] == 1]
        for w in workers:
            if w == 1 or not base:
                continue
            ups = [r["rps"] / b["rps"] for r, b in zip([r for r in rows if r["files"] == n and r["workers"] == w],
                                                       base, strict=False)]
            print(f"{n:>6} files: {w} workers / 1 worker = " + ", ".join(f"{u:.2f}x" for u in ups))
    if not args.no_ceiling:
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
