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



def test_the_body_map_reaches_the_dask_workers(scheduler: str, tmp_path: Path) -> None:
    """--body-map travels with the configuration to the cluster (whose workers never saw our
    environment): S115, checked while the file is read there, knows the two names are one body."""
    from extractor.resources import rules_dir

    src = (rules_dir() / "catalogue" / "_base" / "base-2021.txt").read_text(encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "r.txt").write_text(src.replace("青岚县人民政府", "青岚县科技局") + "\n青岚县工业和信息化局\n2024年1月20日\n",
                                  encoding="utf-8")
    names = tmp_path / "map.csv"
    names.write_text("青岚县科技局,青岚县工业和信息化局\n", encoding="utf-8")
    plain = _check(str(folder), "--format", "jsonl", "--select", "S115", "--fail-on", "never", "--scheduler", scheduler)
    mapped = _check(str(folder), "--format", "jsonl", "--select", "S115", "--fail-on", "never", "--scheduler", scheduler,
                    "--body-map", str(names))
    assert plain.returncode == mapped.returncode == 0, mapped.stdout[-3000:] + mapped.stderr[-2000:]
    assert '"S115"' in plain.stdout  # another body signed, as far as the names show
    assert '"S115"' not in mapped.stdout  # the user's map says it is the same body
