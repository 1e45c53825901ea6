"""The reading of every file on a Dask cluster (`--scheduler`) gives what a local run gives.

A `distributed.LocalCluster` (threads, one worker) runs in a helper process; the batch connects to
it like it would to a cluster's scheduler. Skipped when dask[distributed] is not installed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from batchfiles import make_batch, tree

pytest.importorskip("distributed")

CLUSTER = """
import sys, time
from distributed import LocalCluster
cluster = LocalCluster(n_workers=1, threads_per_worker=1, processes=False, protocol="tcp", host="127.0.0.1",
                       scheduler_port=0, dashboard_address=None)
print(cluster.scheduler_address, flush=True)
sys.stdin.read()  # until the test closes our stdin
cluster.close()
"""


@pytest.fixture(scope="module")
def scheduler() -> object:
    proc = subprocess.Popen([sys.executable, "-c", CLUSTER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    address = proc.stdout.readline().strip()
    assert address.startswith("tcp://"), address
    yield address
    assert proc.stdin is not None
    proc.stdin.close()
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:  # pragma: no cover
        proc.kill()
        proc.wait()


def _check(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "extractor.cli", "check", *args], capture_output=True, text=True,
                          timeout=600, env=os.environ.copy())


def test_a_dask_cluster_gives_what_a_local_run_gives(scheduler: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    make_batch(folder, synth=3)
    local = _check(str(folder), "--format", "jsonl", "--output-dir", str(tmp_path / "local"), "-j", "2")
    dask = _check(str(folder), "--format", "jsonl", "--output-dir", str(tmp_path / "dask"), "-j", "2",
                  "--scheduler", scheduler)
    assert dask.returncode == local.returncode == 1, dask.stderr[-2000:]
    assert dask.stdout == local.stdout and dask.stdout.count("\n") == len(list(folder.rglob("*.*")))
    assert tree(tmp_path / "dask") == tree(tmp_path / "local")

