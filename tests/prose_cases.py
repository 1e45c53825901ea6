"""Shared helpers of the prose-claim test modules (tests/test_prose_*.py): each module is one class
of issue 9 (what a figure counts) or one family of metrics, written as a table of sentences composed
for the test — paraphrases a different office would write — and the claims each must give."""

from __future__ import annotations

from collections.abc import Iterable

from extractor.model import Claim, Report
from tests.conftest import report_from_text

HEAD = "青岚县文化和旅游局2024年政府信息公开工作年度报告\n"
TAIL = "\n六、其他需要报告的事项\n无。\n"


def report_of(body: str, name: str = "t.txt", part: str = "一、总体情况") -> Report:
    """A report whose prose is `body`, under the part heading `part` (the title says 2024)."""
    return report_from_text(HEAD + part + "\n" + body + TAIL, name)


def claims(body: str, name: str = "t.txt", part: str = "一、总体情况") -> list[Claim]:
    return [c for c in report_of(body, name, part).claims
            if not c.metric.endswith(".part") and not c.metric.startswith("breakdown.")]


def pairs(body: str, name: str = "t.txt", part: str = "一、总体情况",
          families: Iterable[str] | None = None) -> list[tuple[str, float]]:
    """(metric, value) of every claim of `body`, sorted; only the given metric families if any."""
    fam = tuple(families) if families is not None else None
    return sorted((c.metric, float(c.value)) for c in claims(body, name, part)
                  if fam is None or c.metric.split(".", 1)[0] in fam)


def applications(body: str, part: str = "一、总体情况") -> list[tuple[str, float]]:
    return pairs(body, part=part, families=["applications"])
