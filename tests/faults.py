"""The environment of a tool run with faults on demand (see faultsite/sitecustomize.py)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SITE = Path(__file__).resolve().parent / "faultsite"


def env(**faults: str) -> dict[str, str]:
    """Variables for a subprocess of the tool: the faults named (XXGK_TEST_HANG="stuck", …) and a
    PYTHONPATH that loads the module injecting them in every process of the run (this checkout
    first, so the tool imported is this one)."""
    path = os.pathsep.join(p for p in (str(SITE), str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    return {**faults, "PYTHONPATH": path}
