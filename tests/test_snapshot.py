"""Fields, claims and findings on every report we have stay what they were: a speed-up (or a
refactoring) must not change a single figure, claim or finding.

The snapshots hold, per file name, what `xxgk-audit extract` and `check` say of it, with every
string of Chinese text replaced by a short hash (equal text, equal hash; no report text is
committed): field values and provenance (page, offsets), claims (metric, value, span), findings
(rule, severity, span, message hash, fields). `corpus.json` covers the generated reports shipped in
corpus/; `shared.json` the real reports in ../shared/corpus (or $XXGK_SHARED_CORPUS; skipped where
that folder is absent).

A change that is meant to move results updates them, and says so in its commit:

    python tests/test_snapshot.py            # rewrites tests/snapshots/*.json from the current code
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOTS = ROOT / "tests" / "snapshots"
SETS = {"corpus": ROOT / "corpus" / "reports",
        "shared": Path(os.environ.get("XXGK_SHARED_CORPUS") or ROOT.parent / "shared" / "corpus")}


def _h(s: str) -> str:
    """ASCII (codes, metrics, field keys, severities) kept; text with anything else hashed."""
    if s.isascii():
        return s
    return "#" + hashlib.sha1(s.encode("utf-8")).hexdigest()[:12]


def _leaf(v: Any) -> Any:
    if isinstance(v, str):
        return _h(v)
    if isinstance(v, dict):
        return {k: _leaf(x) for k, x in sorted(v.items())}
    if isinstance(v, list):
        return [_leaf(x) for x in v]
    return v


def _field(f: dict[str, Any]) -> list[Any]:
    return [_leaf(f.get(k)) for k in ("value", "raw", "page", "table", "row", "column", "start", "end")]


def _claim(c: dict[str, Any]) -> list[Any]:
    return [_leaf(c.get(k)) for k in ("metric", "value", "unit", "start", "end", "number_start", "number_end",
                                      "scope", "method", "pattern", "approx", "share", "year", "part_of")]


def _finding(f: dict[str, Any]) -> list[Any]:
    return [_leaf(f.get(k)) for k in ("rule", "severity", "start", "end", "message", "fields", "expected",
                                      "actual", "section", "locations")]


def _cli(*args: str) -> list[dict[str, Any]]:
    out = subprocess.run([sys.executable, "-m", "extractor.cli", *args, "--format", "jsonl"], cwd=ROOT,
                         capture_output=True, text=True, timeout=3600)
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


def digest(folder: Path) -> dict[str, Any]:
    """What extract and check say of every report in `folder`, keyed by file name."""
    out: dict[str, Any] = {}
    # the reports, named: a folder's .gold.json files would each be a result too (every file found is)
    files = [str(p) for p in sorted(folder.iterdir()) if p.is_file() and not p.name.endswith(".gold.json")]
    for r in _cli("extract", *files):
        name = Path(r["source"]).name
        out[name] = {
            "status": r["status"], "error": _leaf((r.get("error") or {}).get("code")),
            "meta": _leaf(r.get("meta") or {}),
            "sections": [[s.get("number"), s.get("start"), s.get("end")] for s in r.get("sections") or []],
            "fields": {k: _field(v) for k, v in sorted((r.get("fields") or {}).items())},
            "claims": [_claim(c) for c in r.get("claims") or []],
        }
    for r in _cli("check", *files):
        out.setdefault(Path(r["source"]).name, {})["findings"] = [_finding(f) for f in r.get("findings") or []]
    return dict(sorted(out.items()))


def _compare(name: str) -> None:
    folder = SETS[name]
    if not folder.is_dir():
        pytest.skip(f"{folder} is not here")
    stored = json.loads((SNAPSHOTS / f"{name}.json").read_text(encoding="utf-8"))
    now = digest(folder)
    assert sorted(now) == sorted(stored), "the set of files changed"
    changed = {}
    for file, before in stored.items():
        after = now[file]
        parts = [k for k in sorted(set(before) | set(after)) if before.get(k) != after.get(k)]
        if parts:
            changed[file] = parts
    assert not changed, f"results changed (file: parts): {changed}"


def test_generated_corpus_results_unchanged() -> None:
    _compare("corpus")


def test_real_corpus_results_unchanged() -> None:
    _compare("shared")


if __name__ == "__main__":
    SNAPSHOTS.mkdir(exist_ok=True)
    for key, where in SETS.items():
        if where.is_dir():
            files = digest(where)
            lines = [f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False, sort_keys=True, separators=(',', ':'))}"
                     for k, v in files.items()]  # one line per file: a change shows as that file's line
            (SNAPSHOTS / f"{key}.json").write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")
            print(f"wrote tests/snapshots/{key}.json from {where}")
