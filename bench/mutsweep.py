#!/usr/bin/env python3
"""One-figure mutations of reworded prose claims (issue 9: a changed figure detected on reports
nobody tuned to).

    python bench/mutsweep.py [--shared ../shared/corpus] [--out /tmp/xxgk-mutsweep]
                             [--families verb,order-num-first] [--only a.txt,b.html]
                             [--show N] [--cwd OTHER_CHECKOUT]

For every positive family of bench/claimsweep.py (a clause reworded, its meaning kept) and every real
report it rewrites, each gold claim that `../shared/tools/score.py mutants` would mutate (scope self,
not approximate, a known metric other than proactive.items and processing_fee.amount, a whole value
written once in digits in its clause, not a year) gets a copy of the rewritten report in which that
claim's figure is changed as score.py changes it (+3/7/11/20 from 3 up, +5 below): the printed clause
is changed first, then reworded by the family, so that the new figure takes the family's form (十二件,
１２件, 1.2万…). The tool checks the rewritten reports and their mutants (`check --format jsonl`, one
call per family, from --cwd). A mutant is detected as score.py decides: a finding of severity error or
warning whose claims hold the new value or whose message names it.

Rows are given for all bodies and for the held-out bodies (pingtan-gyz, pingtan-lyy) alone; the
clauses of held-out reports are never printed (--show lists development misses only). The column
`new err` counts error findings of the rewritten (unmutated) reports that the unchanged reports do
not have: the rewording alone should add none.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from claimsweep import (
    FAMILIES,
    KNOWN_METRICS,
    Report,
    apply,
    fmt,
    held_out,
    out_dir,
    reports,
    run_originals,
    sweep_args,
)
from claimsweep import run_tool as claimsweep_run_tool

SKIP_METRICS = ("proactive.items", "processing_fee.amount")


@dataclass
class Mutant:
    report: Report
    index: int          # the claim's position among the report's claims
    metric: str
    old: int
    new: int
    clause: str         # the rewritten clause of the mutant (printed for development bodies only)
    name: str           # the mutant's file name


def mutation(rep: Report, i: int, cl: dict) -> tuple[str, int] | None:
    """The claim's clause with its figure changed as score.py mutants changes it, and the new value."""
    if (cl.get("scope") or "self") != "self" or cl.get("approx") or cl.get("metric") not in KNOWN_METRICS:
        return None
    if cl["metric"] in SKIP_METRICS:
        return None
    text, val = cl.get("text") or "", cl.get("value")
    if not isinstance(val, int) or isinstance(val, bool) or not text or text not in rep.src:
        return None
    num = str(val)
    at = [m.start() for m in re.finditer(rf"(?<![\d.]){num}(?![\d.])", text)]
    if len(at) != 1 or re.match(r"\s*年", text[at[0] + len(num):]):
        return None
    rnd = random.Random(f"{rep.name}:{i}")
    new = val + rnd.choice([3, 7, 11, 20]) if val >= 3 else val + 5
    return text[:at[0]] + str(new) + text[at[0] + len(num):], new


def run_tool(files: list[Path], cwd: Path) -> dict[str, dict]:
    return claimsweep_run_tool(files, cwd, "check")


def findings(res: dict, severities: tuple[str, ...] = ("error", "warning")) -> list[dict]:
    return [f for f in res.get("findings") or [] if f.get("severity") in severities]


def detected(res: dict, new: int) -> bool:
    """score.py's test: a finding of severity error or warning names the new value."""
    for f in findings(res):
        vals = {float(c["value"]) for c in f.get("claims") or []
                if isinstance(c, dict) and isinstance(c.get("value"), (int, float))}
        if float(new) in vals or re.search(rf"(?<!\d){new}(?!\d)", f.get("message", "")):
            return True
    return False


def error_keys(res: dict) -> Counter[str]:
    """Error findings by rule, fields and claimed figures: the message quotes the reworded clause, and
    a reworded total or part may be read under another metric (figure.part, breakdown.part)."""
    return Counter(f"{f.get('rule')}|{sorted(f.get('fields') or [])}|"
                   f"{sorted(float(c['value']) for c in f.get('claims') or [] if isinstance(c.get('value'), (int, float)))}"
                   for f in findings(res, ("error",)))


