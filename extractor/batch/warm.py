"""Imported once by the fork server the workers are forked from (see `runner.py`).

Importing this module loads what every file needs — the readers, jieba's dictionary, the spaCy
pipeline, the claim patterns, the rule catalogue, the similarity signatures — by reading one of the
catalogue's small example reports. Every worker then starts with all of it in memory (shared
with the fork server until written to) instead of spending seconds loading it again.

Then the fork server's objects are frozen out of the garbage collector (`gc.freeze`): a worker's
collections would otherwise walk, and so write to, every object it inherited — copying the fork
server's memory page by page into every worker, which on a 2-core machine halved the throughput
of two workers.
"""

from __future__ import annotations


def warm() -> None:
    try:
        from ..check import similarity
        from ..check.engine import run
        from ..pipeline import run_stages
        from ..read import read_bytes
        from ..resources import rules_dir
        from . import record, work  # noqa: F401

        data = (rules_dir() / "catalogue" / "_base" / "base-2021.txt").read_bytes()
        report = run_stages(read_bytes(data, "warm.txt", ".txt"), "extract")
        run(report)
        similarity.cosine("政府信息公开工作年度报告", "政府信息公开年度报告")
        similarity.signature(similarity.prose(report))
    except Exception:  # pragma: no cover - a worker warms itself on its first file instead
        pass
    import gc

    gc.collect()
    gc.freeze()


warm()
