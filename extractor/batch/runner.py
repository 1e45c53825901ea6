"""A pool of worker processes that survives the files it is given.

    pool = Pool(workers=2, target="extractor.batch.work:run_task", timeout=120)
    pool.submit(0, ("extract", …))
    for key, outcome in pool.poll(0.2): …
    pool.close()

- Each worker runs one task at a time; a task that runs past `timeout` seconds has its worker
  killed (a parser stuck in a hostile PDF cannot be interrupted any other way) and comes back as
  `Failed("timeout")`; a worker that dies (a crash in C code, the kernel's OOM killer) gives
  `Failed("crash")`; one whose memory passes `memory_mb` is killed and gives `Failed("memory")`.
  A fresh worker takes the dead one's place and the batch goes on.
- A worker retires after `max_tasks` tasks, or after a task that left it holding `GROWN_MB` more
  memory than it started with (an allocator keeps what a pathological file made it take), and a
  fresh one replaces it: what a long-lived process accumulates (spaCy's StringStore grows with
  every new token) never piles up, and the batch's memory stays flat however many files it reads.
- Workers are forked from a fork server that has already imported and warmed the pipeline
  (`warm.py`): a new worker starts in milliseconds with the models loaded, and it inherits nothing
  of the parent (no open database, no threads). Where there is no fork server (Windows), workers
  are spawned and warm themselves.
- For one report (`forked_here`, what the command line uses when it is named one file), the worker
  is forked from this process as it is instead: no fork server to start and warm (a second
  interpreter importing everything, then checking a sample report), only the imports and tables
  the file itself needs, loaded once, in the worker — the same limits, crashes and results.

The parent keeps up to `DEPTH` (2) tasks per worker in flight — the next waits in the worker's pipe,
so a worker never idles while the parent handles a result — with each task's time limit counted
from when it starts (when the one before it ended), and the tasks behind a task that is cut off or
crashes its worker go back to the queue. `poll` returns outcomes in the order they finish (the
caller puts them back in path order).
"""

from __future__ import annotations

import importlib
import multiprocessing as mp
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

MAX_TASKS = 1000  # tasks a worker runs before a fresh one replaces it
MEMORY_MB = 2048  # resident memory past which a worker is stopped
GROWN_MB = 256  # a worker that kept this much more memory than it started with retires after its task
DEPTH = 2  # tasks sent to a worker at once: the next one waits in its pipe, so no worker idles between tasks
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
_CONTEXT: Any = None


@dataclass
class Done:
    value: Any


@dataclass
class Failed:
    kind: str  # timeout | crash | memory | error
    detail: str = ""
    info: Any = None  # what the task told the parent before it failed (`tell`): a file's content hash


Outcome = Done | Failed


def context() -> Any:
    """The multiprocessing context: a fork server with the pipeline preloaded where there is one."""
    global _CONTEXT
    if _CONTEXT is None:
        for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ.setdefault(var, "1")  # one process per core already: no thread pools inside
        if "forkserver" in mp.get_all_start_methods():
            _CONTEXT = mp.get_context("forkserver")
            _CONTEXT.set_forkserver_preload(["extractor.batch.warm"])
        else:  # pragma: no cover - Windows
            _CONTEXT = mp.get_context("spawn")
    return _CONTEXT


_HERE = False  # within `forked_here`


@contextmanager
def forked_here() -> Iterator[None]:
    """Within: the pools' workers are forked from this process (start method "fork"), not from the
    fork server. For a run of one report, where the fork server's start-up and warm-up would be the
    whole cost: the worker imports and builds only what its file needs, and what this process
    has already loaded (the rule catalogue, the configuration) it inherits. Where there is no
    "fork" (Windows), nothing changes."""
    global _HERE
    before = _HERE
    _HERE = "fork" in mp.get_all_start_methods()
    try:
        yield
    finally:
        _HERE = before


