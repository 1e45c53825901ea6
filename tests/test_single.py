"""One report named on the command line: its worker is forked from the command itself (no fork
server to start and warm), and it keeps every guarantee of a batch's worker — the time limit, a
crash as the file's own result, and the same result as in a batch."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import faults
from conftest import corpus_dir

from extractor.batch.runner import Done, Failed, Outcome, Pool, forked_here
from extractor.cli import _one_file

TARGET = f"{__name__}:task"


def task(payload: Any) -> Any:
    """What the pool's worker runs in these tests."""
    kind = payload[0]
    if kind == "parent":
        return os.getppid()
    if kind == "sleep":
        time.sleep(payload[1])
        return "slept"
    if kind == "grow":  # hold this many MB, touched, for as long as the limit takes to see it
        held = bytearray(payload[1] * 2**20)
        for i in range(0, len(held), 4096):
            held[i] = 1
        time.sleep(3)
        return len(held)
    if kind == "abort":
        import faulthandler

        faulthandler.disable()  # pytest's, inherited by the fork: no traceback of pytest on stderr
        os.abort()
    raise ValueError(kind)


def _outcome(pool: Pool, key: str, payload: Any, limit: float = 60) -> Outcome:
    pool.submit(key, payload)
    end = time.monotonic() + limit
    while time.monotonic() < end:
        for k, outcome in pool.poll(0.1):
            if k == key:
                return outcome
    raise AssertionError(f"no outcome for {key} in {limit} s")


def test_forked_here_workers_are_children_of_this_process_and_keep_the_limits() -> None:
    with forked_here(), Pool(workers=1, target=TARGET, timeout=2) as pool:
        first = _outcome(pool, "a", ("parent",))
        assert isinstance(first, Done) and first.value == os.getpid()
        cut = _outcome(pool, "b", ("sleep", 30))
        assert isinstance(cut, Failed) and cut.kind == "timeout"
        crashed = _outcome(pool, "c", ("abort",))
        assert isinstance(crashed, Failed) and crashed.kind == "crash"
        again = _outcome(pool, "d", ("parent",))  # a fresh worker, forked here too
        assert isinstance(again, Done) and again.value == os.getpid()


def test_a_worker_forked_from_a_big_process_is_measured_from_what_it_was_born_with() -> None:
    """A worker forked here shares the command's pages, which its RSS counts: a command run inside a
    process already past the memory limit (a long test session, a notebook) must not have its
    worker stopped for memory before it reads anything — the limit counts what the worker adds."""
    ballast = bytearray(160 * 2**20)
    for i in range(0, len(ballast), 4096):
        ballast[i] = 1
    with forked_here(), Pool(workers=1, target=TARGET, timeout=20, memory_mb=100) as pool:
        born = _outcome(pool, "a", ("sleep", 1))
        assert isinstance(born, Done), born
        grown = _outcome(pool, "b", ("grow", 300))
        assert isinstance(grown, Failed) and grown.kind == "memory", grown
    assert ballast[4096] == 1


def test_a_worker_forked_here_ends_when_the_parent_lets_go_of_its_pipe() -> None:
    """The worker does not keep the parent's end of its own pipe open (inherited by the fork): when
    the parent goes away without a word, the worker sees its pipe close and ends."""
    with forked_here(), Pool(workers=1, target=TARGET) as pool:
        assert isinstance(_outcome(pool, "a", ("parent",)), Done)
        w = pool._pool[0]
        w.conn.close()
        w.proc.join(10)
        alive = w.proc.is_alive()
        pool._pool.clear()
        if alive:
            w.proc.kill()
        assert not alive


def test_outside_forked_here_nothing_changes() -> None:
    with Pool(workers=1, target=TARGET) as pool:  # the fork server's worker
        out = _outcome(pool, "a", ("parent",))
        assert isinstance(out, Done) and out.value != os.getpid()


def test_one_file_is_a_single_regular_file_not_an_archive(tmp_path: Path) -> None:
    report = tmp_path / "a.txt"
    report.write_text("x", encoding="utf-8")
    archive = tmp_path / "a.zip"
    archive.write_bytes(b"PK")
    assert _one_file([str(report)])
    assert not _one_file([str(report), str(report)])
    assert not _one_file([str(tmp_path)])
    assert not _one_file([str(archive)])
    assert not _one_file([str(tmp_path / "*.txt")])
    assert not _one_file([str(tmp_path / "missing.txt")])


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "extractor.cli", *args], capture_output=True, text=True,
                          timeout=300, env={**os.environ, **(env or {})})


def test_one_file_that_hangs_is_a_timeout_and_one_that_crashes_is_its_own_result(tmp_path: Path) -> None:
    stuck = tmp_path / "stuck.txt"
    crash = tmp_path / "crash.txt"
    for f in (stuck, crash):
        shutil.copy(corpus_dir() / "synth-0001.txt", f)
    env = faults.env(XXGK_TEST_HANG="stuck", XXGK_TEST_CRASH="crash")
    started = time.monotonic()
    for command in ("check", "extract"):
        p = _cli(command, str(stuck), "--format", "jsonl", "--timeout", "3", env=env)
        (result,) = map(json.loads, p.stdout.splitlines())
        assert result["error"]["code"] == "timeout" and "3 秒" in result["error"]["message"], p.stderr[-2000:]
        assert p.returncode == 1
        p = _cli(command, str(crash), "--format", "jsonl", env=env)
        (result,) = map(json.loads, p.stdout.splitlines())
        assert result["error"]["code"] == "unreadable" and "进程意外退出" in result["error"]["message"]
        assert p.returncode == 1
    assert time.monotonic() - started < 200


def test_one_file_gives_what_the_same_file_gives_in_a_batch(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("synth-0002.txt", "synth-0003.html"):
        shutil.copy(corpus_dir() / name, folder / name)
    for command in ("check", "extract"):
        batch = {json.loads(line)["source"]: line
                 for line in _cli(command, str(folder), "--format", "jsonl").stdout.splitlines()}
        for name in ("synth-0002.txt", "synth-0003.html"):
            one = _cli(command, str(folder / name), "--format", "jsonl").stdout.splitlines()
            assert one == [batch[str(folder / name)]]


def test_start_up_leaves_typers_rich_help_until_needed_and_it_is_still_chinese() -> None:
    code = ("import sys, extractor.cli; print('typer.rich_utils' in sys.modules); "
            "from typer import rich_utils; print(rich_utils.OPTIONS_PANEL_TITLE, rich_utils.ERRORS_PANEL_TITLE)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         cwd=Path(__file__).resolve().parents[1])
    assert out.stdout.split() == ["False", "选项", "错误"], out.stderr[-2000:]
    p = _cli("check", "--bogus-option")
    assert "错误" in p.stderr and "没有这个选项" in p.stderr and p.returncode == 2
