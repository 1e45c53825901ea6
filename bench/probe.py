#!/usr/bin/env python3
"""False findings and detections of the prose checks on edits of the base reports (issue 9: an error is
for certainty; false alarms cost auditors more than silence).

    python bench/probe.py [bench/probes/probe-a.yaml ...] [--show]

A probe file (bench/probes/*.yaml) holds edits of a report under rules/catalogue/_base/, each written
by someone who had not read the rules at the time (its `about:` says when, and whether fixes were made
from it since: then it is development data, no longer held out):
- `expect: consistent` — the edit adds figures that are not the tables' (other bodies', other kinds,
  other years, statistics …) and keeps every figure the tables hold: any finding of a prose rule (P…)
  is a false one;
- `expect: contradiction` — a prose figure now contradicts a table cell: it must get a P401 (error)
  or a P409 (warning).
`body:` renames the reporting body (`rename_from:`) throughout, for a department's or a town's report;
`renames:` lists [old, new] replacements (made after the edit, or before it with `rename_first: true`); `layouts: [plain, scraped]` checks
each edit also as one line with its table cells run together (a finding the unedited base already
gives in that layout is not counted).

Runs in this process (read → structure → extract → check, every rule of the catalogue, one report
at a time, no batch) and prints, per probe file: false errors / warnings / infos over the consistent
edits, and the contradictions flagged (as errors, as warnings only, missed). Not a test: a probe
records where the rules stand; the classes it finds become tests and rule cases.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _report(text: str, name: str) -> Any:
    from extractor.check.engine import run
    from extractor.pipeline import run_stages
    from extractor.read import read_bytes

    report = run_stages(read_bytes(text.encode("utf-8"), f"{name}.txt", ".txt"), upto="extract")
    report.findings = run(report)
    return report


def _prose(report: Any) -> list[Any]:
    return [f for f in report.findings if f.rule.startswith("P")]


def _renamed(text: str, renames: list[tuple[str, ...]]) -> str:
    for a, b in renames:
        text = text.replace(a, b)
    return text


def _scraped(text: str) -> str:
    """The report as text copied from a portal page often is: one line, table cells run together."""
    return text.replace("\r", "").replace("\n", "").replace("\t", "")


def probe(path: Path, show: bool) -> dict[str, dict[str, int]]:
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {layout: _probe(data, path, show, layout) for layout in data.get("layouts") or ["plain"]}


def _probe(data: dict[str, Any], path: Path, show: bool, layout: str) -> Counter[str]:
    shape = _scraped if layout == "scraped" else (lambda t: t)
    first = bool(data.get("rename_first"))  # the edits were written on the renamed report
    rename_from = data.get("rename_from")
    bases: dict[tuple[str, tuple[tuple[str, ...], ...]], str] = {}
    known: dict[tuple[str, tuple[tuple[str, ...], ...]], set[tuple[str, str]]] = {}
    tally: Counter[str] = Counter()
    for e in data["edits"]:
        renames = [tuple(p) for p in e.get("renames") or ()]
        if e.get("body") and rename_from:
            renames.insert(0, (rename_from, e["body"]))
        key = (e["base"], tuple(renames))
        if key not in bases:
            raw = (ROOT / "rules" / "catalogue" / "_base" / e["base"]).read_text(encoding="utf-8")
            before = _prose(_report(shape(_renamed(raw, renames)), "base"))
            if before:
                print(f"   {path.name} ({layout}): the unedited {e['base']} {renames[:1]} already gives "
                      f"{[f.rule for f in before]}")
            bases[key] = raw
            known[key] = {(f.rule, f.message) for f in before}
        base = _renamed(bases[key], renames) if first else bases[key]
        if e["old"] not in base:
            print(f"   {e['name']}: the sentence to replace is not in {key}")
            tally["skipped"] += 1
            continue
        edited = base.replace(e["old"], e["new"], 1)
        edited = edited if first else _renamed(edited, renames)
        found = [f for f in _prose(_report(shape(edited), e["name"]))
                 if (f.rule, f.message) not in known[key]]
        if e["expect"] == "consistent":
            tally["consistent"] += 1
            for f in found:
                tally[f"false_{f.severity}"] += 1
            if found:
                tally["consistent_hit"] += 1
                if show:
                    print(f"   {e['name']}: {e['new']}")
                    for f in found:
                        print(f"      {f.severity} {f.rule} {f.message}")
        else:
            tally["contradiction"] += 1
            kinds = {f.severity for f in found if f.rule in ("P401", "P409")}
            what = "error" if "error" in kinds else "warning" if kinds else "missed"
            tally[f"detected_{what}"] += 1
            if show and what != "error":
                print(f"   {e['name']} ({what}): {e['new']}")
                for f in found:
                    print(f"      {f.severity} {f.rule} {f.message}")
    return tally


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--show", action="store_true", help="print every false finding and every contradiction not an error")
    args = ap.parse_args()
    files = args.files or sorted((ROOT / "bench" / "probes").glob("*.yaml"))
    for path in files:
        for layout, t in probe(path, args.show).items():
            n = t["contradiction"]
            print(f"{path.name} ({layout}): {t['consistent']} consistent edits, {t['consistent_hit']} with a false finding — "
                  f"false errors {t['false_error']}, warnings {t['false_warning']}, infos {t['false_info']}; "
                  f"{n} contradictions: {t['detected_error']} errors, {t['detected_warning']} warnings only, "
                  f"{t['detected_missed']} missed" + (f"; {t['skipped']} edits skipped" if t["skipped"] else ""))


if __name__ == "__main__":
    main()
