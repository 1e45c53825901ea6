"""Known problems the generator can put into a report, one per kind the rule catalogue checks.

Every `Defect` names the rule codes that must find it and makes, from a seed, either the
defective report or its clean twin (same seed, same everything, without the defect). A defect
that compares reports (last year's, another body's) makes its partners too: the subject is the
last spec of the list, the partners come before it and are the same in both twins.

    from xxgk_synth.defects import REGISTRY, make
    subject_and_partners = make("section_missing", seed=3)            # defective
    clean = make("section_missing", seed=3, defective=False)          # its twin

`tests/test_defects.py` renders each defect in every format, checks that its codes are found
and that the twin is not flagged; it also checks that every rule of the catalogue is the target
of some defect here (or is listed in `UNINJECTABLE` with the reason).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..report import random_report
from ..spec import Issue, ReportSpec

FORMATS = ("txt", "md", "html", "docx", "pdf")

# apply(spec, rng) puts the defect into a finished clean spec and returns what it did (the
# truth file records it); None when this report cannot carry the defect (the seed is skipped).
Apply = Callable[[ReportSpec, random.Random], Issue | None]
# make(seed, defective) → partners + [subject], or None when the seed cannot carry the defect
Maker = Callable[[int, bool], list[ReportSpec] | None]


@dataclass(frozen=True)
class Defect:
    name: str
    codes: frozenset[str]  # the rules, any of which must report it
    summary: str  # what is wrong, in Chinese
    make: Maker
    formats: tuple[str, ...] = FORMATS
    cross: bool = False  # needs its partners in the same batch (rules X8..)


REGISTRY: dict[str, Defect] = {}

# catalogue codes no generated defect targets, with the reason
UNINJECTABLE: dict[str, str] = {}


def register(defect: Defect) -> Defect:
    if defect.name in REGISTRY:
        raise ValueError(f"defect {defect.name!r} registered twice")
    REGISTRY[defect.name] = defect
    return defect


def single(
    name: str,
    codes: str | set[str],
    summary: str,
    apply: Apply,
    *,
    formats: tuple[str, ...] = FORMATS,
    **options: Any,
) -> Defect:
    """A defect of one report: `apply` edits a clean `random_report(seed, **options)`."""

    def make(seed: int, defective: bool = True) -> list[ReportSpec] | None:
        spec = random_report(seed, name=f"{name}-{seed}", **options)
        # the defect draws from its own stream, so the twin is the report the defect edited
        issue = apply(spec, random.Random(f"{name}/{seed}"))
        if issue is None:
            return None
        if defective:
            spec.issues.append(issue)
            return [spec]
        return [random_report(seed, name=f"{name}-{seed}-clean", **options)]

    return register(
        Defect(name, frozenset({codes} if isinstance(codes, str) else codes), summary, make, formats)
    )


def builtin(name: str, codes: set[str], summary: str, **options: Any) -> Defect:
    """A defect `random_report` writes itself (`defects=(name,)`): it shapes the prose as it is written."""

    def make(seed: int, defective: bool = True) -> list[ReportSpec] | None:
        tag = "" if defective else "-clean"
        return [random_report(seed, name=f"{name}-{seed}{tag}", defects=(name,) if defective else (), **options)]

    return register(Defect(name, frozenset(codes), summary, make))


def make(name: str, seed: int, defective: bool = True) -> list[ReportSpec] | None:
    return REGISTRY[name].make(seed, defective)


def covered() -> Mapping[str, list[str]]:
    """Rule code → the defects that target it."""
    out: dict[str, list[str]] = {}
    for d in REGISTRY.values():
        for c in d.codes:
            out.setdefault(c, []).append(d.name)
    return out


builtin("identity", {"T302"}, "表三某行“自然人”一格多填1，办理结果之和与总计不符。")
builtin("prose_table", {"P401", "P409"}, "正文所述本年新收申请数与表三不符。")
builtin("prose_internal", {"P407"}, "正文“其中”所列各类信息之和超过主动公开总数。")
builtin("year", {"Y605"}, "改进措施写作报告年度本身，而非下一年度。")
builtin("fee", {"F503"}, "表三有逾期未缴费的申请，正文却未报告信息处理费。")
builtin("outdated_template", {"S106"}, "2021年度起的报告仍用2019年版表格。")

# the group modules register their defects on import
from . import (  # noqa: E402,F401
    citations,
    content,
    crossyear,
    dates,
    enumerations,
    fees,
    forms,
    prose,
    rollup,
    structure,
    tables,
    years,
)
