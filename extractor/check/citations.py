"""C7 — citations of the statute: its name, and the order number of the 2019 revision (711号)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Finding, Report
from .engine import RuleContext
from .facts import lexicon, rx
from .registry import rule


@rule("C701")
def statute_name(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    lx = lexicon()
    ok = {lx["statute_name"], *lx["statute_short"]}
    local = re.compile(lx["local_prefix"])
    seen: set[str] = set()
    for m in rx("statute_like").finditer(r.text):
        name = re.sub(r"\s+", "", m.group(1))
        if name in ok or name in seen or local.search(name) or "实施" in name or "办法" in name:
            continue
        seen.add(name)
        yield ctx.finding(start=m.start(), end=m.end(), quote=ctx.quote(m.start(), m.end()), written=name,
                          correct=lx["statute_name"], section=r.section_at(m.start()))


@rule("C702")
def old_order_number(r: Report, ctx: RuleContext) -> Iterator[Finding]:
    y = r.meta.year
    if y is None or y < 2019:
        return
    for m in rx("old_order").finditer(r.text):
        sent = ctx.quote(m.start(), m.end())
        if "711" in sent or "修订" in sent or "修正" in sent:
            continue
        yield ctx.finding(start=m.start(), end=m.end(), quote=sent, written=m.group(0).strip(),
                          year=y, section=r.section_at(m.start()))
        return
