"""`check --scheduler ADDRESS`: the reading of every file runs on an existing Dask cluster.

The task is the same function the local workers run (`work.run_task` with ("extract", (path,
source))), behind `work.run_remote`, which first installs the run's options (the configuration in
force, with the hierarchy file and the body-name map) as a local worker's `setup` does — so a
report's record, and everything made from it, is the same as in a local run.
The cluster's workers need this package installed and must see the files at the same paths
(a shared file system). Finishing (the rules across reports, the outputs) stays on this machine.

`DaskRunner` has the pool's interface (`submit`, `poll`, `pending`, `close`). It keeps about one
task per worker thread in flight; a task running past `timeout` seconds is cancelled and reported
as a timeout (Dask cannot kill a thread, but the batch goes on); a task that kills its workers
(Dask retries it, then gives up) comes back as a crash.

Needs `pip install 'xxgk-audit[cluster]'` (dask[distributed]).
"""

from __future__ import annotations

import time
import uuid
from collections import deque
from typing import Any

from .runner import Done, Failed, Outcome


class DaskRunner:
    def __init__(self, address: str, timeout: float | None = None, connect_timeout: float = 10,
                 options: Any = None) -> None:
        try:
            from distributed import Client
        except ImportError as e:  # pragma: no cover - the extra is not installed
            raise RuntimeError("使用 --scheduler 需要安装 Dask：pip install 'xxgk-audit[cluster]'") from e
        try:
            self.client = Client(address, timeout=connect_timeout, set_as_default=False)
        except OSError as e:
            raise RuntimeError(f"无法连接 Dask 调度器 {address}：{e}") from e
        self.timeout = timeout
        self.options = options  # work.Options: the run's settings, installed on each worker (work.run_remote)
        self.run = uuid.uuid4().hex[:8]
        self.queue: deque[tuple[Any, Any]] = deque()
        self.futures: dict[Any, tuple[Any, float]] = {}
        self.ready: list[tuple[Any, Outcome]] = []
        threads = sum(self.client.nthreads().values()) or 1
        self.window = max(2, threads)

    def submit(self, key: Any, payload: Any, first: bool = False) -> None:
        (self.queue.appendleft if first else self.queue.append)((key, payload))

    def pending(self) -> int:
        return len(self.queue) + len(self.futures) + len(self.ready)

    def poll(self, wait_s: float = 0.2) -> list[tuple[Any, Outcome]]:
        from distributed import wait

        from .work import run_remote

        while self.queue and len(self.futures) < self.window:
            key, payload = self.queue.popleft()
            fut = self.client.submit(run_remote, self.run, self.options, payload, pure=False,
                                     key=f"xxgk-{self.run}-{key[0]}{key[1]}")
            self.futures[fut] = (key, time.monotonic())
        if self.futures and not self.ready:
            try:
                wait(list(self.futures), timeout=wait_s, return_when="FIRST_COMPLETED")
            except TimeoutError:
                pass
            except Exception:  # distributed's own TimeoutError on some versions
                pass
        now = time.monotonic()
        for fut, (key, started) in list(self.futures.items()):
            if fut.status == "finished":
                self.ready.append((key, Done(fut.result())))
            elif fut.status in ("error", "lost", "cancelled"):
                exc = fut.exception() if fut.status == "error" else fut.status
                kind = "crash" if type(exc).__name__ == "KilledWorker" or fut.status == "lost" else "error"
                self.ready.append((key, Failed(kind, f"{type(exc).__name__}: {exc}"[:300])))
            elif self.timeout and now - started > self.timeout:
                fut.cancel()
                self.ready.append((key, Failed("timeout", f"{self.timeout:g}")))
            else:
                continue
            del self.futures[fut]
        out, self.ready = self.ready, []
        return out

    def close(self) -> None:
        for fut in self.futures:
            fut.cancel()
        self.futures.clear()
        self.client.close()