@dataclass
class Row:
    mutated: int = 0
    hit: int = 0
    new_errors: int = 0

    def add(self, o: Row) -> None:
        self.mutated += o.mutated
        self.hit += o.hit
        self.new_errors += o.new_errors


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sweep_args(ap, "/tmp/xxgk-mutsweep")
    a = ap.parse_args(argv)
    fams = [f for f in FAMILIES if f.kind == "pos" and (not a.families or f.name in a.families.split(","))]
    out = out_dir(a)
    reps = reports(a.shared, set(a.only.split(",")) if a.only else None)
    t0 = time.time()
    base = run_originals(out, reps, a.cwd, "check")
    table: dict[str, dict[str, Row]] = {}
    for fam in fams:
        t1 = time.time()
        d = out / fam.name
        if d.exists():
            shutil.rmtree(d)
        d.mkdir(parents=True)
        rewritten: list[Report] = []
        mutants: list[Mutant] = []
        for r in reps:
            var, _ = apply(r, fam)
            if not var.rewritten:
                continue
            (d / r.name).write_bytes(var.text.encode(r.enc))
            rewritten.append(r)
            plain = dict(zip((id(c) for c in var.rewritten), (p[1] for p in var.pairs), strict=True))
            for i, cl in enumerate(r.gold.get("claims") or []):
                if id(cl) not in plain:
                    continue
                mut = mutation(r, i, cl)
                if mut is None:
                    continue
                mvar, _ = apply(r, fam, (i, mut[0], float(mut[1])))
                pairs = dict(zip((id(c) for c in mvar.rewritten), (p[1] for p in mvar.pairs), strict=True))
                clause = pairs.get(id(cl))
                # the family words the changed clause too, and the figure did change
                if clause is None or clause == plain[id(cl)] or clause == mut[0]:
                    continue
                p = Path(r.name)
                name = f"{p.stem}__c{i}{p.suffix}"
                (d / name).write_bytes(mvar.text.encode(r.enc))
                mutants.append(Mutant(r, i, cl["metric"], cl["value"], mut[1], clause, name))
        files = [d / r.name for r in rewritten] + [d / m.name for m in mutants]
        res = run_tool(files, a.cwd) if files else {}
        rows = {"all": Row(), "held-out": Row()}
        for r in rewritten:
            extra = error_keys(res.get(r.name, {})) - error_keys(base.get(r.name, {}))
            n = sum(extra.values())
            rows["all"].new_errors += n
            if held_out(r.name):
                rows["held-out"].new_errors += n
            elif n and a.show:
                for k in extra:
                    print(f"  {fam.name} {r.name} new error: {k}")
        shown = 0
        for m in mutants:
            ok = detected(res.get(m.name, {}), m.new)
            parts = ("all", "held-out") if held_out(m.report.name) else ("all",)
            for part in parts:
                rows[part].mutated += 1
                rows[part].hit += ok
            if not ok and not held_out(m.report.name) and shown < a.show:
                shown += 1
                print(f"  {fam.name} {m.report.name} {m.metric} {m.old}->{m.new}: {m.clause}")
        table[fam.name] = rows
        print(f"{fam.name}: {len(rewritten)} files, {rows['all'].mutated} mutants, {time.time() - t1:.0f}s",
              file=sys.stderr)
    print()
    print(f"{'family':16} | {'all: n':>6} {'found':>6} {'rate':>6} {'new err':>7} | "
          f"{'held: n':>7} {'found':>6} {'rate':>6} {'new err':>7}")
    tot = {"all": Row(), "held-out": Row()}
    for fam in fams:
        cells = []
        for part in ("all", "held-out"):
            w = table[fam.name][part]
            tot[part].add(w)
            cells.append(f"{w.mutated:>6} {w.hit:>6} {fmt(w.hit, w.mutated):>6} {w.new_errors:>7}")
        print(f"{fam.name:16} | {cells[0]} | {cells[1]:>}")
    for part in ("all", "held-out"):
        w = tot[part]
        print(f"mutants detected ({part}): {w.hit}/{w.mutated} = {fmt(w.hit, w.mutated)}; "
              f"new errors of the rewritten reports: {w.new_errors}")
    (out / f"results{a.tag}.json").write_text(json.dumps(
        {f: {p: w.__dict__ for p, w in rows.items()} for f, rows in table.items()}, indent=1))
    print(f"total {time.time() - t0:.0f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
