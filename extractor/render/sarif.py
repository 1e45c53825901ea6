"""`check --format sarif`: a SARIF 2.1.0 log (one run; the rules from the catalogue).

Regions give character offsets (`charOffset`/`charLength`) into the report's plain text as the
tool normalised it (see spec/output.md), with the quoted sentence as the snippet; the table cells
a finding rests on are logical locations named as a person reads them (表三「…」行「…」列).
A file that could not be read is a tool notification, not a result.
"""

from __future__ import annotations

from typing import Any

from ..model import Report
from .jsonout import claim_obj, number

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _rules() -> tuple[list[dict[str, Any]], dict[str, int]]:
    from ..check.catalogue import catalogue

    rules = []
    index = {}
    for i, (code, spec) in enumerate(catalogue().items()):
        index[code] = i
        rules.append({
            "id": code,
            "name": spec.name,
            "shortDescription": {"text": spec.summary},
            "fullDescription": {"text": spec.explanation.replace("\n", "")},
            "help": {"text": f"{spec.explanation.replace(chr(10), '')}\n依据：{spec.basis}"},
            "defaultConfiguration": {"level": LEVEL[spec.severity]},
            "properties": {"basis": spec.basis, "severity": spec.severity, "message": spec.message},
        })
    return rules, index


def uri(source: str, base: str | None = None) -> str:
    """A source as a SARIF artifact URI: relative to `base` (the working directory, %SRCROOT%) with
    POSIX separators, every character outside the unreserved set percent-encoded (spaces, `#`, `?`,
    `%` itself: a name spelling `%2e%2e%2f` stays a name)."""
    import os
    from urllib.parse import quote

    base = base or os.getcwd()
    rel = os.path.relpath(os.path.abspath(source), base) if source else source
    return "/".join(quote(p, safe="") for p in rel.replace(os.sep, "/").split("/"))


def sarif_log(reports: list[Report], version: str = "0.1.0") -> dict[str, Any]:
    import os
    from pathlib import Path

    rules, index = _rules()
    base = os.getcwd()
    root = Path(base).as_uri().rstrip("/") + "/"
    artifacts = []
    results = []
    notes = []
    for ai, r in enumerate(reports):
        loc_uri = {"uri": uri(r.source, base), "uriBaseId": "SRCROOT"}
        art: dict[str, Any] = {"location": dict(loc_uri)}
        if r.sha256:
            art["hashes"] = {"sha-256": r.sha256}
        if r.meta.format:
            art["properties"] = {"format": r.meta.format, "body": r.meta.body, "year": r.meta.year,
                                 "template": r.meta.template}
        artifacts.append(art)
        if r.status != "ok":
            notes.append({
                "level": "error",
                "message": {"text": f"{r.source}：{r.error.message if r.error else '无法读取'}"},
                "descriptor": {"id": r.error.code if r.error else "error"},
                "locations": [{"physicalLocation": {"artifactLocation": {**loc_uri, "index": ai}}}],
            })
            continue
        for f in r.findings:
            phys: dict[str, Any] = {"artifactLocation": {**loc_uri, "index": ai}}
            if f.start is not None and f.end is not None:
                region: dict[str, Any] = {"charOffset": f.start, "charLength": max(0, f.end - f.start)}
                if f.quote:
                    region["snippet"] = {"text": f.quote}
                phys["region"] = region
            loc: dict[str, Any] = {"physicalLocation": phys}
            if f.locations:
                loc["logicalLocations"] = [{"name": name, "kind": "element"} for name in f.locations]
            res: dict[str, Any] = {
                "ruleId": f.rule,
                "level": LEVEL[f.severity],
                "message": {"text": f.message},
                "locations": [loc],
                "properties": {
                    "severity": f.severity, "section": f.section, "fields": f.fields,
                    "claims": [claim_obj(c) for c in f.claims],
                    "expected": _plain(f.expected), "actual": _plain(f.actual),
                },
            }
            if f.rule in index:
                res["ruleIndex"] = index[f.rule]
            results.append(res)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "xxgk-audit", "version": version, "semanticVersion": version,
                                "language": "zh-CN",
                                "rules": rules}},
            "originalUriBaseIds": {"SRCROOT": {"uri": root}},
            "artifacts": artifacts,
            "results": results,
            "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notes}],
            "columnKind": "unicodeCodePoints",
            "properties": {"offsets": "character offsets into the normalised plain text of each report"},
        }],
    }


def _plain(v: Any) -> Any:
    if isinstance(v, list):
        return [number(x) for x in v]
    return number(v)
