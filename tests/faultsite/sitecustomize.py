"""Faults on demand for the tests of the batch — kept here, outside the shipped package.

A test that starts the tool with `faults.env(...)` puts this folder first on PYTHONPATH, so every
Python process of that run (the tool, its fork server, each worker) imports this module at start-up
and wraps two functions of `extractor.batch.work`:

- once a file is hashed: a file whose name holds $XXGK_TEST_HANG hangs, one holding
  $XXGK_TEST_CRASH kills its process, and $XXGK_TEST_SLOW delays every file by that many seconds;
- `finish` raises for a file whose name holds $XXGK_TEST_FINISH_FAIL.

Without those variables it does nothing.
"""

from __future__ import annotations

import functools
import os
import time
from pathlib import Path
from typing import Any

_VARS = ("XXGK_TEST_HANG", "XXGK_TEST_CRASH", "XXGK_TEST_SLOW", "XXGK_TEST_FINISH_FAIL")


def _fault(source: str) -> None:
    name = Path(source).name
    hang, crash, slow = (os.environ.get(v) for v in _VARS[:3])
    if hang and hang in name:
        while True:
            time.sleep(60)
    if crash and crash in name:
        os.abort()
    if slow:
        time.sleep(float(slow))


def _install() -> None:
    from extractor.batch import work

    hashed = work._hashed
    finish = work.finish

    @functools.wraps(hashed)
    def _hashed(source: str, resume: bool = True) -> Any:
        on_hash = hashed(source, resume)

        def hook(sha256: str) -> None:
            on_hash(sha256)  # the parent learns the hash first, as it would of a real hang
            _fault(source)

        return hook

    @functools.wraps(finish)
    def _finish(task: Any, opts: Any = None) -> Any:
        fail = os.environ.get("XXGK_TEST_FINISH_FAIL")
        if fail and fail in Path(task.source).name:
            raise RuntimeError("test: finishing fails")
        return finish(task, opts)

    work._hashed = _hashed  # type: ignore[assignment]
    work.finish = _finish  # type: ignore[assignment]


if any(os.environ.get(v) for v in _VARS):
    _install()
