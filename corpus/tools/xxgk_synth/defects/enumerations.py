"""Defects of the checks added for issue 10: totals and their lists (P410); the dates, the signature
and the format notice are in defects/dates.py.

Each maker edits a clean `random_report` the way a clerk's slip looks. Where the defect is a wrong
figure or date inside a sentence the clean report does not have, both twins get the sentence and
only the defective one gets it wrong, so the twin shows the check staying quiet on the right form.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from ..report import random_report
from ..spec import Issue, ReportSpec
from . import Defect, register

# edit(spec, rng, defective) → the issue (defective) / anything not None (clean), or None: seed skipped
Edit = Callable[[ReportSpec, random.Random, bool], Issue | None]


def paired(name: str, code: str, summary: str, edit: Edit, **options: object) -> Defect:
    """A defect whose clean twin carries the same edit done right."""

    def make(seed: int, defective: bool = True) -> list[ReportSpec] | None:
        spec = random_report(seed, name=f"{name}-{seed}{'' if defective else '-clean'}", **options)  # type: ignore[arg-type]
        issue = edit(spec, random.Random(f"{name}/{seed}"), defective)
        if issue is None:
            return None
        if defective:
            spec.issues.append(issue)
        return [spec]

    return register(Defect(name, frozenset({code}), summary, make))


def paragraph_lists(spec: ReportSpec) -> list[list[str]]:
    out: list[list[str]] = [spec.preamble]
    for s in spec.sections:
        out += [s.paragraphs, s.after]
    return out


# ------------------------------------------------------------------ P410: an exhaustive list short of its total

_KINDS = ("政策文件", "工作动态", "通知公告", "人事信息", "财政信息", "政策解读", "规划计划")
_REST = ("其他信息", "其他类信息", "其余信息", "其他应主动公开的政府信息")


def _list_short(spec: ReportSpec, rng: random.Random, defective: bool) -> Issue | None:
    c = next((c for c in spec.claims if c.metric == "proactive.items" and not c.approx and c.scope == "self"), None)
    if c is None or int(c.value) < 40 or c.unit != "条":
        return None
    for lst in paragraph_lists(spec):
        for i, p in enumerate(lst):
            at = p.find(c.text)
            if at < 0 or p[at + len(c.text) : at + len(c.text) + 1] not in ("。", "；"):
                continue
            total = int(c.value)
            k = rng.randint(2, 3)
            kinds = rng.sample(_KINDS, k)
            cuts = sorted(rng.sample(range(1, total - 1), k))
            sizes = [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]
            gap = rng.randint(1, max(1, min(sizes[-1] - 1, total // 10)))
            if defective:
                sizes[-1] -= gap
            if sizes[-1] <= 0:
                return None
            rest = rng.choice(_REST)
            sep = rng.choice(("、", "，"))
            items = [f"{w}{n}条" for w, n in zip(kinds, sizes[:-1], strict=True)] + [f"{rest}{sizes[-1]}条"]
            lst[i] = p[: at + len(c.text)] + "，其中" + sep.join(items) + p[at + len(c.text) :]
            if not defective:
                return Issue(kind="prose_internal", severity="warning", description="")
            return Issue(
                kind="prose_internal",
                severity="warning",
                claim_values=[total, total - gap],
                description=f"“{c.text}”后所列各类以“{rest}”兜底，合计{total - gap}条，比总数少{gap}条。",
            )
    return None


paired("list_short_of_total", "P410", "以“其他”兜底的分类列举，各项合计少于总数。", _list_short)