def _resolve(target: str) -> Callable[[Any], Any]:
    module, name = target.split(":")
    fn: Callable[[Any], Any] = getattr(importlib.import_module(module), name)
    return fn


def _cap_memory(memory_mb: int | None) -> None:
    """A hard ceiling on the worker's address space, well above the limit the parent watches: a
    single huge allocation (a compressed stream inflating to gigabytes) fails with MemoryError in
    the reader, which reports the file, before the machine runs out of memory."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a crashed worker leaves no core file behind
    except (ImportError, OSError, ValueError):
        return
    if not memory_mb:
        return
    try:
        with open("/proc/self/statm", "rb") as fh:
            size = int(fh.read().split()[0]) * _PAGE
        cap = size + 3 * memory_mb * 2**20
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard == resource.RLIM_INFINITY or cap < hard:
            resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ImportError, OSError, ValueError):
        pass


_TELL: tuple[Connection, Any] | None = None  # in a worker: its pipe and the key of the task it runs


def tell(info: Any) -> None:
    """From inside a task: tell the parent something before the task ends (the worker may yet be
    killed: a file's hash, known before it is parsed, stays with its result). Outside a worker: nothing."""
    if _TELL is not None:
        conn, key = _TELL
        try:
            conn.send((key, "info", info))
        except (OSError, ValueError):
            pass


def _serve(conn: Connection, target: str, init: Any, memory_mb: int | None = None,
           inherited: tuple[Connection, ...] = ()) -> None:
    """A worker: receive (key, payload), run the target, send (key, ok, value) — until told to stop.
    `inherited`: the parent's ends of the pipes, which a worker forked from the parent itself closes
    (it would otherwise never see its own pipe close when the parent dies)."""
    for other in inherited:
        other.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # forked from the parent: not the parent's handler
    try:
        os.dup2(2, 1)  # nothing a library prints may reach the parent's stdout (results go there)
    except OSError:
        pass
    sys.stdout = sys.stderr
    _cap_memory(memory_mb)
    fn = _resolve(target)
    setup = getattr(sys.modules[fn.__module__], "setup", None)
    if setup is not None:
        setup(init)
    baseline = _rss_mb(os.getpid())
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            break
        if msg is None:
            break
        key, payload = msg
        global _TELL
        _TELL = (conn, key)
        try:
            ok, value = True, fn(payload)
        except BaseException as e:  # a bug in one file's work is that file's result
            ok, value = False, f"{type(e).__name__}: {e}"[:500]
            if os.environ.get("XXGK_DEBUG"):
                import traceback

                traceback.print_exc()
        _TELL = None
        grown = _rss_mb(os.getpid()) - baseline > GROWN_MB  # freed memory the allocator keeps
        try:
            conn.send((key, ok, value, grown))
        except (OSError, ValueError):
            break
    conn.close()


@dataclass
class _Worker:
    proc: Any
    conn: Connection
    tasks: deque[tuple[Any, Any, bool]] = field(default_factory=deque)  # sent, in order: the first runs
    started: float = 0.0  # when the running task started
    done: int = 0
    infos: dict[Any, Any] = field(default_factory=dict)  # what its tasks told (`tell`), by key
    retiring: bool = False  # takes no more tasks; stops once those it has are done
    # resident memory it was born with: a worker forked from the command itself (`forked_here`)
    # shares the command's pages, which its RSS counts — a command run inside a big process (a test
    # session, a notebook) must not find its worker over the limit before it reads a byte
    base_mb: float = 0.0

    @property
    def task(self) -> tuple[Any, Any, bool] | None:
        return self.tasks[0] if self.tasks else None


@dataclass
class Pool:
    workers: int
    target: str
    init: Any = None
    timeout: float | None = None
    max_tasks: int = MAX_TASKS
    memory_mb: int | None = MEMORY_MB
    depth: int = DEPTH
    _queue: deque[tuple[Any, Any]] = field(default_factory=deque)
    _first: deque[tuple[Any, Any]] = field(default_factory=deque)
    _pool: list[_Worker] = field(default_factory=list)
    _ready: list[tuple[Any, Outcome]] = field(default_factory=list)
    _checked: float = 0.0

    # ------------------------------------------------------------ the caller's side
    def submit(self, key: Any, payload: Any, first: bool = False) -> None:
        """Queues a task; `first` tasks go before the others (in the order they came)."""
        (self._first if first else self._queue).append((key, payload))

    def pending(self) -> int:
        """Tasks submitted and not yet returned by `poll`."""
        return len(self._queue) + len(self._first) + sum(len(w.tasks) for w in self._pool) + len(self._ready)

    def idle(self) -> int:
        """Workers that would take a task now (or could be started)."""
        busy = sum(1 for w in self._pool if w.tasks)
        return max(0, self.workers - busy - len(self._queue) - len(self._first))

    def poll(self, wait_s: float = 0.2) -> list[tuple[Any, Outcome]]:
        """Starts queued tasks on free workers, waits up to `wait_s` for results, enforces the time and
        memory limits; returns the outcomes that arrived (possibly none)."""
        self._dispatch()
        if not self._ready:
            self._wait(wait_s)
            self._dispatch()
        out, self._ready = self._ready, []
        return out

    def close(self) -> None:
        for w in self._pool:
            try:
                w.conn.send(None)
            except (OSError, ValueError):
                pass
        deadline = time.monotonic() + 2
        for w in self._pool:
            w.proc.join(max(0.0, deadline - time.monotonic()))
            if w.proc.is_alive():
                w.proc.kill()
                w.proc.join(1)
            w.conn.close()
        self._pool = []

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ workers
    def _start(self) -> _Worker:
        ctx = context()  # also caps the numeric libraries' threads, which a forked worker inherits
        if _HERE:
            ctx = mp.get_context("fork")
        parent, child = ctx.Pipe(duplex=True)
        inherited = (parent, *(w.conn for w in self._pool)) if _HERE else ()
        proc = ctx.Process(target=_serve, args=(child, self.target, self.init, self.memory_mb, inherited),
                           daemon=True)
        proc.start()
        child.close()
        w = _Worker(proc, parent, base_mb=_rss_mb(os.getpid()) if _HERE else 0.0)
        self._pool.append(w)
        return w

    def _stop(self, w: _Worker, kill: bool) -> None:
        if kill:
            w.proc.kill()
        else:
            try:
                w.conn.send(None)
            except (OSError, ValueError):
                w.proc.kill()
        w.proc.join(5 if not kill else None)
        if w.proc.is_alive():
            w.proc.kill()
            w.proc.join()
        w.conn.close()
        self._pool.remove(w)

    def _requeue(self, w: _Worker) -> None:
        """The tasks a stopped worker had been sent but not started go back to the front of their queues."""
        for key, payload, first in reversed(w.tasks):
            (self._first if first else self._queue).appendleft((key, payload))
        w.tasks.clear()

    def _target(self) -> _Worker | None:
        """The worker the next task goes to: an idle one, a new one, else one whose running task has
        fewer than `depth` - 1 behind it (the pipe never empties between tasks); None when all are full."""
        live = [w for w in self._pool if not w.retiring]
        idle = next((w for w in live if not w.tasks), None)
        if idle is not None:
            return idle
        if len(self._pool) < self.workers:
            return self._start()
        room = [w for w in live if len(w.tasks) < self.depth]
        return min(room, key=lambda w: (len(w.tasks), w.started)) if room else None

    def _dispatch(self) -> None:
        while self._queue or self._first:
            w = self._target()
            if w is None:
                return
            first = bool(self._first)
            queue = self._first if first else self._queue
            key, payload = queue.popleft()
            try:
                w.conn.send((key, payload))
            except (OSError, ValueError):  # died while idle: replace it, keep the tasks
                queue.appendleft((key, payload))
                self._lost(w)
                continue
            if not w.tasks:
                w.started = time.monotonic()
            w.tasks.append((key, payload, first))

    def _lost(self, w: _Worker) -> None:
        """A worker found dead when a task was sent: the task that was running is a crash, the rest go back."""
        if w.tasks:
            self._died(w)
        else:
            self._stop(w, kill=True)

    def _finish(self, w: _Worker, key: Any, outcome: Outcome, retire: bool = False) -> None:
        if not w.tasks or w.tasks[0][0] != key:  # pragma: no cover - a worker answers in order
            return
        w.tasks.popleft()
        w.infos.pop(key, None)
        self._ready.append((key, outcome))
        w.done += 1
        w.started = time.monotonic()  # the next task sent to it starts now
        if retire or w.done >= self.max_tasks:
            w.retiring = True
        if w.retiring and not w.tasks:
            self._stop(w, kill=False)

    def _drain(self, w: _Worker) -> bool:
        """Reads what the worker has sent; False when it died."""
        try:
            while w in self._pool and w.conn.poll():
                msg = w.conn.recv()
                if len(msg) == 3 and msg[1] == "info":  # told on the way; the result follows
                    w.infos[msg[0]] = msg[2]
                    continue
                key, ok, value, grown = msg
                self._finish(w, key, Done(value) if ok else Failed("error", str(value), w.infos.get(key)),
                             retire=grown)
        except (EOFError, OSError):
            return False
        return True

    def _wait(self, wait_s: float) -> None:
        busy = [w for w in self._pool if w.tasks]
        if not busy:
            return
        now = time.monotonic()
        limit = wait_s
        if self.timeout:
            limit = min(limit, max(0.0, min(w.started + self.timeout for w in busy) - now))
        handles: dict[Any, _Worker] = {}
        for w in busy:
            handles[w.conn] = w
            handles[w.proc.sentinel] = w
        for h in wait(list(handles), timeout=max(limit, 0.0)):
            w = handles[h]
            if w not in self._pool:
                continue
            alive = self._drain(w)
            if w in self._pool and w.tasks and (not alive or (h is not w.conn and not w.proc.is_alive())):
                self._died(w)  # the process ended without a word about its running task
        self._limits()

    def _died(self, w: _Worker) -> None:
        code = w.proc.exitcode
        w.proc.join(1)
        code = w.proc.exitcode if code is None else code
        detail = f"signal {-code}" if isinstance(code, int) and code < 0 else f"exit {code}"
        key = w.tasks.popleft()[0] if w.tasks else -1
        info = w.infos.get(key)
        self._requeue(w)
        self._stop(w, kill=True)
        self._ready.append((key, Failed("crash", detail, info)))

    def _cut(self, w: _Worker, kind: str, detail: str) -> None:
        """Stops a worker over its running task (time or memory limit); the tasks behind it go back."""
        key = w.tasks.popleft()[0]
        info = w.infos.get(key)
        self._requeue(w)
        self._stop(w, kill=True)
        self._ready.append((key, Failed(kind, detail, info)))

    def _limits(self) -> None:
        now = time.monotonic()
        for w in list(self._pool):
            if w.tasks and self.timeout and now - w.started > self.timeout:
                self._cut(w, "timeout", f"{self.timeout:g}")
        if self.memory_mb is None or now - self._checked < 0.25:
            return
        self._checked = now
        for w in list(self._pool):
            if w.tasks and _rss_mb(w.proc.pid) - w.base_mb > self.memory_mb:
                self._cut(w, "memory", f"{self.memory_mb}")


def _rss_mb(pid: int | None) -> float:
    if pid is None:
        return 0.0
    try:
        with open(f"/proc/{pid}/statm", "rb") as fh:
            return int(fh.read().split()[1]) * _PAGE / 2**20
    except (OSError, ValueError, IndexError):
        return 0.0
