"""The pipeline refuses a stage name it does not know, before it reads anything."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.model import Report
from extractor.pipeline import STAGES, process, run_stages


def test_unknown_stage_is_refused_before_reading(tmp_path: Path) -> None:
    missing = tmp_path / "never-read.txt"  # does not exist: reading it would fail otherwise
    with pytest.raises(ValueError, match="extrct"):
        process(missing, upto="extrct")


def test_run_stages_refuses_unknown_stage() -> None:
    with pytest.raises(ValueError, match="checks"):
        run_stages(Report(source="x.txt"), upto="checks")


def test_every_stage_name_is_accepted(tmp_path: Path) -> None:
    f = tmp_path / "r.txt"
    f.write_text("不是年报。", encoding="utf-8")
    for stage in STAGES:
        assert process(f, upto=stage).source
