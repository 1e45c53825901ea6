"""The rule catalogue: one YAML file per rule under rules/catalogue/, loaded into `RuleSpec`s.

A rule's code, name, severity, message template, explanation, basis and its pass/fail examples
are data; the function that does the checking is bound to the code in `registry`. Codes are
grouped by their letter and first digit (see `FAMILIES`); `--select`/`--ignore` take codes or
prefixes of codes, as ruff does (`T3`, `P`, `S101`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..resources import rules_dir

SEVERITIES = ("error", "warning", "info")

#: code prefix → what the family checks (shown by `xxgk-audit rules`)
FAMILIES: dict[str, str] = {
    "S1": "结构：六个部分、三张表、标题、模板版本、行列标签",
    "N2": "内容：国办公开办函〔2021〕30号对各部分内容的要求",
    "T3": "表格勾稽：表三、表四恒等式，单元格取值",
    "P4": "正文与表格：正文数字、占比、前后表述",
    "F5": "信息处理费与行政事业性收费",
    "Y6": "年份：标题、统计期限、正文年份",
    "C7": "引用：条例名称与国务院令文号",
    "X8": "跨报告：与同一机关上一年度报告衔接，与同年其他机关报告比对",
}

_CODE = re.compile(r"^[A-Z][0-9]{3}$")
_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Example:
    """A report made by applying text edits to a base report under rules/catalogue/_base/."""

    base: str
    edits: tuple[tuple[str, str], ...] = ()
    previous: Example | None = None  # last year's report, for rules that need context
    peer: Example | None = None  # a report of the same year by another body (rules across bodies)
    note: str | None = None

    def text(self) -> str:
        src = (rules_dir() / "catalogue" / "_base" / self.base).read_text(encoding="utf-8")
        for old, new in self.edits:
            if old not in src:
                raise ValueError(f"example edit not applicable to {self.base}: {old!r}")
            src = src.replace(old, new)
        return src


@dataclass(frozen=True)
class RuleSpec:
    code: str
    name: str
    severity: str
    summary: str
    explanation: str
    basis: str
    message: str
    variants: dict[str, str] = field(default_factory=dict)
    needs: tuple[str, ...] = ()  # "claims" (prose claims must be extracted), "context" (other reports)
    examples: dict[str, Example] = field(default_factory=dict)
    params: dict[str, Any] = field(default_factory=dict)  # thresholds the rule reads (similarity, counts)

    @property
    def family(self) -> str:
        return self.code[:2]

    def template(self, variant: str | None = None) -> str:
        if variant is None:
            return self.message
        return self.variants[variant]


def _edit(e: Any) -> tuple[str, str]:
    """[old, new] replaces every `old`; {before: X, insert: T, times: n} puts T (n times) before X."""
    if isinstance(e, dict):
        x = str(e["before"])
        return x, str(e["insert"]) * int(e.get("times", 1)) + x
    a, b = e
    return str(a), str(b)


def _example(d: dict[str, Any]) -> Example:
    edits = tuple(_edit(e) for e in (d.get("edits") or []))
    prev, peer = d.get("previous"), d.get("peer")
    return Example(base=d.get("base", "base-2021.txt"), edits=edits, previous=_example(prev) if prev else None,
                   peer=_example(peer) if peer else None, note=d.get("note"))


def _spec(d: dict[str, Any], path: str) -> RuleSpec:
    missing = [k for k in ("code", "name", "severity", "summary", "explanation", "basis", "message", "examples")
               if not d.get(k)]
    if missing:
        raise ValueError(f"{path}: missing {', '.join(missing)}")
    code = str(d["code"])
    if not _CODE.match(code) or code[:2] not in FAMILIES:
        raise ValueError(f"{path}: bad code {code!r}")
    if not _NAME.match(d["name"]):
        raise ValueError(f"{path}: name must be kebab-case English: {d['name']!r}")
    if d["severity"] not in SEVERITIES:
        raise ValueError(f"{path}: severity must be one of {SEVERITIES}")
    ex = d["examples"]
    if not isinstance(ex, dict) or "pass" not in ex or "fail" not in ex:
        raise ValueError(f"{path}: examples need both `pass` and `fail`")
    return RuleSpec(
        code=code, name=d["name"], severity=d["severity"], summary=d["summary"].strip(),
        explanation=d["explanation"].strip(), basis=d["basis"].strip(), message=d["message"].strip(),
        variants={k: v.strip() for k, v in (d.get("variants") or {}).items()},
        needs=tuple(d.get("needs") or ()),
        examples={k: _example(v) for k, v in ex.items()},
        params=dict(d.get("params") or {}),
    )


@cache
def catalogue() -> dict[str, RuleSpec]:
    """Every rule of rules/catalogue/*.yaml, by code, in code order."""
    import yaml

    out: dict[str, RuleSpec] = {}
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for p in sorted((rules_dir() / "catalogue").glob("*.yaml")):
        with open(p, encoding="utf-8") as fh:
            d = yaml.load(fh, Loader=loader)
        spec = _spec(d, p.name)
        if p.stem != spec.code:
            raise ValueError(f"{p.name}: file name must be the code ({spec.code}.yaml)")
        out[spec.code] = spec
    return dict(sorted(out.items(), key=lambda kv: (kv[0][1:], kv[0])))  # S1…, N2…, T3… X8…


class SelectionError(ValueError):
    """A --select/--ignore entry that names no rule."""


def split_codes(values: list[str] | str | None) -> list[str]:
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    out: list[str] = []
    for v in values:
        out.extend(p.strip().upper() for p in re.split(r"[,\s]+", v) if p.strip())
    return out


def resolve(select: list[str] | str | None = None, ignore: list[str] | str | None = None) -> list[str]:
    """The codes to run: those matching a prefix in `select` (all when empty) and none in `ignore`."""
    codes = list(catalogue())
    sel, ign = split_codes(select), split_codes(ignore)
    for p in sel + ign:
        if p != "ALL" and not any(c.startswith(p) for c in codes):
            raise SelectionError(f"未知的规则代码或前缀：{p}（运行 xxgk-audit rules 查看规则目录）")
    if sel and "ALL" not in sel:
        codes = [c for c in codes if any(c.startswith(p) for p in sel)]
    if "ALL" in ign:
        return []
    return [c for c in codes if not any(c.startswith(p) for p in ign)]
